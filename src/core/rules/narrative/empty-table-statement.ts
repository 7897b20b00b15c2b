import Decimal from "decimal.js";
import type { RecognisedTable } from "../../recognise/model";
import type { Rule } from "../types";
import { quote } from "./extract";
import { NARRATIVE_READS, analyse, at } from "./analysis";
import { EMPTY_STATEMENTS, tableNameOf } from "./targets";
import { layoutOfKey } from "../../layouts/registry";
import { normaliseName } from "./extract";

/** The table's largest figure (its total, in practice) in these columns (all without), or null when it holds nothing but zeros. */
function largest(t: RecognisedTable, roles?: string[]): { value: Decimal; decimals: number; cell: string } | null {
  let best: { value: Decimal; decimals: number; cell: string } | null = null;
  for (const r of t.rows) {
    for (const [role, c] of Object.entries(r.amounts)) {
      if (roles && !roles.includes(role)) continue;
      if (c.amount.value.isZero()) continue;
      if (!best || c.amount.value.abs().gt(best.value.abs())) best = { value: c.amount.value, decimals: c.amount.decimals, cell: c.cell };
    }
  }
  return best;
}

export const emptyTableStatementRule: Rule = {
  id: "narrative/empty-table-statement",
  severity: "warning",
  title: { zh: "说明称无某项经费而表中有数", en: "The text says none, the table has figures" },
  doc:
    "说明称“本单位无“三公”经费预算”“本单位无机关运行经费”等，对应的表（表十、表十一；上海表9中的“三公”各列或机关运行经费列，表6、表7）须无数据。" +
    " A statement that the unit has no such funds requires the matching table to be empty.",
  reads: NARRATIVE_READS,
  check(ctx, report) {
    const a = analyse(ctx);
    for (const n of a.doc.negations) {
      const st = EMPTY_STATEMENTS.find((e) => e.phrases.some((p) => n.phrase.startsWith(normaliseName(p))));
      if (!st) continue;
      const q = quote(a.doc, n.sentence, n.start, n.end);
      for (const target of st.tables) {
        const id = typeof target === "string" ? target : target.table;
        const t = ctx.table(id);
        if (!t) continue;
        const fig = largest(t, typeof target === "string" ? undefined : target.roles);
        if (!fig) continue;
        const name = tableNameOf(id);
        const shown = fig.value.toFixed(fig.decimals);
        const unit = layoutOfKey(t.layoutId, t.id)?.moneyUnit ?? "万元";
        report({
          ...at(a, n.sentence, n.start),
          related: [`${t.sheet}!${fig.cell}`],
          message: `说明称“${q}”，但${name.zh}${t.standardName ? `（${t.standardName}）` : ""}有数据（${shown}${unit}）。`,
          messageEn: `The text says “${q}”, but ${name.en} has figures (${shown}).`,
          expected: "0",
          actual: shown,
        });
      }
    }
  },
};
