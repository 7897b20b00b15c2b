import { relationRule } from "./relations";

/** Checks the relations its layout set declares under this rule's id (layouts/*.ts). */
export const crossSummaryTotals = relationRule({
  id: "cross/summary-totals",
  severity: "error",
  title: { zh: "各表总数一致", en: "Totals agree across tables" },
  doc:
    "表二合计等于表一本年收入合计（上年结转列等于表一上年结转），表三合计等于表一本年支出合计；" +
    "全部为财政拨款时（无财政专户管理资金、单位资金），表四的收入、支出合计与总计等于表一。同一数字在两表中必须分毫不差。",
});
