/**
 * `JSON.stringify(doc, null, 2)` as it reads inside `{ "files": [ … ] }` (every line after the first
 * indented four more spaces: what `indentedJson` gives), written straight as UTF-8 bytes.
 *
 * A batch's `--format json` prints each file's package this way. Made as a string, the ~180 KB
 * package was a ~360 KB two-byte string (V8 keeps strings over 128 KB in pages of their own: fresh
 * memory for every file), sliced into a second one, then encoded to UTF-8 a third time (by the worker
 * to send it, or by stdout). Here it is encoded once into one buffer, which a worker moves to the
 * main thread as it is.
 *
 * For the values a package holds: plain objects, arrays, strings, finite numbers, booleans, null and
 * undefined (a member left out, an array item written as null). Anything else — a class instance,
 * an object with toJSON, a bigint, a symbol or a function as a value — makes `prettyJsonBytes`
 * return null, and the caller falls back to JSON.stringify.
 */

/** Where the last package ended: the next buffer starts that large (a batch's files are alike). */
let sizeHint = 1 << 16;

const HEX = "0123456789abcdef";

class Unsupported extends Error {}

class PrettyOut {
  buf: Buffer;
  pos = 0;
  constructor(size: number) {
    // a buffer of its own (never Node's shared pool), not zero-filled: every byte sent is written
    this.buf = Buffer.allocUnsafeSlow(size);
  }
  /** Room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const b = Buffer.allocUnsafeSlow(size);
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }
  ascii(s: string): void {
    this.room(s.length);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }
  /** A newline and `n` spaces. */
  indent(n: number): void {
    this.room(n + 1);
    const b = this.buf;
    let p = this.pos;
    b[p++] = 10;
    for (let i = 0; i < n; i++) b[p++] = 32;
    this.pos = p;
  }
  /** JSON.stringify(s) as UTF-8: its escapes, lone surrogates as \udxxx. */
  str(s: string): void {
    const n = s.length;
    // at most 6 bytes a code unit (\u001f), and the quotes
    this.room(n * 6 + 2);
    const b = this.buf;
    let p = this.pos;
    b[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
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
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
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
    this.pos = p;
  }
}

function hex4(b: Uint8Array, p: number, c: number): number {
  b[p++] = 117;
  b[p++] = HEX.charCodeAt(c >> 12);
  b[p++] = HEX.charCodeAt((c >> 8) & 15);
  b[p++] = HEX.charCodeAt((c >> 4) & 15);
  b[p++] = HEX.charCodeAt(c & 15);
  return p;
}

/** Whether JSON.stringify leaves this member out (an array writes null for it). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}

const objectProto = Object.prototype;

function write(v: unknown, out: PrettyOut, depth: number): void {
  if (v === null) return out.ascii("null");
  switch (typeof v) {
    case "string":
      return out.str(v);
    case "boolean":
      return out.ascii(v ? "true" : "false");
    case "number":
      return out.ascii(Number.isFinite(v) ? String(v) : "null"); // String(-0) is "0", as JSON writes it
    case "object": {
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype || "toJSON" in v) throw new Unsupported();
        if (v.length === 0) return out.ascii("[]");
        out.ascii("[");
        for (let i = 0; i < v.length; i++) {
          if (i) out.ascii(",");
          out.indent(depth + 2);
          const x = v[i];
          if (skipped(x)) out.ascii("null");
          else write(x, out, depth + 2);
        }
        out.indent(depth);
        return out.ascii("]");
      }
      const proto = Object.getPrototypeOf(v);
      if ((proto !== objectProto && proto !== null) || "toJSON" in (v as object)) throw new Unsupported();
      const o = v as Record<string, unknown>;
      let first = true;
      for (const k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
        const x = o[k];
        if (skipped(x)) continue;
        out.ascii(first ? "{" : ",");
        first = false;
        out.indent(depth + 2);
        out.str(k);
        out.ascii(": ");
        write(x, out, depth + 2);
      }
      if (first) return out.ascii("{}");
      out.indent(depth);
      return out.ascii("}");
    }
    default:
      throw new Unsupported(); // bigint (JSON.stringify throws), or a symbol or function at the top
  }
}

/**
 * The UTF-8 of `indentedJson(doc)` — JSON.stringify(doc, null, 2) with every line after the first
 * indented four more spaces — as a Uint8Array over a buffer of its own (it may be longer than the
 * view: a worker can move it without a copy); null for values outside the package's kinds (see above).
 */
export function prettyJsonBytes(doc: unknown): Uint8Array | null {
  const out = new PrettyOut(sizeHint);
  try {
    write(doc, out, 4);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  // the next file's buffer: this one's size and an eighth more, so that a like file needs no second buffer
  sizeHint = Math.max(1 << 12, out.pos + (out.pos >> 3));
  return new Uint8Array(out.buf.buffer, out.buf.byteOffset, out.pos);
}
