import type { Rule } from "../types";
import { figure, reportEqual } from "../sum/support";
import { allFiscal, grandTotal, totalRow } from "./support";

export const crossSummaryTotals: Rule = {
  id: "cross/summary-totals",
  severity: "error",
  title: { zh: "各表总数一致", en: "Totals agree across tables" },
  doc:
    "表二合计等于表一本年收入合计（上年结转列等于表一上年结转），表三合计等于表一本年支出合计；" +
    "全部为财政拨款时（无财政专户管理资金、单位资金），表四的收入、支出合计与总计等于表一。同一数字在两表中必须分毫不差。",
  reads: ["T01", "T02", "T03", "T04"],
  check(ctx, report) {
    const t01 = ctx.table("T01");
    if (!t01) return;
    const income = totalRow(t01, "本年收入合计", "income");
    const carry = totalRow(t01, "上年结转", "income");
    const spend = totalRow(t01, "本年支出合计", "expenditure");
    const t02 = ctx.table("T02");
    const total02 = grandTotal(t02);
    if (t02 && total02) {
      if (income) reportEqual(report, figure(t02, total02, "total"), figure(t01, income, "amount"));
      if (carry && t02.columns.some((c) => c.role === "carry")) reportEqual(report, figure(t02, total02, "carry"), figure(t01, carry, "amount"));
    }
    const t03 = ctx.table("T03");
    const total03 = grandTotal(t03);
    if (t03 && total03 && spend) reportEqual(report, figure(t03, total03, "total"), figure(t01, spend, "total"));

    const t04 = ctx.table("T04");
    if (!t04 || !allFiscal(ctx)) return;
    const pairs: Array<[string, string, "income" | "expenditure", string]> = [
      ["本年收入合计", "本年收入合计", "income", "amount"],
      ["收入总计", "收入总计", "income", "amount"],
      ["本年支出合计", "本年支出合计", "expenditure", "total"],
      ["支出总计", "支出总计", "expenditure", "total"],
    ];
    for (const [k04, k01, side, role] of pairs) {
      const a = totalRow(t04, k04, side);
      const b = totalRow(t01, k01, side);
      if (a && b) reportEqual(report, figure(t04, a, role), figure(t01, b, role));
    }
    const carry04 = totalRow(t04, "上年财政拨款结转", "income");
    if (carry04 && carry) reportEqual(report, figure(t04, carry04, "amount"), figure(t01, carry, "amount"));
  },
};
