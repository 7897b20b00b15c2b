import { a1, parseA1 } from "../../workbook/snapshot";

/**
 * Reads the cells a simple summing formula adds up: SUM(C7:C9), SUM(C7,C9,C11), C7+C8+C9, and sums
 * of those (SUM(C7:C9)+C12). Anything else — other functions, minus, constants, other sheets — gives
 * null: such formulas are not judged.
 */
export function summedCells(formula: string, limit: { r0: number; r1: number; c0: number; c1: number }): Set<string> | null {
  const f = formula.replace(/^=/, "").replace(/\s+/g, "").toUpperCase();
  if (f === "" || f.includes("!")) return null;
  const out = new Set<string>();
  for (const term of splitTop(f, "+")) {
    if (term === "") return null;
    const m = /^SUM\((.*)\)$/.exec(term);
    if (m) {
      for (const arg of splitTop(m[1], ",")) if (!addRef(arg, out, limit)) return null;
    } else if (!addRef(term, out, limit)) {
      return null;
    }
  }
  return out;
}

/** Splits at `sep` outside parentheses. */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === sep && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

const MAX_CELLS = 1_000_000;

function addRef(ref: string, out: Set<string>, limit: { r0: number; r1: number; c0: number; c1: number }): boolean {
  const [from, to, extra] = ref.split(":");
  if (extra !== undefined) return false;
  const a = parseA1(from);
  if (!a) return false;
  if (to === undefined) {
    out.add(a1(a.r, a.c));
    return true;
  }
  const b = parseA1(to);
  if (!b) return false;
  // Only cells inside the table can be figures of it; clipping keeps SUM(C:C)-like ranges cheap.
  const r0 = Math.max(Math.min(a.r, b.r), limit.r0);
  const r1 = Math.min(Math.max(a.r, b.r), limit.r1);
  const c0 = Math.max(Math.min(a.c, b.c), limit.c0);
  const c1 = Math.min(Math.max(a.c, b.c), limit.c1);
  if ((r1 - r0 + 1) * (c1 - c0 + 1) > MAX_CELLS) return false;
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.add(a1(r, c));
  return true;
}
