import Decimal from "decimal.js";
import { Interval } from "../../money/interval";
import type { Rule } from "../types";
import { at, cellOf, qualify } from "../sum/support";
import { findProject, fmtYuan, FORM_IDS, formsOf, PROJECT_LIST_IDS, projectName } from "./support";

const WAN = 10000;

export const performanceAnnualVsT12: Rule = {
  id: "performance/annual-vs-t12",
  severity: "error",
  title: { zh: "年度资金与表十二一致", en: "Annual funds agree with Table 12" },
  doc:
    "绩效目标表的年度资金总额（元）等于该项目在表十二的合计（万元）× 10000。表十二的数字取整到 0.01 万元（±50 元），" +
    "在此范围内的差额提示为尾差，超出报错。",
  reads: [...FORM_IDS, ...PROJECT_LIST_IDS],
  check(ctx, report) {
    for (const t of formsOf(ctx)) {
      const name = projectName(t.form);
      const total = t.form?.annualFunding.total;
      if (!name || !total) continue;
      const hit = findProject(ctx, name, PROJECT_LIST_IDS);
      if (!hit) continue;
      // 表十二 in 万元 as the layout says; a 表十二 whose unit line says 元 is compared as it stands.
      const perWan = hit.table.moneyUnit?.unit === "元" ? 1 : WAN;
      const wan = hit.row.amounts.total?.amount;
      const t12Cell = qualify(hit.table.sheet, cellOf(hit.table, hit.row, "total"));
      const yuan = total.amount;
      const expected = wan ? wan.value.times(perWan) : null;
      if (expected && expected.eq(yuan.value)) continue;
      const within = wan ? Interval.fromAmount(yuan).intersects(Interval.fromAmount(wan).times(perWan)) : false;
      const exp = expected ?? new Decimal(0);
      const diff = yuan.value.minus(exp);
      const wanText = wan ? `${wan.value.toFixed(wan.decimals)} ${perWan === 1 ? "元" : "万元"}` : "空";
      const zhTail = within ? "，在万元取整范围内（尾差）" : "";
      const enTail = within ? ", within the rounding of 万元 (a rounding tail)" : "";
      report(
        at(
          t,
          total.cell,
          `项目“${name}”年度资金总额 ${fmtYuan(yuan.value, yuan.decimals)} 元，与表十二 ${wanText}（${fmtYuan(exp, 0)} 元）相差 ${fmtYuan(diff.abs(), yuan.decimals)} 元${zhTail}`,
          `Project “${name}”: annual funds ${fmtYuan(yuan.value, yuan.decimals)} yuan vs Table 12 ${wan ? `${wan.value.toFixed(wan.decimals)} ${perWan === 1 ? "yuan" : "万元"}` : "blank"} (${fmtYuan(exp, 0)} yuan), difference ${fmtYuan(diff.abs(), yuan.decimals)} yuan${enTail}`,
          {
            severity: within ? "info" : "error",
            related: [qualify(t.sheet, total.cell), t12Cell],
            expected: exp.toFixed(0),
            actual: yuan.value.toFixed(yuan.decimals),
            difference: diff.toFixed(yuan.decimals),
            tolerance: wan ? Interval.fromAmount(wan).times(perWan).radius.plus(Interval.fromAmount(yuan).radius).toString() : undefined,
          },
        ),
      );
    }
  },
};
