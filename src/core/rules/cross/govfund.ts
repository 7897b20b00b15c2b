import type { Rule } from "../types";
import { figure, reportEqual } from "../sum/support";
import { grandTotal, incomeLine, t04WithoutCarry, totalRow } from "./support";

export const crossGovFund: Rule = {
  id: "cross/govfund",
  severity: "error",
  title: { zh: "政府性基金与表一、表四一致", en: "Government fund tables agree with Tables 1 and 4" },
  doc:
    "表七合计等于表一、表四的政府性基金预算收入；表四无上年财政拨款结转时，表八合计等于表四本年支出合计的政府性基金预算列。",
  reads: ["T01", "T04", "T07", "T08"],
  check(ctx, report) {
    const t07 = ctx.table("T07");
    const tot07 = grandTotal(t07);
    const t01 = ctx.table("T01");
    const t04 = ctx.table("T04");
    if (t07 && tot07) {
      const l01 = incomeLine(t01, "政府性基金预算");
      if (t01 && l01) reportEqual(report, figure(t07, tot07, "amount"), figure(t01, l01, "amount"));
      const l04 = incomeLine(t04, "政府性基金预算", "current");
      if (t04 && l04) reportEqual(report, figure(t07, tot07, "amount"), figure(t04, l04, "amount"));
    }
    const t08 = ctx.table("T08");
    const tot08 = grandTotal(t08);
    if (t08 && tot08 && t04 && t04WithoutCarry(t04)) {
      const spend = totalRow(t04, "本年支出合计", "expenditure");
      if (spend) reportEqual(report, figure(t08, tot08, "total"), figure(t04, spend, "govFund"));
    }
  },
};
