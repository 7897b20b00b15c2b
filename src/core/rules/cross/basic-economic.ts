import type { Rule } from "../types";
import { figure, reportEqual } from "../sum/support";
import { grandTotal } from "./support";

export const crossBasicEconomic: Rule = {
  id: "cross/basic-economic",
  severity: "error",
  title: { zh: "基本支出与表六一致", en: "Basic expenditure agrees with Table 6" },
  doc: "表五基本支出合计等于表六（一般公共预算基本支出分经济科目）合计。",
  reads: ["T05", "T06"],
  check(ctx, report) {
    const t05 = ctx.table("T05");
    const t06 = ctx.table("T06");
    const a = grandTotal(t06);
    const b = grandTotal(t05);
    if (t05 && t06 && a && b) reportEqual(report, figure(t06, a, "total"), figure(t05, b, "basic"));
  },
};
