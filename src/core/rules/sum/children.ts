import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { childSums, childSumsAround, HIERARCHY_TABLES } from "./relations";
import { cellOf } from "./support";
import { checkVertical } from "./vertical";

export const sumChildren: Rule = tableLocal({
  id: "sum/children",
  severity: "error",
  title: { zh: "上级科目等于下级之和", en: "Parent rows equal the sum of their children" },
  doc:
    "每个类等于其各款之和、每个款等于其各项之和（按科目编码前缀，无编码时按缩进层级），表六每个经济分类类级等于其各款之和；逐个金额列核对。" +
    "只与直接下级比较；差额在四舍五入允许范围内时提示为尾差，超出为错误。",
  reads: [...HIERARCHY_TABLES],
  check(ctx, report) {
    for (const id of HIERARCHY_TABLES) {
      for (const t of ctx.tablesOf(id)) checkVertical(t, childSums(ctx, t), report);
    }
  },
  // A typed figure changes only the row's own relation and its parent's.
  recheckFigure(ctx, { table, row }, report) {
    const sums = childSumsAround(ctx, table, row);
    checkVertical(table, sums, report);
    return sums.flatMap((s) => s.roles.map((role) => cellOf(table, s.parent, role)));
  },
});
