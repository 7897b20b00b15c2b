import type { Rule } from "../types";
import { figure, reportEqual } from "../sum/support";
import { classRows, grandTotal, onlyGpb, reportUnmatched, subjectRows, t04WithoutCarry, totalRow } from "./support";

const ROLES = ["total", "basic", "project"];

export const crossGpbExpenditure: Rule = {
  id: "cross/gpb-expenditure",
  severity: "error",
  title: { zh: "一般公共预算支出与表三、表四一致", en: "General public budget expenditure agrees across tables" },
  doc:
    "表五是表三中一般公共预算的部分：全部资金为当年一般公共预算时，表五逐行逐列等于表三。" +
    "表四无上年财政拨款结转时，其一般公共预算列各类及本年支出合计等于表五对应的类及合计。",
  reads: ["T01", "T02", "T03", "T04", "T05"],
  check(ctx, report) {
    const t05 = ctx.table("T05");
    if (!t05) return;
    const t03 = ctx.table("T03");
    if (t03 && onlyGpb(ctx)) {
      const rows03 = subjectRows(t03);
      const rows05 = subjectRows(t05);
      const tot03 = grandTotal(t03);
      const tot05 = grandTotal(t05);
      for (const role of ROLES) {
        if (tot03 && tot05) reportEqual(report, figure(t05, tot05, role), figure(t03, tot03, role));
        for (const [k, r05] of rows05) {
          const r03 = rows03.get(k);
          if (r03) reportEqual(report, figure(t05, r05, role), figure(t03, r03, role));
          else reportUnmatched(report, t05, r05, role, "T03");
        }
        for (const [k, r03] of rows03) if (!rows05.has(k)) reportUnmatched(report, t03, r03, role, "T05");
      }
    }
    const t04 = ctx.table("T04");
    if (t04 && t04WithoutCarry(t04)) {
      const spend = totalRow(t04, "本年支出合计", "expenditure");
      const tot05 = grandTotal(t05);
      if (spend && tot05) reportEqual(report, figure(t04, spend, "gpb"), figure(t05, tot05, "total"));
      const c05 = classRows(t05);
      for (const [label, r04] of classRows(t04, "expenditure")) {
        const r05 = c05.get(label);
        if (r05) reportEqual(report, figure(t04, r04, "gpb"), figure(t05, r05, "total"));
        else reportUnmatched(report, t04, r04, "gpb", "T05");
      }
    }
  },
};
