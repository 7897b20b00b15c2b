import type { CellValue, SheetSnapshot } from "../workbook/snapshot";
import { addinSheetKind, SHEET_MARKERS, type AddinSheetKind } from "../workbook/addin-marker";
import type { DisclosureChart } from "./charts";

/**
 * The sheets the add-in writes into a workbook: the JSON package (写入新工作表, for Office on Mac
 * where downloads do not work) and the charts' data (插入为 Excel 图表). Both start with a marker row
 * (../workbook/addin-marker.ts) and recognition skips them whole: the package's JSON holds every
 * title of the workbook, which must not be read as tables or as 情况说明.
 */
export { addinSheetKind, SHEET_MARKERS, type AddinSheetKind };

/** Base names of the sheets (a number is added when the name is taken). */
export const SHEET_BASE_NAMES: Record<AddinSheetKind, string> = { package: "数据包JSON", charts: "图表数据" };

/** Excel's limit on the characters of one cell. */
export const CELL_TEXT_LIMIT = 32_767;
/** Characters per chunk of the package (under the limit, with room to move a boundary). */
export const PACKAGE_CHUNK = 32_000;
/** 1-based row of the first chunk in column A. */
export const PACKAGE_FIRST_ROW = 2;

/**
 * Cuts text into pieces of at most `max` UTF-16 code units, never inside a surrogate pair and never
 * so that a piece starts with a character a spreadsheet takes as the start of a formula (= + - @):
 * written as they are, the pieces concatenate to the same text.
 */
export function chunkText(text: string, max = PACKAGE_CHUNK): string[] {
  if (max < 8) throw new Error("chunk too small");
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + max);
    if (end < text.length) {
      while (end > at + 1 && (isLowSurrogate(text.charCodeAt(end)) || /[=+\-@]/.test(text[end]))) end--;
    }
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The package sheet's cells: row 1 the marker, how to reassemble it (zh, en) and the number of
 * characters; from row PACKAGE_FIRST_ROW down, column A, the chunks. Every cell is text.
 */
export function packageSheetRows(text: string): string[][] {
  const chunks = chunkText(text);
  const last = PACKAGE_FIRST_ROW + chunks.length - 1;
  return [
    [
      SHEET_MARKERS.package,
      `预算公开助手 JSON 数据包：将 A${PACKAGE_FIRST_ROW}:A${last} 各单元格依次连接（不加任何分隔）即为数据包原文，共 ${text.length} 个字符，${chunks.length} 段。本表不是公开表格，校验时不读。`,
      `Budget disclosure JSON package: concatenate cells A${PACKAGE_FIRST_ROW}:A${last} in order (no separator) to get the package, ${text.length} characters in ${chunks.length} pieces. Not a disclosure table; checks skip this sheet.`,
      String(text.length),
    ],
    ...chunks.map((c) => [c]),
  ];
}

export class PackageSheetError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = "PackageSheetError";
  }
}

/** The package text back from its sheet: column A from PACKAGE_FIRST_ROW to the first empty cell, checked against the length in D1. */
export function reassemblePackage(sheet: SheetSnapshot): string {
  if (addinSheetKind(sheet) !== "package") throw new PackageSheetError(`工作表 ${sheet.name} 不是数据包工作表（A1 应为 ${SHEET_MARKERS.package}）`, `sheet ${sheet.name} is not a package sheet (A1 should be ${SHEET_MARKERS.package})`);
  let text = "";
  for (let r = PACKAGE_FIRST_ROW - 1; ; r++) {
    const v = sheet.rows[r]?.[0]?.v;
    if (v === undefined || v === null || v === "") break;
    text += String(v);
  }
  const declared = Number(sheet.rows[0]?.[3]?.v);
  if (Number.isFinite(declared) && declared !== text.length) {
    throw new PackageSheetError(`工作表 ${sheet.name} 的数据包不完整：应有 ${declared} 个字符，读到 ${text.length} 个`, `the package on sheet ${sheet.name} is incomplete: ${declared} characters expected, ${text.length} read`);
  }
  return text;
}

/** Characters Excel does not allow in a sheet name. */
const BAD_NAME_CHARS = /[\\/?*[\]:]/g;
const SHEET_NAME_MAX = 31;

/**
 * A sheet name that no sheet of the workbook has (Excel compares names without regard to case):
 * `base`, else `base (2)`, `base (3)` …, within Excel's 31 characters.
 */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const clean = base.replace(BAD_NAME_CHARS, "_").replace(/^'+|'+$/g, "").slice(0, SHEET_NAME_MAX) || "Sheet";
  if (!taken.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const tail = ` (${i})`;
    const name = clean.slice(0, SHEET_NAME_MAX - tail.length) + tail;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/**
 * "46.01" (per cent) → "0.4601": the decimal point moved in the text, so the cell gets the double
 * nearest the exact fraction (no division in binary floating point, and no decimal.js in the pane's
 * main bundle, which writes these rows).
 */
export function percentToFraction(percent: string): string {
  const neg = percent.startsWith("-");
  const [int, frac = ""] = (neg ? percent.slice(1) : percent).split(".");
  const digits = int.padStart(3, "0");
  return `${neg ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}${frac}`;
}

/** Where one chart's data sits on the charts sheet (0-based rows; columns A:B hold label and amount). */
export interface ChartBlock {
  chart: DisclosureChart;
  /** Row of the chart's title. */
  titleRow: number;
  /** First and last rows of its points (label in A, amount in B, share in C, source cell in D). */
  r0: number;
  r1: number;
}

/**
 * The charts sheet's cells: the marker row, then for each chart its title, a header row and one row
 * per point (name, amount as a number, share as a fraction formatted as a percentage, source cell),
 * and a blank row. Amounts are numbers here because Excel charts draw numbers; the exact figures
 * stay in the package and the source cells named beside them.
 */
export function chartSheetRows(charts: readonly DisclosureChart[], lang: "zh" | "en" = "zh"): { rows: CellValue[][]; blocks: ChartBlock[] } {
  const zh = lang === "zh";
  const rows: CellValue[][] = [[SHEET_MARKERS.charts, zh ? "预算公开助手生成的图表数据（不是公开表格，校验时不读）" : "Chart data written by the budget disclosure assistant (not a disclosure table; checks skip this sheet)"]];
  const blocks: ChartBlock[] = [];
  for (const chart of charts) {
    rows.push([]);
    const titleRow = rows.length;
    rows.push([zh ? chart.title.zh : chart.title.en]);
    rows.push(zh ? ["项目", `金额（${chart.unit}）`, "占比", "来源"] : ["Item", `Amount (${chart.unit})`, "Share", "Source"]);
    const r0 = rows.length;
    for (const p of chart.points) rows.push([p.label, Number(p.amount), Number(percentToFraction(p.share)), `${p.sheet}!${p.cell}`]);
    blocks.push({ chart, titleRow, r0, r1: rows.length - 1 });
  }
  return { rows, blocks };
}
