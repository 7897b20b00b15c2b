import type { NewSheet, NewSheetOutcome } from "../taskpane/host";
import { uniqueSheetName } from "../core/publish/addin-sheets";
import { a1, colLetters } from "../core/workbook/snapshot";

/**
 * Adds a sheet of the add-in's own (the JSON package, the charts' data) with its cells and native
 * charts. Two round trips: the sheet names (the new name must not collide: Excel compares them
 * without regard to case), then one batch that adds the sheet, writes its cells and adds its charts.
 * Nothing is written into the user's sheets. Every call here is ExcelApi 1.1–1.2 (worksheets.add,
 * Range.values/numberFormat, charts.add, Chart.title/setPosition/legend, dataLabels;
 * format.autofitColumns 1.2), below the manifest's floor of 1.7.
 */
export async function addSheet(spec: NewSheet): Promise<NewSheetOutcome> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    await context.sync();
    const name = uniqueSheetName(spec.baseName, sheets.items.map((s) => s.name));
    const ws = sheets.add(name);
    const width = Math.max(1, ...spec.rows.map((r) => r.length));
    // Excel on the web takes at most 5 MB a request: a large package goes in blocks of rows, the
    // last block with the charts.
    let r0 = 0;
    while (r0 < spec.rows.length) {
      let r1 = r0;
      let chars = 0;
      while (r1 < spec.rows.length && (r1 === r0 || chars + rowChars(spec.rows[r1]) <= BLOCK_CHARS)) chars += rowChars(spec.rows[r1++]);
      const block = spec.rows.slice(r0, r1);
      const range = ws.getRangeByIndexes(r0, 0, block.length, width);
      // Formats before values: a text column keeps a JSON piece exactly as given.
      range.numberFormat = block.map(() => Array.from({ length: width }, (_x, c) => spec.columnFormats?.[c] ?? "General"));
      range.values = block.map((row) => Array.from({ length: width }, (_x, c) => row[c] ?? ""));
      r0 = r1;
      if (r0 < spec.rows.length) await context.sync();
    }
    if (spec.autofit && spec.rows.length) ws.getRangeByIndexes(0, 0, spec.rows.length, width).format.autofitColumns();
    for (const ch of spec.charts ?? []) {
      const chart = ws.charts.add(ch.type as Excel.ChartType, ws.getRange(ch.source), "Columns" as Excel.ChartSeriesBy);
      chart.name = ch.name;
      chart.title.text = ch.title;
      chart.legend.position = "Right" as Excel.ChartLegendPosition;
      if (ch.type === "Pie") chart.dataLabels.showPercentage = true;
      chart.setPosition(ch.from, ch.to);
    }
    ws.activate();
    await context.sync();
    return { sheet: name };
  });
}

/** Characters of cell text per request (UTF-16: two bytes each, well under Excel on the web's 5 MB). */
const BLOCK_CHARS = 1_000_000;

function rowChars(row: ReadonlyArray<string | number>): number {
  let n = 8;
  for (const v of row) n += typeof v === "string" ? v.length + 4 : 12;
  return n;
}

/** The top-left and bottom-right cells of a block `rows` × `cols` placed at (r, c), for setPosition. */
export function blockCorners(r: number, c: number, rows: number, cols: number): [string, string] {
  return [a1(r, c), `${colLetters(c + cols - 1)}${r + rows}`];
}
