import type { Amount } from "../../money/amount";
import type { Rule } from "../types";
import { cellOf, figure, qualify, reportEqual, reportSum, roleEn, roleZh } from "../sum/support";
import { grandTotal } from "./support";

export const crossProjectTotal: Rule = {
  id: "cross/project-total",
  severity: "error",
  title: { zh: "项目支出与表十二一致", en: "Project expenditure agrees with Table 12" },
  doc:
    "表三项目支出合计等于表十二（本年预算）合计加表十三（上年结转）合计；表五项目支出合计等于表十二一般公共预算列合计。",
  reads: ["T03", "T05", "T12", "T13"],
  check(ctx, report) {
    const t12 = ctx.table("T12");
    const tot12 = grandTotal(t12);
    if (!t12 || !tot12) return;
    const t13 = ctx.table("T13");
    const tot13 = grandTotal(t13);
    const t03 = ctx.table("T03");
    const tot03 = grandTotal(t03);
    if (t03 && tot03) {
      const parts: Array<Amount | undefined> = [tot12.amounts.total?.amount, tot13?.amounts.total?.amount];
      const related = [qualify(t12.sheet, cellOf(t12, tot12, "total"))];
      if (t13 && tot13) related.push(qualify(t13.sheet, cellOf(t13, tot13, "total")));
      reportSum(
        report,
        () => ({
          table: t03,
          cell: cellOf(t03, tot03, "project"),
          related,
          where: { zh: "表三 合计", en: "Table 3 total row" },
          column: { zh: roleZh(t03, "project"), en: roleEn("project") },
        }),
        tot03.amounts.project?.amount,
        parts,
        { zh: "表十二与表十三合计之和", en: "Table 12 plus Table 13 totals" },
      );
    }
    const t05 = ctx.table("T05");
    const tot05 = grandTotal(t05);
    if (t05 && tot05) reportEqual(report, figure(t05, tot05, "project"), figure(t12, tot12, "gpb"));
  },
};
