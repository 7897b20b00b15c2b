import type { DisclosureChart } from "../core/publish/charts";
import { chartSheetRows, packageSheetRows, PACKAGE_FIRST_ROW, SHEET_BASE_NAMES } from "../core/publish/addin-sheets";
import type { NewChart, NewSheet } from "./host";

/**
 * What 插入为 Excel 图表 and 写入新工作表 ask the Excel host to add: plain sheet specs built from core's
 * rows (src/core/publish/addin-sheets.ts). Pure, so they are tested without Excel.
 */

/** Rows a chart takes on the sheet, and its width in columns, to the right of the data (F onwards). */
const CHART_ROWS = 16;
const CHART_COL = 5;
const CHART_COLS = 7;

export function chartsSheet(charts: readonly DisclosureChart[], lang: "zh" | "en"): NewSheet {
  const { rows, blocks } = chartSheetRows(charts, lang);
  const out: NewChart[] = blocks.map((b, i) => {
    const top = 1 + i * (CHART_ROWS + 1);
    return {
      name: `budget-${b.chart.id}`,
      type: b.chart.type === "pie" ? "Pie" : "ColumnClustered",
      title: lang === "zh" ? b.chart.title.zh : b.chart.title.en,
      // The header row above the points names the series (金额（万元）).
      source: `A${b.r0}:B${b.r1 + 1}`,
      from: `${colName(CHART_COL)}${top + 1}`,
      to: `${colName(CHART_COL + CHART_COLS - 1)}${top + CHART_ROWS}`,
    };
  });
  const unitFormat = (u: string) => (u === "元" ? "#,##0.00" : "0.00");
  return {
    baseName: lang === "zh" ? SHEET_BASE_NAMES.charts : "Chart data",
    rows: rows.map((r) => r.map((v) => (v === null ? "" : typeof v === "boolean" ? String(v) : v))),
    columnFormats: ["@", unitFormat(charts[0]?.unit ?? "万元"), "0.00%", "@"],
    charts: out,
    autofit: true,
  };
}

/** The JSON package in column A from row PACKAGE_FIRST_ROW, every cell text. */
export function packageSheet(text: string, lang: "zh" | "en"): NewSheet & { firstRow: number; pieces: number } {
  const rows = packageSheetRows(text);
  return { baseName: lang === "zh" ? SHEET_BASE_NAMES.package : "Package JSON", rows, columnFormats: ["@", "@", "@", "@"], firstRow: PACKAGE_FIRST_ROW, pieces: rows.length - 1 };
}

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
