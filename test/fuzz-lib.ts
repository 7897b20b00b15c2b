/**
 * Seeded mutations of a real workbook for test/fuzz.test.ts: byte flips, truncations, zip-entry
 * edits, XML edits inside sheets (huge r= values, broken tags, formulas without values) and cell
 * edits. Deterministic for a seed, so a failing case can be replayed by its seed and index.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { prng as rng } from "../scripts/sample/prng";

/** The sample builder's deterministic PRNG (mulberry32), for choosing mutations. */
export { rng };

export interface Mutant {
  kind: string;
  what: string;
  bytes: Uint8Array;
}

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: R, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Stamped on every entry: fflate would stamp the clock, and a mutant replayed later would differ. */
const ZIP_TIME = new Date(2026, 0, 1);

function rezip(files: Record<string, Uint8Array>): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = [v, { level: 1, mtime: ZIP_TIME }];
  return zipSync(z);
}

function sheetNames(files: Record<string, Uint8Array>): string[] {
  return Object.keys(files).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k));
}

/** Replaces one random match of `re` in `s` by `f(match)`. */
function replaceOne(r: R, s: string, re: RegExp, f: (m: RegExpExecArray) => string): string {
  const all: RegExpExecArray[] = [];
  const g = new RegExp(re.source, "g");
  let m: RegExpExecArray | null;
  while ((m = g.exec(s)) && all.length < 5000) all.push(m);
  if (all.length === 0) return s;
  const x = pick(r, all);
  return s.slice(0, x.index) + f(x) + s.slice(x.index + x[0].length);
}

const HUGE_REFS = ["A2147483648", "B4294967297", "XFD1048577", "ZZZZZ5", "XFD1048576", "A1048576", "XFD5", "AAAAAAAA1", "C99999999999999999999"];
const ODD_VALUES = ["1e308", "-0", "NaN", "Infinity", "", "1.5e-320", "3." + "3".repeat(200), "99999999999999999999999", "abc", "&amp;", "1,234.5"];
const XML_EDITS = ["huge r", "drop close tag", "garbage", "formula without value", "huge s", "huge sst index", "odd value", "t=d", "nested row", "duplicate cell", "long decimals format", "cut sheet xml"] as const;

function xmlEdit(r: R, files: Record<string, Uint8Array>): string {
  const sheets = sheetNames(files);
  const name = pick(r, sheets);
  let x = strFromU8(files[name]);
  const kind = pick(r, XML_EDITS);
  switch (kind) {
    case "huge r":
      x = replaceOne(r, x, /<c r="[A-Z]+\d+"/, () => `<c r="${pick(r, HUGE_REFS)}"`);
      if (r() < 0.3) x = replaceOne(r, x, /<row r="\d+"/, () => `<row r="${pick(r, ["2147483648", "1048577", "999999999999", "0", "-5"])}"`);
      break;
    case "drop close tag":
      x = replaceOne(r, x, /<\/(?:c|row|v|sheetData|f|is|t)>/, () => "");
      break;
    case "garbage": {
      const at = int(r, 0, x.length);
      x = x.slice(0, at) + pick(r, ["<", ">", "&", '"', "<c", "<row>", "</c>", "\u0000", "<!--", "<![CDATA[", "]]>", "<?x"]) + x.slice(at);
      break;
    }
    case "formula without value":
      x = x.replace(/<c r="([A-Z]+\d+)"((?: s="\d+")?)><v>([^<]*)<\/v><\/c>/g, (m, ref: string, s: string) => (r() < 0.5 ? `<c r="${ref}"${s}><f>SUM(A1:A2)</f></c>` : m));
      break;
    case "huge s":
      x = replaceOne(r, x, / s="\d+"/, () => ` s="${pick(r, ["99999", "4294967296", "-1"])}"`);
      break;
    case "huge sst index":
      x = replaceOne(r, x, /t="s"><v>\d+<\/v>/, () => `t="s"><v>${pick(r, ["999999", "4294967296", "-1", "1e3", ""])}</v>`);
      break;
    case "odd value":
      x = replaceOne(r, x, /<v>[^<]*<\/v>/, () => `<v>${pick(r, ODD_VALUES)}</v>`);
      break;
    case "t=d":
      x = replaceOne(r, x, /<c r="[A-Z]+\d+"/, (m) => `${m[0]} t="${pick(r, ["d", "e", "b", "str", "inlineStr", "zz", ""])}"`);
      break;
    case "nested row":
      x = replaceOne(r, x, /<row /, () => `<row r="3"><row `);
      break;
    case "duplicate cell":
      x = replaceOne(r, x, /<c [^>]*>(?:<v>[^<]*<\/v>)?<\/c>/, (m) => m[0] + m[0]);
      break;
    case "long decimals format": {
      const st = files["xl/styles.xml"];
      if (st) files["xl/styles.xml"] = strToU8(strFromU8(st).replace(/formatCode="[^"]*"/, `formatCode="0.${"0".repeat(150)}"`));
      break;
    }
    case "cut sheet xml":
      x = x.slice(0, int(r, 0, x.length));
      break;
  }
  files[name] = strToU8(x);
  return `${kind} in ${name}`;
}

function cellEdit(r: R, files: Record<string, Uint8Array>): string {
  const name = pick(r, sheetNames(files));
  let x = strFromU8(files[name]);
  const n = int(r, 1, 6);
  for (let i = 0; i < n; i++) {
    x = replaceOne(r, x, /<c r="[A-Z]+\d+"(?: s="\d+")?><v>[^<]*<\/v><\/c>/, (m) => {
      const v = pick(r, [String(int(r, -1e6, 1e6)), String(r() * 1e4), "0", "-1", "12.345", "1e20"]);
      return m[0].replace(/<v>[^<]*<\/v>/, `<v>${v}</v>`);
    });
  }
  files[name] = strToU8(x);
  return `${n} cell values in ${name}`;
}

function entryEdit(r: R, files: Record<string, Uint8Array>): string {
  const names = Object.keys(files).filter((k) => !k.endsWith("/"));
  const name = pick(r, names);
  const op = pick(r, ["delete", "empty", "garbage", "truncate", "rename"]);
  if (op === "delete") delete files[name];
  else if (op === "empty") files[name] = new Uint8Array(0);
  else if (op === "garbage") files[name] = Uint8Array.from({ length: int(r, 1, 400) }, () => int(r, 0, 255));
  else if (op === "truncate") files[name] = files[name].slice(0, int(r, 0, files[name].length));
  else {
    files[name.toUpperCase()] = files[name];
    delete files[name];
  }
  return `${op} ${name}`;
}

const KINDS = ["flip", "truncate", "truncate-first-entry", "entry", "xml", "xml", "xml", "cell"] as const;

/** The i-th mutant of `seed`. */
export function mutate(sample: Uint8Array, seed: number, i: number): Mutant {
  const r = rng((seed * 1000003) ^ (i * 7919) ^ 0x5bd1e995);
  const kind = pick(r, KINDS);
  switch (kind) {
    case "flip": {
      const b = sample.slice();
      const n = int(r, 1, 8);
      const at: number[] = [];
      for (let k = 0; k < n; k++) {
        const p = int(r, 0, b.length - 1);
        b[p] ^= 1 << int(r, 0, 7);
        at.push(p);
      }
      return { kind, what: `bits flipped at ${at.join(",")}`, bytes: b };
    }
    case "truncate": {
      const n = int(r, 0, sample.length - 1);
      return { kind, what: `cut to ${n} bytes`, bytes: sample.slice(0, n) };
    }
    case "truncate-first-entry": {
      const n = int(r, 10, 450);
      return { kind, what: `cut to ${n} bytes (inside the first zip entry)`, bytes: sample.slice(0, n) };
    }
    default: {
      const files = unzipSync(sample);
      const what = kind === "entry" ? entryEdit(r, files) : kind === "xml" ? xmlEdit(r, files) : cellEdit(r, files);
      return { kind, what, bytes: rezip(files) };
    }
  }
}
