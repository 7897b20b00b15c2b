import * as XLSX from "@e965/xlsx";
import type { OutSheet } from "../core/publish/render";

/**
 * Writes rendered sheets as an .xlsx with SheetJS (already a dependency): values, formulas with
 * their cached values, number formats, merged cells and column widths. SheetJS Community Edition
 * writes no fonts, fills or borders; the layout (merges, formats) is what a reader needs.
 */
export function writeXlsx(sheets: OutSheet[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxR = 0;
    let maxC = 0;
    for (const [a, c] of s.cells) {
      const p = XLSX.utils.decode_cell(a);
      maxR = Math.max(maxR, p.r);
      maxC = Math.max(maxC, p.c);
      ws[a] = c.t === "n" ? { t: "n", v: c.v, ...(c.z ? { z: c.z } : {}), ...(c.f ? { f: c.f } : {}) } : { t: "s", v: c.v };
    }
    ws["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
    if (s.merges.length) ws["!merges"] = s.merges.map((m) => XLSX.utils.decode_range(m));
    ws["!cols"] = Array.from({ length: maxC + 1 }, (_, c) => ({ wch: s.cols[c] ?? 10 }));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx", bookSST: true, compression: true }) as ArrayBuffer);
}
