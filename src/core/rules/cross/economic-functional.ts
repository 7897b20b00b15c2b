import type { Amount } from "../../money/amount";
import type { Severity } from "../../report/finding";
import type { TableRow } from "../../recognise/model";
import type { Rule, RuleReport } from "../types";
import { cellOf, figure, qualify, reportEqual, reportSum } from "../sum/support";

/**
 * 表六 economic items that correspond one-to-one (or one-to-two) with functional 项 of 表五.
 * 医疗 and 退休费 may also draw on other 项 (2101199, 离休费 …), so a mismatch there is a warning.
 */
const MAPPING: Array<{ label: string; codes: string[]; severity: Severity }> = [
  { label: "机关事业单位基本养老保险缴费", codes: ["2080505"], severity: "error" },
  { label: "职业年金缴费", codes: ["2080506"], severity: "error" },
  { label: "职工基本医疗保险缴费", codes: ["2101101", "2101102"], severity: "warning" },
  { label: "公务员医疗补助缴费", codes: ["2101103"], severity: "error" },
  { label: "住房公积金", codes: ["2210201"], severity: "error" },
  { label: "退休费", codes: ["2080501", "2080502"], severity: "warning" },
];

/** Names get truncated in real tables ("机关事业单位基本养老保险缴费支"): a long enough prefix matches. */
function sameItem(label: string, key: string): boolean {
  return label === key || (label.length >= 4 && (key.startsWith(label) || label.startsWith(key)));
}

const WANTED = new Set(MAPPING.flatMap((m) => m.codes));

export const crossEconomicFunctional: Rule = {
  id: "cross/economic-functional",
  severity: "error",
  title: { zh: "经济分类与功能分类对应", en: "Economic items agree with functional items" },
  doc:
    "表六的社保缴费与住房公积金等经济科目等于表五相应功能科目的基本支出：养老保险缴费=2080505，职业年金缴费=2080506，" +
    "职工基本医疗保险缴费=2101101+2101102，公务员医疗补助缴费=2101103，住房公积金=2210201，退休费=2080501+2080502。两边都有时才核对；单一对应须分毫不差，两项对一项时允许尾差。",
  reads: ["T05", "T06"],
  check(ctx, report) {
    const t05 = ctx.table("T05");
    const t06 = ctx.table("T06");
    if (!t05 || !t06) return;
    // Only the few codes of the mapping are looked up: index those, not a 100,000-row 表五 (this runs
    // again on every live re-check of 表五 or 表六).
    const byCode = new Map<string, TableRow>();
    for (const r of t05.rows) if (r.kind === "subject" && r.code && WANTED.has(r.code.text) && !byCode.has(r.code.text)) byCode.set(r.code.text, r);
    for (const m of MAPPING) {
      const item = t06.rows.find((r) => r.kind === "subject" && r.depth > 0 && sameItem(r.label, m.label));
      const rows = m.codes.map((c) => byCode.get(c)).filter((r): r is TableRow => r !== undefined);
      if (!item || rows.length === 0) continue;
      const own = (f: RuleReport) => report(f.severity === "error" || f.severity === undefined ? { ...f, severity: m.severity } : f);
      if (rows.length === 1) {
        // One item shown twice: equal to the cent, no rounding allowance.
        reportEqual(own, figure(t06, item, "total"), figure(t05, rows[0], "basic"));
        continue;
      }
      const parts: Array<Amount | undefined> = rows.map((r) => r.amounts.basic?.amount);
      reportSum(
        own,
        () => ({
          table: t06,
          cell: cellOf(t06, item, "total"),
          related: rows.map((r) => qualify(t05.sheet, cellOf(t05, r, "basic"))),
          where: { zh: `表六 ${item.label}`, en: `Table 6 ${item.label}` },
          column: { zh: "合计", en: "total" },
        }),
        item.amounts.total?.amount,
        parts,
        { zh: `表五 ${rows.map((r) => r.code!.text).join("+")} 基本支出`, en: `Table 5 basic expenditure of ${rows.map((r) => r.code!.text).join("+")}` },
      );
    }
  },
};
