import type { TableId } from "../recognise/model";

/**
 * What the pane shows of the layout sets — each set's id and description, each non-Shanxi table's
 * number and English name — without the sets themselves (titles, columns, relations: ~35 KB of
 * minified JavaScript that only recognition, in the analysis worker, needs). The pane's initial
 * script imports this instead of registry.ts; test/layout-names.test.ts holds it equal to the
 * registry, so a set or table added there fails the test until it is named here too.
 */
export interface LayoutSetName {
  id: string;
  description: string;
  descriptionEn?: string;
}

export const LAYOUT_SET_NAMES: readonly LayoutSetName[] = [
  { id: "shanxi-unit-2026", description: "山西省单位预算公开（2026）：13 张报表与项目支出绩效目标表" },
  {
    id: "shanghai-unit",
    description: "上海市单位预算公开（2023–2026）：9 张报表与财政项目支出绩效目标填报表",
    descriptionEn: "Shanghai unit budget disclosure (2023–2026): 9 tables and the project performance target forms",
  },
  {
    id: "shanghai-department",
    description: "上海市部门预算公开（2023–2026）：9 张报表与财政项目支出绩效目标填报表",
    descriptionEn: "Shanghai department budget disclosure (2023–2026): 9 tables and the project performance target forms",
  },
];

export function layoutSetIds(): string[] {
  return LAYOUT_SET_NAMES.map((s) => s.id);
}

/** Number and English name of every table that is not one of Shanxi's 表一…表十三 (T01…T13), of every set. */
export const TABLE_NAMES: Readonly<Record<string, { number: string; standardNameEn?: string }>> = {
  PT: { number: "绩效目标表" },
  SH1: { number: "表1", standardNameEn: "Financial income and expenditure budget summary" },
  SH2: { number: "表2", standardNameEn: "Income budget summary" },
  SH3: { number: "表3", standardNameEn: "Expenditure budget summary" },
  SH4: { number: "表4", standardNameEn: "Fiscal appropriation income and expenditure budget summary" },
  SH5: { number: "表5", standardNameEn: "General public budget expenditure by function" },
  SH6: { number: "表6", standardNameEn: "Government fund budget expenditure by function" },
  SH7: { number: "表7", standardNameEn: "State capital operation budget expenditure by function" },
  SH8: { number: "表8", standardNameEn: "General public budget basic expenditure by departmental economic subject" },
  SH9: { number: "表9", standardNameEn: "“Three public” expenses and office operating expenses" },
  SHPT: { number: "绩效目标表", standardNameEn: "Project performance target form" },
};

export function tableNameOf(id: TableId): { number: string; standardNameEn?: string } | undefined {
  return TABLE_NAMES[id];
}
