/**
 * The government classification of revenue and expenditure (政府收支分类科目), one edition per
 * budget year. Built-in editions are JSON data files under catalogue/data/<year>/; users can extend
 * or override a year with the official edition (.xlsx or .csv with code and name columns).
 */

export interface CatalogueEntry {
  code: string;
  name: string;
  /** Other names seen for the same code (older names, common variants). */
  aliases?: string[];
}

export interface EconomicMapping {
  /** 部门预算支出经济分类 item, e.g. "30101" */
  dept: string;
  /** 政府预算支出经济分类 item for 机关 (administrative bodies), e.g. "50101" */
  agency: string | null;
  /** 政府预算支出经济分类 item for 事业单位 (public institutions), e.g. "50501" */
  institution: string | null;
}

export interface CatalogueEdition {
  year: number;
  /** Where the data comes from and how complete it is. */
  note: string;
  /** 支出功能分类: 类 (3 digits), 款 (5), 项 (7). */
  functional: CatalogueEntry[];
  /** 部门预算支出经济分类: 类 (3), 款 (5). */
  deptEconomic: CatalogueEntry[];
  /** 政府预算支出经济分类: 类 (3), 款 (5). */
  govEconomic: CatalogueEntry[];
  econMapping: EconomicMapping[];
  /** 收入分类 codes used by 政府性基金 and 国有资本经营 income tables (103xx…). */
  revenue: CatalogueEntry[];
}

export type ClassificationKind = "functional" | "deptEconomic" | "govEconomic" | "revenue";
