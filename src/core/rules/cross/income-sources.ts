import type { Rule } from "../types";
import { figure, reportEqual } from "../sum/support";
import { grandTotal, incomeLine, SOURCE_LINES } from "./support";

export const crossIncomeSources: Rule = {
  id: "cross/income-sources",
  severity: "error",
  title: { zh: "收入来源与表一一致", en: "Income sources agree with Table 1" },
  doc:
    "表二合计行各资金来源列（一般公共预算、政府性基金、国有资本经营预算、财政专户管理资金、单位资金）等于表一对应的收入项目；" +
    "表四本年收入的三项财政拨款等于表一对应的收入项目。",
  reads: ["T01", "T02", "T04"],
  check(ctx, report) {
    const t01 = ctx.table("T01");
    if (!t01) return;
    const t02 = ctx.table("T02");
    const total02 = grandTotal(t02);
    if (t02 && total02) {
      for (const [role, label] of SOURCE_LINES) {
        const line = incomeLine(t01, label);
        if (line && t02.columns.some((c) => c.role === role)) reportEqual(report, figure(t02, total02, role), figure(t01, line, "amount"));
      }
    }
    const t04 = ctx.table("T04");
    if (t04) {
      for (const [, label] of SOURCE_LINES.slice(0, 3)) {
        const a = incomeLine(t04, label, "current");
        const b = incomeLine(t01, label);
        if (a && b) reportEqual(report, figure(t04, a, "amount"), figure(t01, b, "amount"));
      }
    }
  },
};
