import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), for the values the disclosure package holds: objects
 * (members sorted by their names' UTF-16 code units, members whose value is `undefined` left out),
 * arrays, strings, booleans, null and numbers.
 *
 * A small implementation instead of a package: JCS's string form is ECMAScript's JSON.stringify
 * (RFC 8785 §3.2.2.2 defines it so), and its number form is ECMAScript's Number-to-string, which
 * JSON.stringify also writes (§3.2.2.3); what is left is the member order and refusing what JCS
 * cannot represent (NaN, Infinity; lone surrogates are escaped, see `str`). The package's numbers are all integers (years,
 * counts, scales) — every amount is a decimal string — so no number form question arises in practice.
 *
 * `Lazy` arrays are written item by item through `push`, so a 100,000-row table never becomes one
 * string in memory.
 */
export class Lazy<T = unknown> {
  /** `flat`: the items hold no Lazy arrays themselves (each is written as one piece). */
  constructor(
    readonly items: () => Iterable<T>,
    readonly flat = true,
  ) {}
}

/**
 * A string as JCS writes it. A lone surrogate (a broken workbook can hold one) is not Unicode, and
 * JCS has no form for it; rather than fail the export, it is written as JSON.stringify writes it,
 * the escape \udxxx — still one deterministic text, and ASCII, so the hash is well defined.
 */
function str(s: string): string {
  return JSON.stringify(s);
}

/** Member names in JCS order (UTF-16 code units: JavaScript's default string order). */
function members(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
}

/** Text already in canonical form (a fast writer's output), written as it is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * Where a writer puts canonical JSON in parts, without making strings of them: a TextHash encodes
 * each part straight into its buffer (a 100,000-row table then allocates no string per row).
 */
export interface JsonOut {
  /** ASCII text that JSON writes as it is (no quote, backslash or control character), e.g. `,"cell":`. */
  ascii(s: string): void;
  /** A string in JCS form: quoted and escaped as JSON.stringify writes it. */
  str(s: string): void;
  /** Any text, already in canonical form (it may hold non-ASCII characters). */
  text(s: string): void;
  /** The non-negative integer `k` with a decimal point before its last `decimals` digits (at least one digit before it), `-` first when `negative`. */
  fixed(k: number, decimals: number, negative: boolean): void;
}

/** The text `fixed` writes. */
export function fixedText(k: number, decimals: number, negative: boolean): string {
  let digits = String(k);
  if (decimals > 0) {
    digits = digits.padStart(decimals + 1, "0");
    digits = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** A JsonOut that makes one string (canonicalJson of a Direct value). */
class StringOut implements JsonOut {
  out = "";
  ascii(s: string): void {
    this.out += s;
  }
  text(s: string): void {
    this.out += s;
  }
  str(s: string): void {
    this.out += str(s);
  }
  fixed(k: number, decimals: number, negative: boolean): void {
    this.out += fixedText(k, decimals, negative);
  }
}

/** A value that writes its own canonical JSON into a JsonOut (the same text canonicalJson gives for it). */
export class Direct {
  constructor(readonly write: (out: JsonOut) => void) {}
}

/** The canonical JSON text of a value (Lazy arrays are expanded). */
export function canonicalJson(v: unknown): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return str(v);
    case "boolean":
      return v ? "true" : "false";
    case "number":
      if (!Number.isFinite(v)) throw new Error(`JCS: ${v} has no JSON form`);
      return JSON.stringify(v); // ECMAScript Number.prototype.toString; -0 → 0
    case "object": {
      if (v instanceof Lazy) return canonicalJson([...v.items()]);
      if (v instanceof RawJson) return v.text;
      if (v instanceof Direct) {
        const out = new StringOut();
        v.write(out);
        return out.out;
      }
      if (Array.isArray(v)) return "[" + v.map((x) => (x === undefined ? "null" : canonicalJson(x))).join(",") + "]";
      const o = v as Record<string, unknown>;
      return "{" + members(o).map((k) => str(k) + ":" + canonicalJson(o[k])).join(",") + "}";
    }
    default:
      throw new Error(`JCS: a ${typeof v} has no JSON form`);
  }
}

/** Member names in JCS order, sorted in place by insertion (Array.prototype.sort copies; objects here have few members). */
function sortNames(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/**
 * Writes the canonical JSON of `v` into `out` (the same text as canonicalJson, Lazy arrays expanded)
 * without making a string of each member or item: sealing a package hashes its text as it is
 * written. (String comparison with `>` is by UTF-16 code units, as JCS and sort's default order.)
 */
export function writeJcs(v: unknown, out: JsonOut): void {
  if (v === null) return out.ascii("null");
  switch (typeof v) {
    case "string":
      return out.str(v);
    case "boolean":
      return out.ascii(v ? "true" : "false");
    case "number":
      if (!Number.isFinite(v)) throw new Error(`JCS: ${v} has no JSON form`);
      return out.ascii(JSON.stringify(v));
    case "object": {
      if (v instanceof Direct) return v.write(out);
      if (v instanceof RawJson) return out.text(v.text);
      if (v instanceof Lazy) {
        out.ascii("[");
        let first = true;
        for (const x of v.items()) {
          if (!first) out.ascii(",");
          first = false;
          if (x === undefined) out.ascii("null");
          else writeJcs(x, out);
        }
        return out.ascii("]");
      }
      if (Array.isArray(v)) {
        out.ascii("[");
        for (let i = 0; i < v.length; i++) {
          if (i) out.ascii(",");
          const x = v[i];
          if (x === undefined) out.ascii("null");
          else writeJcs(x, out);
        }
        return out.ascii("]");
      }
      const o = v as Record<string, unknown>;
      const keys = sortNames(Object.keys(o));
      out.ascii("{");
      let first = true;
      for (let i = 0; i < keys.length; i++) {
        const x = o[keys[i]];
        if (x === undefined) continue;
        out.ascii(first ? "" : ",");
        first = false;
        out.str(keys[i]);
        out.ascii(":");
        writeJcs(x, out);
      }
      return out.ascii("}");
    }
    default:
      throw new Error(`JCS: a ${typeof v} has no JSON form`);
  }
}

function containsLazy(v: unknown): boolean {
  if (v instanceof Lazy || v instanceof Direct) return true;
  if (v === null || typeof v !== "object") return false;
  if (Array.isArray(v)) return v.some(containsLazy);
  for (const k in v as Record<string, unknown>) if (containsLazy((v as Record<string, unknown>)[k])) return true;
  return false;
}

/**
 * Writes the canonical JSON of `v` in pieces (the same text as canonicalJson): each item of a Lazy
 * array is one piece. A Direct value writes itself into `out` when given (which must take the text
 * in the same order as `push`), else it is pushed as one string.
 */
export function writeCanonical(v: unknown, push: (s: string) => void, out?: JsonOut): void {
  if (v instanceof Direct) {
    if (out) v.write(out);
    else push(canonicalJson(v));
  } else if (v instanceof Lazy) {
    push("[");
    let first = true;
    for (const x of v.items()) {
      if (!first) push(",");
      first = false;
      // The items of a flat Lazy array (a package's findings: 100,000 of them on a large workbook)
      // go straight into `out`; the rest of a package is small and is written as strings, which
      // costs fewer instructions while the code is not yet optimised (checking one sample
      // workbook: ~22 M fewer than writing all of it through writeJcs).
      if (v.flat) {
        if (x === undefined) push("null");
        else if (out) writeJcs(x, out);
        else push(canonicalJson(x));
      } else writeCanonical(x, push, out);
    }
    push("]");
  } else if (!containsLazy(v)) push(canonicalJson(v));
  else if (Array.isArray(v)) {
    push("[");
    v.forEach((x, i) => {
      if (i) push(",");
      writeCanonical(x, push, out);
    });
    push("]");
  } else {
    const o = v as Record<string, unknown>;
    push("{");
    members(o).forEach((k, i) => {
      push((i ? "," : "") + str(k) + ":");
      writeCanonical(o[k], push, out);
    });
    push("}");
  }
}

/** An incremental hash over bytes. */
export interface ByteHash {
  update(bytes: Uint8Array): void;
  /** Lowercase hex. */
  hex(): string;
}

/** SHA-256 in pure JavaScript (@noble/hashes): the same in Node, the browser page and the pane. */
export function nobleSha256(): ByteHash {
  const h = sha256.create();
  return {
    update: (b) => void h.update(b),
    hex: () => bytesToHex(h.digest()),
  };
}

/**
 * An incremental hash over the UTF-8 of text given in pieces: each piece is encoded into a 64 KB
 * buffer (1 MB when kept) (no joined strings, no garbage per piece), hashed a buffer at a time.
 *
 * With `keep`, the encoded buffers are kept (a fresh buffer after each) for the caller to write
 * after the hash is known: the bytes of a large package then wait outside the JavaScript heap
 * instead of as ~100,000 strings the garbage collector must copy and mark again and again.
 */
export class TextHash implements JsonOut {
  private readonly enc = new TextEncoder();
  /** The buffer being filled, and where its free part starts (see `reserve`). */
  buf: Uint8Array;
  pos = 0;
  private readonly kept: Uint8Array[] | null;
  constructor(
    private readonly h: ByteHash = nobleSha256(),
    keep = false,
  ) {
    this.kept = keep ? [] : null;
    // kept buffers are 1 MB: fewer allocations for a large package (a small one keeps one part-filled buffer)
    this.buf = new Uint8Array(keep ? 1 << 20 : 1 << 16);
  }
  update(s: string): void {
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (s.length * 3 > this.buf.length - this.pos) {
      this.flush();
      if (s.length * 3 > this.buf.length) {
        const bytes = this.enc.encode(s);
        this.h.update(bytes);
        this.kept?.push(bytes);
        return;
      }
    }
    this.pos += this.enc.encodeInto(s, this.buf.subarray(this.pos)).written;
  }
  /**
   * Makes room for `n` bytes in `buf` from `pos` (flushing it when they do not fit after what it
   * holds); false when they would not fit in an empty buffer either. A writer that puts bytes
   * straight into `buf` (putStr, putFixed, putBytes) reserves first, then sets `pos` after them.
   */
  reserve(n: number): boolean {
    if (n <= this.buf.length - this.pos) return true;
    this.flush();
    return n <= this.buf.length;
  }
  text(s: string): void {
    this.update(s);
  }
  ascii(s: string): void {
    if (!this.reserve(s.length)) return this.update(s);
    this.pos = putAscii(this.buf, this.pos, s);
  }
  /** JSON.stringify(s) as UTF-8, encoded here (no string made): escapes as JSON.stringify writes them, lone surrogates as \udxxx. */
  str(s: string): void {
    if (!this.reserve(strBound(s))) return this.update(str(s));
    this.pos = putStr(this.buf, this.pos, s);
  }
  fixed(k: number, decimals: number, negative: boolean): void {
    if (!this.reserve(fixedBound(decimals))) return this.update(fixedText(k, decimals, negative));
    this.pos = putFixed(this.buf, this.pos, k, decimals, negative);
  }
  private flush(): void {
    if (!this.pos) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.h.update(chunk);
    if (this.kept) {
      this.kept.push(chunk);
      this.buf = new Uint8Array(this.buf.length);
    }
    this.pos = 0;
  }
  /** With `keep`: the number of buffers kept so far, everything given until now included. */
  mark(): number {
    this.flush();
    return this.kept!.length;
  }
  /** With `keep`: the UTF-8 of everything given, in order (call after hex()). */
  chunks(): Uint8Array[] {
    this.flush();
    return this.kept!;
  }
  hex(): string {
    this.flush();
    return this.h.hex();
  }
}

const charCodeAt = String.prototype.charCodeAt;

/** The most bytes putStr writes for `s`: 6 a code unit (\u001f), and the quotes. */
export function strBound(s: string): number {
  return s.length * 6 + 2;
}

/** The most bytes putFixed writes: up to 16 digits (k < 2^53), a point and a sign. */
export function fixedBound(decimals: number): number {
  return decimals + 20;
}

/**
 * JSON.stringify(s) as UTF-8 into `b` from `p` (room for strBound(s) bytes must be there); returns
 * the position after it. Escapes as JSON.stringify writes them, lone surrogates as \udxxx.
 */
export function putStr(b: Uint8Array, p: number, s: string): number {
  b[p++] = 34;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    // not s.charCodeAt(i): the strings written come in more kinds (sequential, sliced, cons,
    // internalised, one- or two-byte) than a property load's cache holds, so V8 looked the method up
    // anew for each character (Builtins_LoadIC_Megamorphic: ~700 M instructions a large package)
    const c = charCodeAt.call(s, i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 34 && c !== 92) b[p++] = c;
      else {
        b[p++] = 92;
        const e = c === 34 ? 34 : c === 92 ? 92 : c === 8 ? 98 : c === 12 ? 102 : c === 10 ? 110 : c === 13 ? 114 : c === 9 ? 116 : 0;
        if (e) b[p++] = e;
        else p = hex4(b, p, c);
      }
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 0x3f);
      b[p++] = 0x80 | (c & 0x3f);
    } else {
      const d = i + 1 < n ? charCodeAt.call(s, i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const u = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[p++] = 0xf0 | (u >> 18);
        b[p++] = 0x80 | ((u >> 12) & 0x3f);
        b[p++] = 0x80 | ((u >> 6) & 0x3f);
        b[p++] = 0x80 | (u & 0x3f);
        i++;
      } else {
        b[p++] = 92;
        p = hex4(b, p, c);
      }
    }
  }
  b[p++] = 34;
  return p;
}

/** fixedText(k, decimals, negative) as ASCII into `b` from `p` (room for fixedBound(decimals) bytes); returns the position after it. */
export function putFixed(b: Uint8Array, p: number, k: number, decimals: number, negative: boolean): number {
  if (negative) b[p++] = 45;
  let digits = 1;
  for (let x = k; x >= 10; x = div10(x)) digits++;
  if (digits < decimals + 1) digits = decimals + 1;
  const end = p + digits + (decimals > 0 ? 1 : 0);
  let q = end;
  let x = k;
  for (let i = 0; i < digits; i++) {
    if (i === decimals && decimals > 0) b[--q] = 46;
    const y = div10(x);
    b[--q] = 48 + (x - y * 10);
    x = y;
  }
  return end;
}

/** ⌊x / 10⌋ of an integer 0 ≤ x < 2^53: by 32-bit integer division below 2^31 (most figures), not floating point. */
function div10(x: number): number {
  return x <= 0x7fffffff ? (x / 10) | 0 : Math.floor(x / 10);
}

/** The bytes `src` into `b` from `p` (room must be there); returns the position after them. A loop: the pieces are short. */
export function putBytes(b: Uint8Array, p: number, src: Uint8Array): number {
  for (let i = 0; i < src.length; i++) b[p++] = src[i];
  return p;
}

/** ASCII text (as JsonOut.ascii takes it) into `b` from `p` (room for s.length bytes); returns the position after it. */
export function putAscii(b: Uint8Array, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[p++] = charCodeAt.call(s, i);
  return p;
}

/** The UTF-8 of canonical JSON text made of ASCII pieces and JCS strings, for putBytes: e.g. jsonBytes(",", "gpb", ':{"cell":') for `,"gpb":{"cell":`, every other piece (from the second) a string. */
export function jsonBytes(...pieces: string[]): Uint8Array {
  let n = 0;
  for (let i = 0; i < pieces.length; i++) n += i % 2 ? strBound(pieces[i]) : pieces[i].length;
  const b = new Uint8Array(n);
  let p = 0;
  for (let i = 0; i < pieces.length; i++) p = i % 2 ? putStr(b, p, pieces[i]) : putAscii(b, p, pieces[i]);
  return b.slice(0, p);
}

const HEX = "0123456789abcdef";

/** `u` and four lowercase hex digits of `c` (JSON.stringify's escape), from position p; returns the next position. */
function hex4(b: Uint8Array, p: number, c: number): number {
  b[p++] = 117;
  b[p++] = HEX.charCodeAt(c >> 12);
  b[p++] = HEX.charCodeAt((c >> 8) & 15);
  b[p++] = HEX.charCodeAt((c >> 4) & 15);
  b[p++] = HEX.charCodeAt(c & 15);
  return p;
}

/** SHA-256 of bytes, lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}
