import Decimal from "decimal.js";
import type { AmountCell, PerformanceIndicator } from "../../recognise/model";
import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { at, qualify } from "../sum/support";
import { fmtYuan, FORM_IDS, formsOf, parseMoneyTarget, projectName } from "./support";

/** 成本指标 may sit in the first or the second indicator level, depending on the form. */
function isCost(i: PerformanceIndicator): boolean {
  return i.level1.includes("成本") || i.level2.includes("成本");
}

export const performanceCostCap: Rule = tableLocal({
  id: "performance/cost-cap",
  severity: "warning",
  title: { zh: "成本指标不超过项目资金", en: "Cost targets within the project's funds" },
  doc:
    "成本指标的上限（如“≤145万元”）不应超过同一期间（实施期或年度）的项目资金总额，各成本指标之和也不应超过。" +
    "只看以万元或元表示的上限值。",
  reads: FORM_IDS,
  check(ctx, report) {
    for (const t of formsOf(ctx)) {
      const form = t.form;
      if (!form) continue;
      const name = projectName(form);
      const blocks: Array<["实施期" | "年度", AmountCell | undefined, string]> = [
        ["实施期", form.implementationFunding.total, "implementation period"],
        ["年度", form.annualFunding.total, "annual"],
      ];
      for (const [block, funds, en] of blocks) {
        if (!funds) continue;
        const limit = funds.amount.value;
        let sum = new Decimal(0);
        const cells: string[] = [];
        for (const ind of form.indicators) {
          if (ind.block !== block || !ind.target || !isCost(ind)) continue;
          const target = parseMoneyTarget(ind.target.text);
          if (!target || !target.cap) continue;
          sum = sum.plus(target.yuan);
          cells.push(ind.target.cell);
          if (target.yuan.gt(limit)) {
            report(
              at(
                t,
                ind.target.cell,
                `项目“${name}”${block}成本指标“${ind.name.text}”${ind.target.text}（${fmtYuan(target.yuan)} 元）超过${block}资金总额 ${fmtYuan(limit)} 元`,
                `Project “${name}”: the ${en} cost target “${ind.name.text}” ${ind.target.text} (${fmtYuan(target.yuan)} yuan) exceeds the ${en} funds of ${fmtYuan(limit)} yuan`,
                { related: [qualify(t.sheet, funds.cell)], expected: `≤${limit.toFixed(0)}`, actual: target.yuan.toFixed(0) },
              ),
            );
          }
        }
        if (cells.length > 1 && sum.gt(limit)) {
          report(
            at(
              t,
              funds.cell,
              `项目“${name}”${block}各成本指标上限之和 ${fmtYuan(sum)} 元，超过${block}资金总额 ${fmtYuan(limit)} 元`,
              `Project “${name}”: the ${en} cost targets add up to ${fmtYuan(sum)} yuan, more than the ${en} funds of ${fmtYuan(limit)} yuan`,
              { related: cells.map((c) => qualify(t.sheet, c)), expected: `≤${limit.toFixed(0)}`, actual: sum.toFixed(0), difference: sum.minus(limit).toFixed(0) },
            ),
          );
        }
      }
    }
  },
});
