import * as XLSX from "@e965/xlsx";
import type { UserEntry } from "../core/catalogue/catalogue";
import type { ClassificationKind } from "../core/catalogue/types";
import { parseUserEditionCsvBytes, parseUserEditionRows, type UserEditionProblem } from "../core/catalogue/user-edition";
import { sniffKind } from "./xlsx-read";

/**
 * Reads a user's classification edition, .csv or .xlsx, the same way in the CLI (--catalogue) and in
 * the pane (导入科目目录): every sheet of an .xlsx holding codes is read; a sheet without any code (a
 * cover page, notes) is skipped; a bad line refuses the whole file.
 */
export type CatalogueRead =
  | { ok: true; entries: Array<UserEntry & { kind: ClassificationKind }>; counts: Record<ClassificationKind, number>; csv: string }
  | { ok: false; problem: UserEditionProblem; sheet?: string }
  | { ok: false; problem: null; reason: "not-a-catalogue" | "no-codes" };

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function readCatalogueBytes(bytes: Uint8Array, fileName: string): CatalogueRead {
  const ext = (/\.[^.]+$/.exec(fileName)?.[0] ?? "").toLowerCase();
  if (ext === ".csv" || ext === ".txt") {
    const res = parseUserEditionCsvBytes(bytes);
    if (!res.ok) return { ok: false, problem: res.error };
    return { ok: true, entries: res.data.entries, counts: res.data.counts, csv: new TextDecoder("utf-8").decode(bytes) };
  }
  if (sniffKind(bytes) === "unknown") return { ok: false, problem: null, reason: "not-a-catalogue" };
  return entriesFromWorkbook(XLSX.read(bytes, { type: "array" }));
}

/** The entries of every sheet of a catalogue workbook (the CLI's --catalogue reads .xlsx through this too). */
export function entriesFromWorkbook(wb: XLSX.WorkBook): CatalogueRead {
  const entries: Array<UserEntry & { kind: ClassificationKind }> = [];
  const counts = {} as Record<ClassificationKind, number>;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const range = ws["!ref"] ? XLSX.utils.decode_range(ws["!ref"]) : null;
    if (!range) continue;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, blankrows: true, raw: true, defval: null });
    const res = parseUserEditionRows(rows, { firstRow: range.s.r + 1 });
    if (!res.ok && res.error.line === 0) continue;
    if (!res.ok) return { ok: false, problem: res.error, sheet: name };
    entries.push(...res.data.entries);
    for (const [k, n] of Object.entries(res.data.counts) as Array<[ClassificationKind, number]>) counts[k] = (counts[k] ?? 0) + n;
  }
  if (entries.length === 0) return { ok: false, problem: null, reason: "no-codes" };
  // Kept as two-column CSV (科目编码,科目名称), the form the pane remembers a catalogue in.
  const csv = ["科目编码,科目名称", ...entries.map((e) => `${csvCell(e.code)},${csvCell(e.name)}`)].join("\n");
  return { ok: true, entries, counts, csv };
}
