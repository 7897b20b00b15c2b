import { relationRule } from "./relations";

/** Checks the relations its layout set declares under this rule's id (layouts/*.ts). */
export const crossIncomeSources = relationRule({
  id: "cross/income-sources",
  severity: "error",
  title: { zh: "收入来源与表一一致", en: "Income sources agree with Table 1" },
  doc:
    "表二合计行各资金来源列（一般公共预算、政府性基金、国有资本经营预算、财政专户管理资金、单位资金）等于表一对应的收入项目；" +
    "表四本年收入的三项财政拨款等于表一对应的收入项目。",
});
