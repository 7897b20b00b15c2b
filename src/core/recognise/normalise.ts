import { toHalfWidth } from "../money/amount";

/** For comparing labels: half-width, no white space, no quotes, half-width brackets and colons. */
const NEEDS_WORK = /[\uff01-\uff5e\u3000\s\u00a0“”"'‘’「」『』【】。]/;

export function normaliseLabel(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return toHalfWidth(s)
    .replace(/[\s\u00a0]+/g, "")
    .replace(/[“”"'‘’「」『』]/g, "")
    .replace(/【/g, "[")
    .replace(/】/g, "]");
}

const NUMBERING = [
  /^[一二三四五六七八九十百零]+[、.．]/,
  /^[(（][一二三四五六七八九十百零]+[)）][、.．]?/,
  /^[①-⑳⑴-⒇⒈-⒛]/,
  /^\d{1,2}[、.．](?!\d)/,
  /^[(（]\d{1,2}[)）]/,
];

/** Removes leading numbering: 一、 (一) ① 1、 (1). */
const NUMBERING_START = /^[一二三四五六七八九十百零(（①-⑳⑴-⒇⒈-⒛\d]/;

export function stripNumbering(s: string): string {
  if (!NUMBERING_START.test(s)) return s;
  let out = s;
  for (const re of NUMBERING) {
    const m = re.exec(out);
    if (m) {
      out = out.slice(m[0].length);
      break;
    }
  }
  return out;
}

/** Label of a row's name: numbering and white space removed, brackets half-width. */
export function rowLabel(name: string): string {
  return stripNumbering(normaliseLabel(name));
}

/** Leading indentation in characters: half-width spaces count ½, full-width spaces and tabs 1. */
export function indentOf(s: string): number {
  // by code unit: for…of made a string of the first character (a CJK one each row)
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0xa0) n += 0.5;
    else if (c === 0x3000 || c === 0x09) n += 1;
    else break;
  }
  return n;
}

const yearPatterns = new Map<string, RegExp>();

/** "{year}" in a label matches a four-digit year. */
export function labelMatches(label: string, patterns: readonly string[]): boolean {
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i];
    if (p === label) return true;
    if (p.includes("{year}")) {
      let re = yearPatterns.get(p);
      if (!re) {
        re = new RegExp("^" + p.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace("{year}", "\\d{4}") + "$");
        yearPatterns.set(p, re);
      }
      if (re.test(label)) return true;
    }
  }
  return false;
}

export interface ParsedTitle {
  year: number | null;
  /** The title without caption, unit name and year, normalised. */
  core: string;
}

/** "预算公开表1 2026年预算收支总表" → { year: 2026, core: "预算收支总表" }. */
export function parseTitle(text: string): ParsedTitle {
  let s = normaliseLabel(text);
  s = s.replace(/^(预算公开)?(附)?表([一二三四五六七八九十]+|\d{1,2}(?=\d{4}年|\D))[:、.]?/, "");
  const m = /(\d{4})年度?/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const after = s.slice(m.index + m[0].length);
    return { year, core: after };
  }
  return { year: null, core: s };
}

export function withoutParentheses(s: string): string {
  return s.replace(/\([^()]*\)/g, "");
}
