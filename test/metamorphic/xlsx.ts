/**
 * The file path: a transformed snapshot written as a real .xlsx with ExcelJS (values, formulas with
 * cached results, number formats, merges, hidden rows) and read back with our reader.
 */
import * as ExcelJS from "exceljs";
import { readWorkbookBytes } from "../../src/io/xlsx-read";
import type { WorkbookSnapshot } from "../../src/core/workbook/snapshot";

export async function throughXlsx(wb: WorkbookSnapshot, hidden: Map<string, Set<number>>): Promise<WorkbookSnapshot> {
  const book = new ExcelJS.Workbook();
  for (const sh of wb.sheets) {
    const ws = book.addWorksheet(sh.name);
    for (const m of sh.merges) ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
    sh.rows.forEach((row, r) => {
      if (!row) return;
      const xr = ws.getRow(r + 1);
      row.forEach((cell, c) => {
        if (!cell) return;
        const target = xr.getCell(c + 1);
        target.value = cell.f ? ({ formula: cell.f, result: cell.v ?? undefined } as ExcelJS.CellFormulaValue) : cell.v;
        if (cell.z) target.numFmt = cell.z;
      });
    });
    for (const r of hidden.get(sh.name) ?? []) ws.getRow(r + 1).hidden = true;
  }
  const buf = await book.xlsx.writeBuffer();
  return readWorkbookBytes(new Uint8Array(buf as ArrayBuffer), wb.name);
}
