/**
 * A host-independent snapshot of a workbook. The .xlsx reader (src/node) and the Excel adapter
 * (src/excel) both produce this shape; everything in src/core reads only this.
 *
 * Rows and columns are 0-based here; A1 addresses are built with `a1()` when shown to people.
 */

/** A raw cell value as the host reports it. Excel errors are strings such as "#REF!" with `error: true`. */
export type CellValue = string | number | boolean | null;

/**
 * A cell is not modified once read: to change one, put a new object at its address. The .xlsx
 * reader gives one object to every cell of a workbook with the same plain value and format (a
 * number or a shared string without formula), so changing it in place would change them all.
 */
export interface Cell {
  /** Raw value: number, string, boolean, or null for an empty cell. */
  v: CellValue;
  /** Displayed text (what Excel shows, after number formatting), when the host gives it. */
  t?: string;
  /** Formula without the leading "=", when the cell holds one. */
  f?: string;
  /** Number format code, e.g. "0.00", "#,##0.00", "@" (text), "General". */
  z?: string;
  /** True when the value is an Excel error (#REF!, #VALUE!, #DIV/0!, #N/A, #NAME?, #NULL!, #NUM!). */
  error?: boolean;
}

export interface RangeBox {
  /** first row, first column, last row, last column; all 0-based and inclusive */
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export type SheetVisibility = "visible" | "hidden" | "veryHidden";

export interface SheetSnapshot {
  name: string;
  visibility: SheetVisibility;
  /** Sparse rows: rows[r]?.[c] is the cell at row r, column c (0-based); undefined where empty. */
  rows: Array<Array<Cell | undefined> | undefined>;
  /** Merged areas; only the top-left cell of each holds the value. */
  merges: RangeBox[];
  /**
   * Set when the reader could not read this sheet, or part of it: too large or cells outside Excel's
   * grid (then it has no rows), or text missing from the file (then only its numbers are there).
   * Recognition reports it as unreadable instead of as holding no tables.
   */
  unreadable?: { zh: string; en: string };
  /**
   * A1 addresses of formula cells the file holds without a calculated value (written by a script and
   * never opened in Excel): they read as blank, and checks must not count them as blank.
   */
  uncalculated?: string[];
}

export interface WorkbookSnapshot {
  /** File name or workbook title, for reports. */
  name: string;
  sheets: SheetSnapshot[];
}

const ERROR_VALUES = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"]);

export function isErrorText(s: string): boolean {
  return ERROR_VALUES.has(s);
}

export function getCell(sheet: SheetSnapshot, r: number, c: number): Cell | undefined {
  return sheet.rows[r]?.[c];
}

const LETTERS: string[] = [];

/** Column index (0-based) to letters: 0 → A, 25 → Z, 26 → AA. */
export function colLetters(c: number): string {
  if (c < 256) return (LETTERS[c] ??= computeLetters(c));
  return computeLetters(c);
}

function computeLetters(c: number): string {
  let s = "";
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row and column to an A1 address. */
export function a1(r: number, c: number): string {
  return `${colLetters(c)}${r + 1}`;
}

export function boxToA1(b: RangeBox): string {
  const tl = a1(b.r0, b.c0);
  const br = a1(b.r1, b.c1);
  return tl === br ? tl : `${tl}:${br}`;
}

/** Parses "B12" → { r: 11, c: 1 }. Returns null for anything that is not a single A1 address. */
export function parseA1(addr: string): { r: number; c: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(addr.trim().toUpperCase());
  if (!m) return null;
  let c = 0;
  for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

/**
 * Column indexes of the cells present in a sparse row, ascending: the cost follows the cells that
 * exist, not the row's length (a lone cell at column XFD gives a length of 16,384). Short rows are
 * walked directly, which is faster there.
 */
export function presentColumns(row: ReadonlyArray<Cell | undefined>): readonly number[] {
  if (row.length <= 64) return (RANGES[row.length] ??= Array.from({ length: row.length }, (_, i) => i));
  const out: number[] = [];
  for (const k in row) {
    const c = Number(k);
    if (Number.isInteger(c) && c >= 0 && row[c] !== undefined) out.push(c);
  }
  return out;
}

const RANGES: number[][] = [];

/** Number of rows the sheet spans (last non-empty row + 1). */
export function sheetRowCount(sheet: SheetSnapshot): number {
  return sheet.rows.length;
}

/** Text of a cell as a person reads it: displayed text if known, else the raw value. */
export function cellText(cell: Cell | undefined): string {
  if (!cell || cell.v === null || cell.v === undefined) return "";
  if (cell.t !== undefined && typeof cell.v !== "string") return cell.t;
  return String(cell.v);
}
