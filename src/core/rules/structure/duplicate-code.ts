import type { TableRow } from "../../recognise/model";
import type { Rule } from "../types";
import { at, rowName, tableEn, tableZh } from "../sum/support";

export const structureDuplicateCode: Rule = {
  id: "structure/duplicate-code",
  severity: "error",
  title: { zh: "科目编码重复", en: "Duplicate subject code" },
  doc: "同一张表（同一侧）中同一科目编码只能出现一次；重复的行会被重复计入上级与合计。",
  reads: ["*"],
  check(ctx, report) {
    for (const t of ctx.recognition.tables) {
      const seen = new Map<string, TableRow>();
      for (const r of t.rows) {
        if (r.kind !== "subject" || !r.code?.text) continue;
        const key = `${r.side ?? ""}\u0000${r.code.text}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, r);
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
};
