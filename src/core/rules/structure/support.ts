import { toHalfWidth } from "../../money/amount";

/** The most frequent value (first seen wins a tie), or null for an empty list. */
export function majority<T>(values: readonly T[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestN = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestN) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

/** A unit name for comparison: without the 单位名称： label, white space, and with half-width brackets. */
export function normUnit(s: string): string {
  return toHalfWidth(s)
    .replace(/^\s*(预算)?单位名称\s*[:：]?/, "")
    .replace(/[\s\u00a0]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");
}
