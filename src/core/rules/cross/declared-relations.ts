import { DECLARED_RULE, relationRule } from "./relations";

/**
 * The relations a layout set declares without naming a rule of their own (layouts/*.ts `relations`),
 * checked with the wording of the other cross-table rules. The Shanxi set's relations each name the
 * cross/* rule they have always been reported under; the Shanghai sets' come here.
 */
export const crossDeclaredRelations = relationRule({
  id: DECLARED_RULE,
  severity: "error",
  title: { zh: "版式声明的表间关系", en: "Relations the layout declares between tables" },
  doc:
    "按所识别版式声明的表间关系核对（山西的关系在其余 cross/* 规则中）：上海版式中各表总数一致（收支总表、收入总表、支出总表、财政拨款收支总表与三张功能分类表），" +
    "收入与支出按科目逐行一致，经济分类表合计等于一般公共预算基本支出，人员经费/公用经费的划分与收支总表一致（基本支出全为一般公共预算时），收支总表收入各行之和等于收入总计。" +
    "同一数字必须分毫不差，求和在尾差范围内提示。",
});
