import type { TableId } from "../../recognise/model";
import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { TOTAL_ROW_TABLES, totalRowSums } from "./relations";
import { checkVertical } from "./vertical";
import { cellOf } from "./support";

const TABLES: readonly TableId[] = TOTAL_ROW_TABLES;

export const sumTotalRow: Rule = tableLocal({
  id: "sum/total-row",
  severity: "error",
  title: { zh: "合计行等于各类之和", en: "Total row equals the sum of the top rows" },
  doc:
    "合计行等于各类（顶层）行之和；表十合计等于三项经费之和；表十一部门合计等于各单位之和；表十二、表十三单位合计等于各项目之和。" +
    "尾差提示，超出允许范围报错。",
  reads: [...TABLES],
  check(ctx, report) {
    for (const id of TABLES) {
      for (const t of ctx.tablesOf(id)) checkVertical(t, totalRowSums(ctx, t), report);
    }
  },
  // A typed figure matters only when it is a total's or one of the rows the total adds up.
  recheckFigure(ctx, { table, row }, report) {
    if (!TABLES.includes(table.id)) return [];
    const sums = totalRowSums(ctx, table).filter((s) => s.parent === row || s.children.includes(row));
    checkVertical(table, sums, report);
    return sums.flatMap((s) => s.roles.map((role) => cellOf(table, s.parent, role)));
  },
});
