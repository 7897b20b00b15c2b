/**
 * A block of cells (one table or form) laid out at (0,0), placed later on a sheet at an offset and
 * written with ExcelJS. Keeping blocks position-free lets the same renderer serve one-table-per-sheet,
 * stacked single-sheet layouts and the streaming large workbook.
 */
import type * as ExcelJS from "exceljs";
import { a1, colLetters } from "../../src/core/workbook/snapshot";

export type CellStyleKind =
  | "caption" | "title" | "subtitle" | "unitLine" | "moneyUnit" | "header"
  | "text" | "textWrap" | "code" | "codeNumber" | "amount" | "yuan" | "note" | "paragraph" | "label";

/** A SUM over cells of the same block; `result` is the cached value ExcelJS writes with the formula. */
export interface SumSpec {
  refs: Array<[number, number]>;
  result: number;
}

export interface CellSpec {
  v: string | number | null;
  kind: CellStyleKind;
  sum?: SumSpec;
  /** A formula written as given (edits): wins over v and sum. */
  raw?: { formula: string; result?: number };
}

export interface Block {
  width: number;
  height: number;
  /** rows[r][c]; sparse. */
  rows: Array<Array<CellSpec | undefined> | undefined>;
  merges: Array<[number, number, number, number]>;
  colWidths: number[];
  /** Heights for rows holding long wrapped text. */
  rowHeights: Map<number, number>;
}

export function newBlock(width: number): Block {
  return { width, height: 0, rows: [], merges: [], colWidths: new Array(width).fill(12), rowHeights: new Map() };
}

export function put(b: Block, r: number, c: number, cell: CellSpec): void {
  const row = b.rows[r] ?? (b.rows[r] = []);
  row[c] = cell;
  if (r + 1 > b.height) b.height = r + 1;
}

export function merge(b: Block, r0: number, c0: number, r1: number, c1: number): void {
  if (r0 === r1 && c0 === c1) return;
  b.merges.push([r0, c0, r1, c1]);
  if (r1 + 1 > b.height) b.height = r1 + 1;
}

export { colLetters };

/** A1 address of 0-based row and column (the same addresses the recogniser reports). */
export const addr = a1;

/** SUM(C5:C9,C12) from absolute 0-based refs; consecutive rows of one column become a range. */
export function sumFormula(refs: Array<[number, number]>): string {
  const parts: string[] = [];
  let i = 0;
  while (i < refs.length) {
    let j = i;
    while (j + 1 < refs.length && refs[j + 1][1] === refs[i][1] && refs[j + 1][0] === refs[j][0] + 1) j++;
    parts.push(j > i ? `${addr(refs[i][0], refs[i][1])}:${addr(refs[j][0], refs[j][1])}` : addr(refs[i][0], refs[i][1]));
    i = j + 1;
  }
  return `SUM(${parts.join(",")})`;
}

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = { name: "宋体", size: 10 };

/** Shared style objects, so a 100,000-row sheet does not carry one style object per cell. */
const STYLES: Record<CellStyleKind, Partial<ExcelJS.Style>> = {
  caption: { font: { ...FONT }, alignment: { horizontal: "left", vertical: "middle" } },
  title: { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle" } },
  subtitle: { font: { ...FONT, size: 11 }, alignment: { horizontal: "center", vertical: "middle" } },
  unitLine: { font: { ...FONT }, alignment: { horizontal: "left", vertical: "middle" } },
  moneyUnit: { font: { ...FONT }, alignment: { horizontal: "right", vertical: "middle" } },
  header: {
    font: { ...FONT, bold: true },
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
    border: BORDER,
  },
  text: { font: { ...FONT }, alignment: { horizontal: "left", vertical: "middle" }, border: BORDER, numFmt: "@" },
  textWrap: { font: { ...FONT }, alignment: { horizontal: "left", vertical: "middle", wrapText: true }, border: BORDER },
  label: { font: { ...FONT }, alignment: { horizontal: "center", vertical: "middle", wrapText: true }, border: BORDER },
  code: { font: { ...FONT }, alignment: { horizontal: "left", vertical: "middle" }, border: BORDER, numFmt: "@" },
  codeNumber: { font: { ...FONT }, alignment: { horizontal: "left", vertical: "middle" }, border: BORDER },
  amount: { font: { ...FONT }, alignment: { horizontal: "right", vertical: "middle" }, border: BORDER, numFmt: "0.00" },
  yuan: { font: { ...FONT }, alignment: { horizontal: "right", vertical: "middle" }, border: BORDER, numFmt: "#,##0" },
  note: { font: { ...FONT }, alignment: { horizontal: "left", vertical: "middle" } },
  paragraph: { font: { ...FONT, size: 11 }, alignment: { horizontal: "left", vertical: "top", wrapText: true } },
};

/** A sheet being assembled from blocks: absolute cells, merges and column widths. */
export interface SheetPlan {
  name: string;
  rows: Array<Array<CellSpec | undefined> | undefined>;
  merges: Array<[number, number, number, number]>;
  colWidths: number[];
  rowHeights: Map<number, number>;
  /** Next free row (0-based). */
  next: number;
}

export function newSheetPlan(name: string): SheetPlan {
  return { name, rows: [], merges: [], colWidths: [], rowHeights: new Map(), next: 0 };
}

/** Copies a block to the plan at (r0, c0); SUM refs become absolute. */
export function place(plan: SheetPlan, b: Block, r0: number, c0: number): void {
  for (let r = 0; r < b.rows.length; r++) {
    const src = b.rows[r];
    if (!src) continue;
    const dst = plan.rows[r0 + r] ?? (plan.rows[r0 + r] = []);
    for (let c = 0; c < src.length; c++) {
      const cell = src[c];
      if (!cell) continue;
      dst[c0 + c] = cell.sum
        ? { ...cell, sum: { result: cell.sum.result, refs: cell.sum.refs.map(([rr, cc]) => [rr + r0, cc + c0] as [number, number]) } }
        : cell;
    }
  }
  for (const [a, b2, c, d] of b.merges) plan.merges.push([a + r0, b2 + c0, c + r0, d + c0]);
  b.colWidths.forEach((w, c) => {
    plan.colWidths[c0 + c] = Math.max(plan.colWidths[c0 + c] ?? 0, w);
  });
  b.rowHeights.forEach((h, r) => plan.rowHeights.set(r + r0, h));
  plan.next = Math.max(plan.next, r0 + b.height);
}

function cellValue(cell: CellSpec): ExcelJS.CellValue {
  if (cell.raw) return cell.raw as ExcelJS.CellFormulaValue;
  if (cell.sum) return { formula: sumFormula(cell.sum.refs), result: cell.sum.result } as ExcelJS.CellFormulaValue;
  return cell.v;
}

/**
 * Writes a plan to a worksheet, row by row in order (as the streaming writer requires; `commit`
 * is given for WorksheetWriter rows).
 */
export function writePlan(ws: ExcelJS.Worksheet, plan: SheetPlan, streaming: boolean): void {
  for (let c = 0; c < plan.colWidths.length; c++) {
    if (plan.colWidths[c]) ws.getColumn(c + 1).width = plan.colWidths[c];
  }
  // The streaming writer wants merges before rows are committed past them.
  for (const [r0, c0, r1, c1] of plan.merges) ws.mergeCells(r0 + 1, c0 + 1, r1 + 1, c1 + 1);
  for (let r = 0; r < plan.rows.length; r++) {
    const src = plan.rows[r];
    if (!src) continue;
    const row = ws.getRow(r + 1);
    const h = plan.rowHeights.get(r);
    if (h) row.height = h;
    for (let c = 0; c < src.length; c++) {
      const cell = src[c];
      if (!cell) continue;
      const target = row.getCell(c + 1);
      // A merged cell other than the top-left forwards its value to the top-left one: style only.
      if (target.master === target) target.value = cellValue(cell);
      target.style = STYLES[cell.kind];
    }
    if (streaming) row.commit();
  }
}
