import type { Amount } from "../../money/amount";
import type { ProjectFunding } from "../../recognise/model";
import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { reportSum } from "../sum/support";
import { fmtYuan, FORM_IDS, formsOf, projectName } from "./support";

const PARTS: Array<keyof ProjectFunding> = ["central", "provincial", "local", "self", "other"];

export const performanceFundingSplit: Rule = tableLocal({
  id: "performance/funding-split",
  severity: "error",
  title: { zh: "项目资金来源合计", en: "Project funding adds up" },
  doc: "绩效目标表（上海：财政项目支出绩效目标填报表）中实施期与年度的资金总额各自等于中央、省级、市县(区)财政资金（上海：财政资金）、单位自筹与其他资金之和。",
  reads: FORM_IDS,
  check(ctx, report) {
    for (const t of formsOf(ctx)) {
      const form = t.form;
      if (!form) continue;
      const name = projectName(form);
      const blocks: Array<[ProjectFunding, string, string]> = [
        [form.implementationFunding, "实施期资金", "funds of the implementation period"],
        [form.annualFunding, "年度资金", "annual funds"],
      ];
      for (const [block, zh, en] of blocks) {
        const parts: Array<Amount | undefined> = PARTS.map((k) => block[k]?.amount);
        if (!block.total && parts.every((p) => !p)) continue;
        const totalCell = block.total?.cell ?? PARTS.map((k) => block[k]?.cell).find((c) => c) ?? null;
        reportSum(
          report,
          () => ({
            table: t,
            cell: totalCell ?? "",
            related: PARTS.map((k) => block[k]?.cell).filter((c): c is string => !!c),
            where: { zh: `项目“${name}”${zh}`, en: `Project “${name}”, ${en}` },
            column: { zh: "总额（元）", en: "total (yuan)" },
            format: fmtYuan,
          }),
          block.total?.amount,
          parts,
          { zh: "各来源之和", en: "the sum of the sources" },
        );
      }
    }
  },
});
