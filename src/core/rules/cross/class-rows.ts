import { relationRule } from "./relations";

/** Checks the relations its layout set declares under this rule's id (layouts/*.ts). */
export const crossClassRows = relationRule({
  id: "cross/class-rows",
  severity: "error",
  title: { zh: "支出功能分类类级与表三一致", en: "Expenditure classes agree across tables" },
  doc:
    "表一各支出功能分类类级（按名称）等于表三对应的类；全部为财政拨款时，表四各类的小计也等于表一。" +
    "一边有数而另一边没有同名的类，同样报错。",
});
