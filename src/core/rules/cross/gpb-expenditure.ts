import { relationRule } from "./relations";

/** Checks the relations its layout set declares under this rule's id (layouts/*.ts). */
export const crossGpbExpenditure = relationRule({
  id: "cross/gpb-expenditure",
  severity: "error",
  title: { zh: "一般公共预算支出与表三、表四一致", en: "General public budget expenditure agrees across tables" },
  doc:
    "表五是表三中一般公共预算的部分：全部资金为当年一般公共预算时，表五逐行逐列等于表三。" +
    "表四无上年财政拨款结转时，其一般公共预算列各类及本年支出合计等于表五对应的类及合计。",
});
