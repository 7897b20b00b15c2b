import type Decimal from "decimal.js";

/**
 * The few phrases every finding is built from, in one place, so that all messages say figures the
 * same way a finance clerk would: "20106 财政事务：合计 434.67，下级之和 444.67，差 −10.00（允许尾差 ±0.025）".
 */

/** A difference with its sign, the minus as a real minus sign: "−10.00", "0.01". */
export function signed(d: Decimal, decimals: number): string {
  const s = d.abs().toFixed(Math.max(0, decimals));
  return d.isNegative() && !d.isZero() ? `−${s}` : s;
}

/**
 * A row named with its column, without saying a word twice: "本年支出合计（2026年合计）", but "合计"
 * for the 合计 row's 合计 column rather than "合计（合计）".
 */
export function rowInColumn(row: string, column: string, lang: "zh" | "en"): string {
  const r = row.trim();
  const c = column.trim();
  if (!c || r === c || (lang === "zh" ? r.endsWith(c) : r.toLowerCase() === c.toLowerCase())) return r;
  return lang === "zh" ? `${r}（${c}）` : `${r} (${c})`;
}

/** "1 row", "2 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function grouped(s: string): string {
  const [int, frac] = s.replace(/^-/, "").split(".");
  return `${s.startsWith("-") ? "-" : ""}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? `.${frac}` : ""}`;
}

/**
 * The expected and actual figures a message does not already say: a finding says its figures once,
 * in its own words; these are shown beside it only when the words leave them out.
 */
export function unsaidFigures(f: { expected?: string; actual?: string }, message: string): { expected?: string; actual?: string } {
  const said = (v: string) => message.includes(v) || message.includes(grouped(v)) || message.includes(v.replace(/^-/, "−"));
  const out: { expected?: string; actual?: string } = {};
  if (f.expected !== undefined && f.expected !== "" && !said(f.expected)) out.expected = f.expected;
  if (f.actual !== undefined && f.actual !== "" && !said(f.actual)) out.actual = f.actual;
  return out;
}
