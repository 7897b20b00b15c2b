import { relationRule } from "./relations";

/** Checks the relations its layout set declares under this rule's id (layouts/*.ts). */
export const crossProjectTotal = relationRule({
  id: "cross/project-total",
  severity: "error",
  title: { zh: "项目支出与表十二一致", en: "Project expenditure agrees with Table 12" },
  doc:
    "表三项目支出合计等于表十二（本年预算）合计加表十三（上年结转）合计；表五项目支出合计等于表十二一般公共预算列合计。",
});
