import Decimal from "decimal.js";
import type { Amount } from "./amount";

/**
 * Rounding arithmetic after XBRL Calculations 1.1 (round-to-nearest): a figure v shown with d
 * decimals stands for every value that rounds to it, the closed interval [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ].
 * A sum is consistent when the parent's interval meets the sum of the children's intervals.
 *
 * All the subtle arithmetic of the checks lives here so that rules stay short.
 */
export class Interval {
  private constructor(readonly lo: Decimal, readonly hi: Decimal) {}

  /** The figure `value` shown with `decimals` decimals. */
  static of(value: Decimal | string | number, decimals: number): Interval {
    const v = Decimal.isDecimal(value) ? value : new Decimal(value);
    const r = halfUnit(decimals);
    return new Interval(v.minus(r), v.plus(r));
  }

  static fromAmount(a: Amount): Interval {
    return Interval.of(a.value, a.decimals);
  }

  /** A value known exactly (a count, a blank cell meaning zero). */
  static exact(value: Decimal | string | number): Interval {
    const v = Decimal.isDecimal(value) ? value : new Decimal(value);
    return new Interval(v, v);
  }

  static between(lo: Decimal, hi: Decimal): Interval {
    return lo.lte(hi) ? new Interval(lo, hi) : new Interval(hi, lo);
  }

  static sum(intervals: readonly Interval[]): Interval {
    let lo = ZERO;
    let hi = ZERO;
    for (const i of intervals) {
      lo = lo.plus(i.lo);
      hi = hi.plus(i.hi);
    }
    return new Interval(lo, hi);
  }

  plus(o: Interval): Interval {
    return new Interval(this.lo.plus(o.lo), this.hi.plus(o.hi));
  }

  /** Scales by an exact factor, e.g. ×10000 from 万元 to 元. A negative factor swaps the bounds. */
  times(k: Decimal | string | number): Interval {
    const f = Decimal.isDecimal(k) ? k : new Decimal(k);
    return Interval.between(this.lo.times(f), this.hi.times(f));
  }

  /** Closed intervals: touching at one end counts (a difference exactly at the tolerance is consistent). */
  intersects(o: Interval): boolean {
    return this.lo.lte(o.hi) && o.lo.lte(this.hi);
  }

  contains(x: Decimal | string | number | Interval): boolean {
    if (x instanceof Interval) return this.lo.lte(x.lo) && x.hi.lte(this.hi);
    const v = Decimal.isDecimal(x) ? x : new Decimal(x);
    return this.lo.lte(v) && v.lte(this.hi);
  }

  get mid(): Decimal {
    return this.lo.plus(this.hi).div(2);
  }

  /** Half the width: the rounding allowance this interval carries. */
  get radius(): Decimal {
    return this.hi.minus(this.lo).div(2);
  }

  toString(): string {
    return `[${this.lo.toString()}, ${this.hi.toString()}]`;
  }
}

const ZERO = new Decimal(0);
const HALF_UNITS: Decimal[] = [];

/** ½·10⁻ᵈ, cached: rules ask for the same few precisions millions of times. */
export function halfUnit(decimals: number): Decimal {
  if (decimals >= 0 && decimals < 20 && Number.isInteger(decimals)) {
    return (HALF_UNITS[decimals] ??= new Decimal(5).times(new Decimal(10).pow(-(decimals + 1))));
  }
  return new Decimal(5).times(new Decimal(10).pow(-(decimals + 1)));
}

export type SumVerdict = "exact" | "tail" | "error";

export interface SumCheck {
  /** |parent − Σ children| ≤ tolerance: the figures can all be roundings of a true sum. */
  consistent: boolean;
  /** parent = Σ children to the cent. */
  exact: boolean;
  verdict: SumVerdict;
  /** Σ children as shown. */
  expected: Decimal;
  /** The parent as shown (0 when blank). */
  actual: Decimal;
  /** parent − Σ children. */
  difference: Decimal;
  /** ½·10^(−d_P) + Σ ½·10^(−dᵢ) over the figures present. */
  tolerance: Decimal;
  /** Decimals to show the figures with: the finest precision among them (or `decimals` when all are blank). */
  decimals: number;
}

/**
 * Checks parent = Σ children with the rounding allowance of XBRL Calculations 1.1.
 *
 * A blank figure (undefined or null), parent or child, counts as exactly zero and adds nothing to
 * the tolerance: in a budget table a blank cell means nothing was budgeted, whereas a figure that
 * merely rounds to zero is shown as 0.00 and then carries its own ½ cent like any other figure.
 * Counting blanks as ±½ cent would let the 30 mostly blank class rows of 表一 absorb 15 cents.
 *
 * `decimals` is the table's precision, used to show the figures when none is present.
 */
export function checkSum(
  parent: Amount | undefined | null,
  children: ReadonlyArray<Amount | undefined | null>,
  decimals = 2,
): SumCheck {
  let expected = ZERO;
  let tolerance = ZERO;
  let d = -1;
  for (const c of children) {
    if (!c) continue;
    expected = expected.plus(c.value);
    tolerance = tolerance.plus(halfUnit(c.decimals));
    if (c.decimals > d) d = c.decimals;
  }
  const actual = parent ? parent.value : ZERO;
  if (parent) {
    tolerance = tolerance.plus(halfUnit(parent.decimals));
    if (parent.decimals > d) d = parent.decimals;
  }
  const difference = actual.minus(expected);
  const exact = difference.isZero();
  const consistent = difference.abs().lte(tolerance);
  return {
    consistent,
    exact,
    verdict: exact ? "exact" : consistent ? "tail" : "error",
    expected,
    actual,
    difference,
    tolerance,
    decimals: d < 0 ? decimals : d,
  };
}

// ---- fast path ---------------------------------------------------------------------------------
// A full check of a 100,000-row workbook makes about a million additions. Almost all sums are exact,
// so rules first ask `sumVerdict`, which works on integers scaled to a common precision (10⁻⁶) in
// plain JS numbers (exact while below 2^53), and build the Decimal result only for the few sums that
// are not exact. The scaled integer is read off the Decimal's documented digit words (d, e, s): no
// string conversion, no allocation, no cache.

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13];

/**
 * value × 10⁶ as an exact integer, or NaN when |value| ≥ 10⁹ or it has more than 6 decimals.
 * decimal.js keeps base-10⁷ words aligned on the decimal point: value = s·Σ d[i]·10^(7(k−i)), k = ⌊e/7⌋.
 */
export function scaledValue(v: Decimal): number {
  const d = v.d;
  const e = v.e;
  if (!d || e >= 9) return NaN;
  const k = Math.floor(e / 7);
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    const p = 7 * (k - i) + 6;
    const w = d[i];
    if (p >= 0) sum += w * POW10[p];
    else if (p === -1) {
      if (w % 10 !== 0) return NaN;
      sum += w / 10;
    } else if (w !== 0) return NaN;
  }
  return v.s < 0 ? -sum : sum;
}

function scaled(a: Amount): number {
  if (a.scaled !== undefined) return a.scaled;
  return a.decimals > 6 || a.decimals < 0 ? NaN : scaledValue(a.value);
}

/** Twice the half-unit at `d` decimals, in 10⁻⁶ units: 10^(6−d). Doubled so tolerances stay integers. */
const UNIT_AT = [1e6, 1e5, 1e4, 1e3, 100, 10, 1];

/**
 * The verdict of `checkSum` without allocating: "exact", "tail" (within the rounding allowance) or
 * "error". Use `checkSum` afterwards for the figures of a message.
 */
export function sumVerdict(parent: Amount | undefined | null, children: ReadonlyArray<Amount | undefined | null>): SumVerdict {
  let sum = 0;
  let tol2 = 0; // 2 × tolerance, in 10⁻⁶ units
  for (const c of children) {
    if (!c) continue;
    const s = scaled(c);
    if (s !== s) return checkSum(parent, children).verdict;
    sum += s;
    tol2 += UNIT_AT[c.decimals];
  }
  let p = 0;
  if (parent) {
    p = scaled(parent);
    if (p !== p) return checkSum(parent, children).verdict;
    tol2 += UNIT_AT[parent.decimals];
  }
  if (!Number.isSafeInteger(sum)) return checkSum(parent, children).verdict;
  const diff = p - sum;
  if (diff === 0) return "exact";
  return Math.abs(diff) * 2 <= tol2 ? "tail" : "error";
}

/** Two figures meant to be the same number: equal exactly (same precision), blank = 0. For cross-table rules. */
export function sameFigure(a: Amount | undefined | null, b: Amount | undefined | null): boolean {
  if (a === b || (!a && !b)) return true;
  const sa = a ? scaled(a) : 0;
  const sb = b ? scaled(b) : 0;
  if (sa === sa && sb === sb) return sa === sb;
  return (a ? a.value : ZERO).eq(b ? b.value : ZERO);
}

/** Scaled integer of a figure (10⁻⁶ units) for equality maps; NaN when not representable. */
export function amountKey(a: Amount): number {
  return scaled(a);
}
