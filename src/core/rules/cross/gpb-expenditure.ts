import { sameFigure } from "../../money/interval";
import type { TableRow } from "../../recognise/model";
import type { Rule } from "../types";
import { figure, reportEqual } from "../sum/support";
import { classRows, grandTotal, onlyGpb, reportUnmatched, subjectKey, t04WithoutCarry, totalRow } from "./support";

const ROLES = ["total", "basic", "project"];
const ROLE_SET = new Set(ROLES);

function indexRows(rows: TableRow[]): Map<string, number> {
  const m = new Map<string, number>();
  rows.forEach((r, i) => {
    const k = subjectKey(r);
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}

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
      const tot03 = grandTotal(t03);
      const tot05 = grandTotal(t05);
      if (tot03 && tot05) for (const role of ROLES) reportEqual(report, figure(t05, tot05, role), figure(t03, tot03, role));
      const rows03 = t03.rows.filter((r) => r.kind === "subject");
      let index03: Map<string, number> | null = null; // built only once the two tables stop running in step
      const matched = new Uint8Array(rows03.length);
      let next = 0;
      for (const r05 of t05.rows) {
        if (r05.kind !== "subject") continue;
        const key = subjectKey(r05);
        let i: number | undefined;
        // 表五 normally lists 表三's rows in the same order: pair by position while the keys agree.
        if (next < rows03.length && subjectKey(rows03[next]) === key) i = next++;
        else {
          index03 ??= indexRows(rows03);
          i = index03.get(key);
        }
        if (i === undefined) {
          for (const role of ROLES) reportUnmatched(report, t05, r05, role, "T03");
          continue;
        }
        matched[i] = 1;
        const r03 = rows03[i];
        // Walk the figures present rather than every column: rows are sparse, and equal rows must not allocate.
        const a = r05.amounts;
        const b = r03.amounts;
        for (const role in a) {
          if (ROLE_SET.has(role) && !sameFigure(a[role].amount, b[role]?.amount)) reportEqual(report, figure(t05, r05, role), figure(t03, r03, role));
        }
        for (const role in b) {
          if (!(role in a) && ROLE_SET.has(role) && !sameFigure(undefined, b[role].amount)) reportEqual(report, figure(t05, r05, role), figure(t03, r03, role));
        }
      }
      for (let i = 0; i < rows03.length; i++) if (!matched[i]) for (const role of ROLES) reportUnmatched(report, t03, rows03[i], role, "T05");
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
