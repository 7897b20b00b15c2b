import type { Rule } from "../types";
import { at } from "../sum/support";
import { findProject, FORM_IDS, formsOf, PROJECT_CARRY_IDS, PROJECT_LIST_IDS, projectName } from "./support";

export const performanceInT12: Rule = {
  id: "performance/in-t12",
  severity: "error",
  title: { zh: "绩效目标表的项目在表十二中", en: "Performance table project is in Table 12" },
  doc: "每张项目支出绩效目标表的项目名称须出现在表十二（本年预算）或表十三（上年结转）的项目中（忽略空格、引号与全半角括号）。",
  reads: [...FORM_IDS, ...PROJECT_LIST_IDS, ...PROJECT_CARRY_IDS],
  check(ctx, report) {
    if (![...PROJECT_LIST_IDS, ...PROJECT_CARRY_IDS].some((id) => ctx.table(id))) return;
    for (const t of formsOf(ctx)) {
      const name = projectName(t.form);
      if (!name) continue;
      if (findProject(ctx, name)) continue;
      report(
        at(t, t.form!.projectName!.cell, `绩效目标表的项目“${name}”不在表十二（或表十三）的项目中`, `The project “${name}” of this performance table is not among the projects of Table 12 (or 13)`, {
          actual: name,
        }),
      );
    }
  },
};
