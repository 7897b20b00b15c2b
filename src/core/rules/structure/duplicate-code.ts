import type { TableRow } from "../../recognise/model";
import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { at, rowName, tableEn, tableZh } from "../sum/support";

/** Codes listed in strictly ascending order on each side cannot repeat: the usual case, checked without a Map. */
function ascendingCodes(rows: TableRow[]): boolean {
  const prev = { none: "", income: "", expenditure: "" };
  for (const r of rows) {
    const c = r.kind === "subject" ? r.code?.text : undefined;
    if (!c) continue;
    const side = r.side ?? "none";
    if (c <= prev[side]) return false;
    prev[side] = c;
  }
  return true;
}

export const structureDuplicateCode: Rule = tableLocal({
  id: "structure/duplicate-code",
  severity: "error",
  title: { zh: "科目编码重复", en: "Duplicate subject code" },
  doc: "同一张表（同一侧）中同一科目编码只能出现一次；重复的行会被重复计入上级与合计。",
  reads: ["*"],
  figures: false,
  check(ctx, report) {
    for (const t of ctx.recognition.tables) {
      if (ascendingCodes(t.rows)) continue;
      const seen = new Map<TableRow["side"], Map<string, TableRow>>();
      for (const r of t.rows) {
        if (r.kind !== "subject" || !r.code?.text) continue;
        let bySide = seen.get(r.side);
        if (!bySide) seen.set(r.side, (bySide = new Map()));
        const first = bySide.get(r.code.text);
        if (!first) {
          bySide.set(r.code.text, r);
          continue;
        }
        report(
          at(t, r.code.cell, `${tableZh(t.id)}科目编码 ${r.code.text} 重复出现（${rowName(r)}；首次在 ${first.code!.cell}）`, `${tableEn(t.id)}: code ${r.code.text} appears twice (${rowName(r)}; first at ${first.code!.cell})`, {
            related: [first.code!.cell],
          }),
        );
      }
    }
  },
});
