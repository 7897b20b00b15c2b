import { relationRule } from "./relations";

/** Checks the relations its layout set declares under this rule's id (layouts/*.ts). */
export const crossBasicEconomic = relationRule({
  id: "cross/basic-economic",
  severity: "error",
  title: { zh: "基本支出与表六一致", en: "Basic expenditure agrees with Table 6" },
  doc: "表五基本支出合计等于表六（一般公共预算基本支出分经济科目）合计。",
});
