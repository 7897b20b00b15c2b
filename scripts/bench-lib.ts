/**
 * Pieces shared by `npm run bench` and the tests that hold the live re-check to a full check: the
 * edits a user makes in Excel, applied to a snapshot, and the user edition that makes the large
 * benchmark workbook's synthetic codes known. No timing here.
 */
import type { UserEntry } from "../src/core/catalogue/catalogue";
import type { RecognitionResult, TableId } from "../src/core/recognise/model";
import type { Cell, WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { a1, parseA1 } from "../src/core/workbook/snapshot";

/** Puts a value into one cell of the snapshot (null empties it), keeping its number format. */
export function setCell(wb: WorkbookSnapshot, sheet: string, address: string, v: string | number | null): void {
  const { r, c } = parseA1(address)!;
  const s = wb.sheets.find((x) => x.name === sheet)!;
  const old = s.rows[r]?.[c];
  if (v === null) {
    if (s.rows[r]) s.rows[r]![c] = undefined;
    return;
  }
  const cell: Cell = { v };
  if (old?.z !== undefined) cell.z = old.z;
  (s.rows[r] ??= [])[c] = cell;
}

/** Changes one amount cell by 0.01 (a typed correction). */
export function nudgeCell(wb: WorkbookSnapshot, sheet: string, address: string): void {
  const { r, c } = parseA1(address)!;
  const s = wb.sheets.find((x) => x.name === sheet)!;
  const old = s.rows[r]![c]!;
  s.rows[r]![c] = { ...old, v: Math.round(((old.v as number) + 0.01) * 100) / 100 };
}

export interface FigureEdit {
  sheet: string;
  address: string;
  value: string | number | null;
  what: string;
}

const NOT_FIGURES = new Set(["code", "name", "name2"]);

/**
 * A random edit of one figure of a recognised table (not a performance form): nudged by a cent (a
 * rounding tail or a real error, depending on the column), set to a random amount, emptied, typed as
 * text with separators, made negative, given more decimals than it shows, or set back to its
 * original value. Totals and class rows are picked more often than their share, since they take
 * part in the most relations. `only` limits the edits to some tables.
 */
export function randomFigureEdit(rng: () => number, wb: WorkbookSnapshot, recognition: RecognitionResult, original?: WorkbookSnapshot, only?: readonly TableId[]): FigureEdit | null {
  const tables = recognition.tables.filter((t) => t.id !== "PT" && t.rows.length > 0 && (!only || only.includes(t.id)));
  if (tables.length === 0) return null;
  const t = tables[Math.floor(rng() * tables.length)];
  const pick = rng();
  const special = t.rows.filter((r) => r.kind === "total" || (r.kind === "subject" && r.depth === 0));
  const pool = pick < 0.3 && special.length ? special : t.rows;
  const row = pool[Math.floor(rng() * pool.length)];
  const columns = t.columns.filter((c) => !NOT_FIGURES.has(c.role) && (c.side === undefined || row.side === undefined || c.side === row.side));
  if (columns.length === 0) return null;
  const col = columns[Math.floor(rng() * columns.length)];
  const address = a1(row.r, col.c);
  const sheet = wb.sheets.find((s) => s.name === t.sheet)!;
  const current = sheet.rows[row.r]?.[col.c]?.v;
  const n = typeof current === "number" ? current : 0;
  const k = Math.floor(rng() * 7);
  const cents = (x: number) => Math.round(x * 100) / 100;
  switch (k) {
    case 0:
      return { sheet: t.sheet, address, value: cents(n + (rng() < 0.5 ? 0.01 : -0.01)), what: "nudged by a cent" };
    case 1:
      return { sheet: t.sheet, address, value: cents(rng() * 1000), what: "a random amount" };
    case 2:
      return { sheet: t.sheet, address, value: null, what: "emptied" };
    case 3:
      return { sheet: t.sheet, address, value: cents(n + 1000).toLocaleString("en-US", { minimumFractionDigits: 2 }), what: "text with separators" };
    case 4:
      return { sheet: t.sheet, address, value: -cents(rng() * 100 + 0.01), what: "negative" };
    case 5:
      return { sheet: t.sheet, address, value: Math.round(n * 100) / 100 + 0.005, what: "more decimals than shown" };
    default: {
      const before = original?.sheets.find((s) => s.name === t.sheet)?.rows[row.r]?.[col.c]?.v;
      return { sheet: t.sheet, address, value: before === undefined ? null : (before as string | number | null), what: "set back" };
    }
  }
}

/**
 * The large workbook's codes are synthetic (100,000 rows need more codes than the classification
 * has): loaded as a user edition, as a user would with --catalogue, the catalogue rules do their
 * full work without a finding for every row.
 */
export function catalogueEntriesOf(recognition: RecognitionResult): UserEntry[] {
  const entries = new Map<string, UserEntry>();
  for (const t of recognition.tables) for (const r of t.rows) if (r.code && !entries.has(r.code.text)) entries.set(r.code.text, { code: r.code.text, name: r.name.text, kind: "functional" });
  return [...entries.values()];
}
