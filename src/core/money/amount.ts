import Decimal from "decimal.js";
import type { Cell } from "../workbook/snapshot";
import { formatDecimals, MAX_DECIMALS } from "./format";

/**
 * A money figure as it stands in a cell: an exact decimal plus the precision it is shown with.
 * The precision matters: a figure shown as 12.68 stands for [12.675, 12.685] (see money/interval.ts).
 */
export interface Amount {
  /** The figure as shown (rounded to `decimals`), exact. */
  value: Decimal;
  /** Decimals the figure is displayed with (2 for 434.67 in 万元, 0 for 1,800,000 元). */
  decimals: number;
  /** The stored figure before display rounding; differs from `value` when the cell holds more decimals than it shows. */
  raw: Decimal;
  /** True when the cell held text (e.g. "1,800,000") rather than a number. */
  fromText: boolean;
  /**
   * `value` × 10⁶ as an exact integer, when known without building a Decimal (plain figures of up to
   * 6 decimals and below 10⁹). Sums over a 100,000-row workbook use it and allocate nothing.
   */
  scaled?: number;
}

export type ParsedAmount =
  | { kind: "empty" }
  | { kind: "amount"; amount: Amount }
  | { kind: "error"; text: string } // an Excel error value such as #REF!
  | { kind: "invalid"; text: string }; // text that is not a figure

const DASHES = /^[-－—–―─_\/／\s]*$/;

/** What toHalfWidth changes: most labels and figures have none of it, and go back as they are. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000。]/;

/** Full-width digits, signs and separators to ASCII; ideographic space to space. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  // by code unit, copying the runs between changed characters (for…of made a string of each character)
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    let to: string;
    if (code >= 0xff01 && code <= 0xff5e) to = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) to = " ";
    else if (code === 0x3002) to = ".";
    else continue;
    out += s.slice(from, i) + to;
    from = i + 1;
  }
  return out + s.slice(from);
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** Parses figures the way staff type them: 1,800,000 / １２.５ / 12.50 / blanks and dashes as empty. */
export function parseAmountText(text: string): ParsedAmount {
  const s = toHalfWidth(text).replace(/[\s\u00a0]/g, "").replace(/，/g, ",");
  if (s === "" || DASHES.test(s)) return { kind: "empty" };
  let plain: string | null = null;
  if (NUMERIC.test(s)) plain = s;
  else if (GROUPED.test(s)) plain = s.replace(/,/g, "");
  if (plain === null) return { kind: "invalid", text };
  const dot = plain.indexOf(".");
  const decimals = dot < 0 ? 0 : plain.length - dot - 1;
  const value = new Decimal(plain.endsWith(".") ? plain.slice(0, -1) : plain);
  return { kind: "amount", amount: { value, decimals, raw: value, fromText: true } };
}

// Moved to ./format (no Decimal) so the pane can show formatted cells without decimal.js in its bundle.
export { formatDecimals, MAX_DECIMALS };


/** Decimals of a displayed text such as "434.67" or "1,800,000". */
export function textDecimals(t: string): number | null {
  const s = toHalfWidth(t).trim();
  if (!/\d/.test(s)) return null;
  const m = /\.(\d+)/.exec(s);
  return m ? Math.min(m[1].length, MAX_DECIMALS) : 0;
}

function naturalDecimals(d: Decimal): number {
  return Math.max(0, d.decimalPlaces());
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
const SCALED_LIMIT = 1e15; // |value| × 10⁶ below 2^53

/**
 * A figure that needs no rounding, as its scaled integer (value × 10⁶, exact): the Decimals are built
 * only when a rule asks for them. `scaled / 10⁶` is the cell's number itself (the same double, so the
 * same text): both are the correctly rounded quotient of one integer by 10^decimals.
 */
abstract class ScaledAmount implements Amount {
  // set here so that the slot is in the object from the start (added later it costs a property array)
  private dec: Decimal | undefined = undefined;
  abstract readonly decimals: number;
  abstract readonly scaled: number;
  get fromText(): boolean {
    return false;
  }
  get value(): Decimal {
    return (this.dec ??= new Decimal(String(this.scaled / 1e6)));
  }
  get raw(): Decimal {
    return this.value;
  }
  toJSON(): object {
    return { value: this.value.toString(), decimals: this.decimals, raw: this.value.toString(), fromText: false };
  }
}

/**
 * A figure read from a numeric cell that needs no rounding (the common case), keeping only its
 * scaled integer: the number is not kept beside it (one boxed number fewer a figure). A recognised
 * row's figures are CellAmounts, below, which keep neither.
 */
class PlainAmount extends ScaledAmount {
  constructor(
    readonly decimals: number,
    readonly scaled: number,
  ) {
    super();
  }
}

/** Decimals a number carries by itself (0…6), or -1 beyond that. */
function ownDecimals(n: number): number {
  for (let d = 0; d <= 6; d++) if (Math.round(n * POW10[d]) / POW10[d] === n) return d;
  return -1;
}

/**
 * A plain figure read from a numeric cell, keeping the cell itself rather than its scaled integer:
 * the rows of a recognised table hold ~240,000 of these for a 100,000-row workbook, all of them
 * long-lived, and the reader shares one Cell object between equal cells (snapshot.ts: cells are never
 * changed in place), so the reference costs one slot where `scaled` cost a slot and a boxed double.
 * `scaled` is worked out on each read exactly as `parseAmountCell` works it out (Math.round(v × 10⁶)).
 * Made by `plainFigureDecimals` ≥ 0 only.
 */
export class CellAmount extends ScaledAmount {
  constructor(
    protected readonly src: Cell,
    readonly decimals: number,
  ) {
    super();
  }
  get scaled(): number {
    return Math.round((this.src.v as number) * 1e6);
  }
}

/**
 * The decimals of a numeric cell whose figure is plain — stored with no more decimals than it shows
 * (no rounding) and small enough for an exact scaled integer — or -1 for any other cell (text, error,
 * empty, rounded): those go through `parseAmountCell`. For a plain cell `parseAmountCell` gives the same
 * figure (a PlainAmount of these decimals and Math.round(v × 10⁶)) after the same tests.
 */
export function plainFigureDecimals(cell: Cell): number {
  const n = cell.v;
  if (typeof n !== "number" || cell.error || !Number.isFinite(n)) return -1;
  return plainDecimals(cell, n, ownDecimals(n));
}

function plainDecimals(cell: Cell, n: number, own: number): number {
  let decimals = cell.t !== undefined ? textDecimals(cell.t) : null;
  if (decimals === null) decimals = formatDecimals(cell.z);
  if (decimals === null && own >= 0) decimals = own;
  return decimals !== null && decimals <= 6 && own >= 0 && own <= decimals && Math.abs(n) * 1e6 < SCALED_LIMIT ? decimals : -1;
}

/** Reads a cell as a money figure. Numbers keep the precision they are displayed with. */
export function parseAmountCell(cell: Cell | undefined): ParsedAmount {
  if (!cell || cell.v === null || cell.v === undefined || cell.v === "") return { kind: "empty" };
  if (cell.error) return { kind: "error", text: String(cell.v) };
  if (typeof cell.v === "boolean") return { kind: "invalid", text: String(cell.v) };
  if (typeof cell.v === "string") return parseAmountText(cell.v);
  const n = cell.v;
  if (!Number.isFinite(n)) return { kind: "invalid", text: String(n) };
  const own = ownDecimals(n);
  const plain = plainDecimals(cell, n, own);
  if (plain >= 0) {
    // Stored with no more decimals than shown: no rounding, and the scaled integer is exact.
    const amount = new PlainAmount(plain, Math.round(n * 1e6));
    return { kind: "amount", amount };
  }
  let decimals = cell.t !== undefined ? textDecimals(cell.t) : null;
  if (decimals === null) decimals = formatDecimals(cell.z);
  if (decimals === null && own >= 0) decimals = own;
  // toPrecision(15) drops binary noise such as 434.66999999999996 from cached formula results.
  const raw = new Decimal(n.toPrecision(15));
  if (decimals === null) decimals = naturalDecimals(raw);
  const value = raw.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  return { kind: "amount", amount: { value, decimals, raw, fromText: false } };
}

/** Formats a figure with its own decimals, e.g. 434.67, for messages. */
export function formatAmount(a: Amount | Decimal, decimals?: number): string {
  if (Decimal.isDecimal(a)) return decimals === undefined ? a.toString() : a.toFixed(decimals);
  return a.value.toFixed(a.decimals);
}
