import type { Rule } from "../types";
import { at, tableEn, tableZh } from "../sum/support";
import { majority } from "./support";

export const structureSameYear: Rule = {
  id: "structure/same-year",
  severity: "error",
  title: { zh: "各表年度一致", en: "One budget year across tables" },
  doc: "各表标题中的年度须相同（如均为2026年）；指出与多数表不同的那张表的标题。",
  reads: ["*"],
  figures: false,
  check(ctx, report) {
    const tables = ctx.recognition.tables.filter((t) => t.year !== null && t.year !== undefined);
    const year = ctx.recognition.year ?? majority(tables.map((t) => t.year as number));
    if (year === null || year === undefined) return;
    for (const t of tables) {
      if (t.year === year) continue;
      report(
        at(t, t.title.cell, `${tableZh(t.id)}标题年度为 ${t.year} 年，与其他表（${year} 年）不一致：“${t.title.text}”`, `${tableEn(t.id)} title says ${t.year}, the other tables ${year}: “${t.title.text}”`, {
          expected: String(year),
          actual: String(t.year),
        }),
      );
    }
  },
};
