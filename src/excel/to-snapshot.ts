import type { Cell, RangeBox, SheetSnapshot, SheetVisibility } from "../core/workbook/snapshot";
import { isErrorText } from "../core/workbook/snapshot";

/**
 * Turns what Office.js returns for a range (2-D arrays of values, text, formulas, number formats)
 * into the host-independent snapshot, the same way src/io/xlsx-read.ts does for an .xlsx file:
 * sparse rows, empty strings left out, "General" formats left out, formulas without "=".
 * Pure: no Office.js here, so it is tested on plain arrays.
 */

/** One block of a used range as Office.js gives it; rowIndex/columnIndex are 0-based sheet positions. */
export interface RangeData {
  rowIndex: number;
  columnIndex: number;
  values: unknown[][];
  text?: string[][];
  formulas?: unknown[][];
  numberFormat?: unknown[][];
}

/** Merged area of a sheet as Office.js reports it (RangeAreas.areas items). */
export interface AreaData {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

const EXCEL_VISIBILITY: Record<string, SheetVisibility> = {
  Visible: "visible",
  Hidden: "hidden",
  VeryHidden: "veryHidden",
};

export function toVisibility(v: string | undefined): SheetVisibility {
  return (v && EXCEL_VISIBILITY[v]) || "visible";
}

function formatOf(z: unknown): string | undefined {
  if (typeof z !== "string" || z === "" || z === "General") return undefined;
  return z;
}

/**
 * Text Excel shows for a number, when it can be trusted to tell the decimals: only under a fixed
 * format. Under "General" Excel shortens numbers to the column width (434.67 shows as 434.7 in a
 * narrow column), and a too-narrow fixed format shows "####".
 */
function shownText(text: string | undefined, z: string | undefined): string | undefined {
  if (z === undefined || text === undefined || text === "") return undefined;
  if (/^#+$/.test(text.trim())) return undefined;
  return text;
}

/** One cell; undefined for an empty cell without a formula. */
export function toCell(value: unknown, text?: string, formula?: unknown, format?: unknown): Cell | undefined {
  // Office.js repeats the constant in `formulas` for plain cells; only a string starting with "="
  // that differs from the value is a formula (text typed as '=abc comes back the same in both).
  const f = typeof formula === "string" && formula.startsWith("=") && formula !== value ? formula.slice(1) : undefined;
  const z = formatOf(format);
  if (typeof value === "number") {
    const cell: Cell = { v: value };
    if (z !== undefined) cell.z = z;
    const t = shownText(text, z);
    if (t !== undefined) cell.t = t;
    if (f !== undefined) cell.f = f;
    return cell;
  }
  if (typeof value === "boolean") {
    const cell: Cell = { v: value };
    if (f !== undefined) cell.f = f;
    return cell;
  }
  if (value === null || value === undefined || value === "") {
    if (f === undefined) return undefined;
    return { v: "", f };
  }
  const v = String(value);
  const cell: Cell = { v };
  if (z !== undefined) cell.z = z;
  if (f !== undefined) cell.f = f;
  if (isErrorText(v)) cell.error = true;
  return cell;
}

/** Writes one range block (or its rows [from, to)) into sparse rows (indexes are sheet positions). */
export function addRange(rows: Array<Array<Cell | undefined> | undefined>, data: RangeData, from = 0, to = data.values.length): void {
  const { values } = data;
  for (let i = from; i < Math.min(to, values.length); i++) {
    const src = values[i];
    if (!src) continue;
    const r = data.rowIndex + i;
    for (let j = 0; j < src.length; j++) {
      const cell = toCell(src[j], data.text?.[i]?.[j], data.formulas?.[i]?.[j], data.numberFormat?.[i]?.[j]);
      if (!cell) continue;
      const row = rows[r] ?? (rows[r] = []);
      row[data.columnIndex + j] = cell;
    }
  }
}

/** Merged areas as boxes, each once (blocks read separately may report the same area twice). */
export function toMerges(areas: AreaData[]): RangeBox[] {
  const seen = new Set<string>();
  const out: RangeBox[] = [];
  for (const a of areas) {
    if (a.rowCount <= 1 && a.columnCount <= 1) continue;
    const box = { r0: a.rowIndex, c0: a.columnIndex, r1: a.rowIndex + a.rowCount - 1, c1: a.columnIndex + a.columnCount - 1 };
    const key = `${box.r0},${box.c0},${box.r1},${box.c1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(box);
  }
  return out.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
}

export function toSheetSnapshot(name: string, visibility: string | undefined, blocks: RangeData[], areas: AreaData[] = []): SheetSnapshot {
  const rows: Array<Array<Cell | undefined> | undefined> = [];
  for (const b of blocks) addRange(rows, b);
  return sheetOf(name, visibility, rows, areas);
}

function sheetOf(name: string, visibility: string | undefined, rows: Array<Array<Cell | undefined> | undefined>, areas: AreaData[]): SheetSnapshot {
  // The used range may end in rows that hold only empty strings; the snapshot ends at the last cell.
  let last = rows.length - 1;
  while (last >= 0 && !rows[last]) last--;
  rows.length = last + 1;
  return { name, visibility: toVisibility(visibility), rows, merges: toMerges(areas) };
}

/** Rows turned into cells between two chances to yield. */
const SLICE_ROWS = 500;

/**
 * toSheetSnapshot with a chance to yield every few hundred rows (`pause` returns a promise when it
 * wants the event loop to have a turn): the same snapshot, without one long task on the pane's
 * main thread for a 100,000-row sheet.
 */
export async function toSheetSnapshotSliced(
  name: string,
  visibility: string | undefined,
  blocks: RangeData[],
  areas: AreaData[],
  pause: () => Promise<void> | undefined,
): Promise<SheetSnapshot> {
  const rows: Array<Array<Cell | undefined> | undefined> = [];
  for (const b of blocks) {
    for (let i = 0; i < b.values.length; i += SLICE_ROWS) {
      addRange(rows, b, i, i + SLICE_ROWS);
      const p = pause();
      if (p) await p;
    }
  }
  return sheetOf(name, visibility, rows, areas);
}

/** Rows per read block: at most `maxRows`, and at most `cellBudget` cells per block. */
export interface BlockPlan {
  rowOffset: number;
  rowCount: number;
}

/**
 * Splits a used range into row blocks so that no single request exceeds the Excel on the web
 * payload limit (5 MB per request and response; values, text, formulas and formats are read
 * together, so 100,000 cells stay well under it).
 */
export function planBlocks(rowCount: number, columnCount: number, cellBudget = 100_000, maxRows = 5_000): BlockPlan[] {
  if (rowCount <= 0 || columnCount <= 0) return [];
  const per = Math.max(1, Math.min(maxRows, Math.floor(cellBudget / columnCount)));
  const out: BlockPlan[] = [];
  for (let r = 0; r < rowCount; r += per) out.push({ rowOffset: r, rowCount: Math.min(per, rowCount - r) });
  return out;
}
