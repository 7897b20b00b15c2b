import type { Rule } from "../types";
import { figure, reportEqual } from "../sum/support";
import { allFiscal, classRows, reportUnmatched } from "./support";

export const crossClassRows: Rule = {
  id: "cross/class-rows",
  severity: "error",
  title: { zh: "支出功能分类类级与表三一致", en: "Expenditure classes agree across tables" },
  doc:
    "表一各支出功能分类类级（按名称）等于表三对应的类；全部为财政拨款时，表四各类的小计也等于表一。" +
    "一边有数而另一边没有同名的类，同样报错。",
  reads: ["T01", "T02", "T03", "T04"],
  check(ctx, report) {
    const t01 = ctx.table("T01");
    const t03 = ctx.table("T03");
    if (!t01) return;
    const c01 = classRows(t01, "expenditure");
    if (t03) {
      const c03 = classRows(t03);
      for (const [label, r03] of c03) {
        const r01 = c01.get(label);
        if (r01) reportEqual(report, figure(t03, r03, "total"), figure(t01, r01, "total"));
        else reportUnmatched(report, t03, r03, "total", "T01");
      }
      for (const [label, r01] of c01) if (!c03.has(label)) reportUnmatched(report, t01, r01, "total", "T03");
    }
    const t04 = ctx.table("T04");
    if (t04 && allFiscal(ctx)) {
      const c04 = classRows(t04, "expenditure");
      for (const [label, r04] of c04) {
        const r01 = c01.get(label);
        if (r01) reportEqual(report, figure(t04, r04, "total"), figure(t01, r01, "total"));
        else reportUnmatched(report, t04, r04, "total", "T01");
      }
    }
  },
};
