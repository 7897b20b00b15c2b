import { relationRule } from "./relations";

/** Checks the relations its layout set declares under this rule's id (layouts/*.ts). */
export const crossEconomicFunctional = relationRule({
  id: "cross/economic-functional",
  severity: "error",
  title: { zh: "经济分类与功能分类对应", en: "Economic items agree with functional items" },
  doc:
    "表六的社保缴费与住房公积金等经济科目等于表五相应功能科目的基本支出：养老保险缴费=2080505，职业年金缴费=2080506，" +
    "职工基本医疗保险缴费=2101101+2101102，公务员医疗补助缴费=2101103，住房公积金=2210201，退休费=2080501+2080502。两边都有时才核对；单一对应须分毫不差，两项对一项时允许尾差。",
});
