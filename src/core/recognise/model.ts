import type { Amount } from "../money/amount";

/**
 * The normalised model of one recognised table. Every value keeps the address of the cell it came
 * from so that each finding can lead back to a cell.
 */

/** T01…T13 for 表一…表十三 of the Shanxi unit budget disclosure; PT for a project performance target table. */
export type ShanxiTableId =
  | "T01" | "T02" | "T03" | "T04" | "T05" | "T06" | "T07"
  | "T08" | "T09" | "T10" | "T11" | "T12" | "T13" | "PT";

/** SH1…SH9 for tables 1–9 of a Shanghai unit or department disclosure; SHPT for its 绩效目标填报表. */
export type ShanghaiTableId = "SH1" | "SH2" | "SH3" | "SH4" | "SH5" | "SH6" | "SH7" | "SH8" | "SH9" | "SHPT";

/** A table's id is its layout set's own (see src/core/layouts/registry.ts). */
export type TableId = ShanxiTableId | ShanghaiTableId;

export type MoneyUnit = "万元" | "元";

/** 类/款/项 of the functional classification (or the two levels of the economic one). */
export type SubjectLevel = "类" | "款" | "项";

/**
 * What a row is:
 * - total: a 合计 / 本年收入合计 / 收入总计 … row (see `totalKind`)
 * - subject: a classified row (functional or economic code, or an indented name)
 * - line: a fixed line of a form-like table (表一 income sources, 表十 items, 表十一 部门合计)
 * - project: a project row of 表十二/表十三 (the first row naming the unit is a total)
 */
export type RowKind = "total" | "subject" | "line" | "project";

/** A figure with the cell it came from. */
export interface AmountCell {
  amount: Amount;
  /** A1 address on the table's sheet. */
  cell: string;
  /** The cell held a formula (without "="). */
  formula?: string;
}

/** A cell of the table that held something other than a figure in an amount column. */
export interface BadAmountCell {
  cell: string;
  text: string;
  kind: "error" | "invalid";
}

export interface TextCell {
  text: string;
  cell: string;
}

export interface TableRow {
  kind: RowKind;
  /** Side of a two-sided table (表一, 表四, 表九); undefined for one-sided tables. */
  side?: "income" | "expenditure";
  /** Subject code as text, e.g. "2010607" (codes stored as numbers are turned into text). */
  code?: TextCell;
  /** The name as written (trimmed); `indent` says how far it was indented. */
  name: TextCell;
  /**
   * The name normalised for comparison: numbering (一、 ① (一) 1.) and all white space removed,
   * full-width brackets made half-width. e.g. "一、一般公共服务支出" → "一般公共服务支出".
   */
  label: string;
  /** For fixed-line tables, the block a line sits in: 表四's income lines under 上年财政拨款结转 have group "carry". */
  group?: string;
  /** Second name column (表六: 政府预算支出经济科目名称). */
  name2?: TextCell;
  /** 类/款/项 from the code length or, without codes, from indentation or numbering. */
  level?: SubjectLevel;
  /** 0 for 类 (or top lines), 1 for 款, 2 for 项. */
  depth: number;
  /** Leading indentation of the name (spaces, full-width spaces, Excel indent), in characters. */
  indent: number;
  /** For total rows: which total. e.g. "合计", "本年收入合计", "上年结转", "收入总计", "年终结转", "支出总计", "部门合计", "单位合计". */
  totalKind?: string;
  /** Figures by column role (see layouts): e.g. { total, gpb, govFund, … }. Empty cells are absent. */
  amounts: Record<string, AmountCell>;
  /** Cells in amount columns that held non-figures (text, #REF!). */
  bad?: BadAmountCell[];
  /** 0-based sheet row. */
  r: number;
}

export interface TableColumn {
  role: string;
  /** Header labels from the top header row down, e.g. ["本年收入", "合计"]. */
  header: string[];
  /** 0-based sheet column and its letters. */
  c: number;
  letter: string;
  side?: "income" | "expenditure";
}

/** An indicator row of a performance target table. */
export interface PerformanceIndicator {
  block: "实施期" | "年度";
  level1: string; // 产出指标, 效益指标, 满意度指标, 成本指标
  level2: string; // 数量指标, 质量指标 …
  name: TextCell;
  target: TextCell | null;
}

/** Funding block of a performance target table, in 元. */
export interface ProjectFunding {
  total?: AmountCell;
  central?: AmountCell;
  provincial?: AmountCell;
  local?: AmountCell;
  self?: AmountCell;
  other?: AmountCell;
}

export interface PerformanceForm {
  projectName: TextCell | null;
  department: TextCell | null; // 主管部门及代码, e.g. 605-晋城经济技术开发区财政管理运营部
  implementer: TextCell | null;
  attribute: TextCell | null;
  period: TextCell | null;
  implementationFunding: ProjectFunding; // 实施期
  annualFunding: ProjectFunding; // 年度
  texts: Record<string, TextCell>; // 项目概况, 立项依据, 项目设立必要性, 保证项目实施的制度、措施, 项目实施计划, 总体目标(实施期/年度)
  indicators: PerformanceIndicator[];
}

export interface RecognisedTable {
  id: TableId;
  /** Which layout definition matched, e.g. "shanxi-unit-2026/T02". */
  layoutId: string;
  /** Standard name without the year, e.g. 预算收入总表. */
  standardName: string;
  /** The title as written. */
  title: TextCell;
  year: number | null;
  unitName: TextCell | null;
  moneyUnit: { unit: MoneyUnit; cell: string } | null;
  sheet: string;
  /** A1 range from the title to the last row of the table (notes included). */
  range: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** True when the table has no figures at all. */
  empty: boolean;
  /** Note lines under the table (注：…). */
  notes: TextCell[];
  /** For PT only. */
  form?: PerformanceForm;
  /** 0-based box of the table on its sheet. */
  box: { r0: number; c0: number; r1: number; c1: number };
}

/** A text block of the workbook (e.g. the 情况说明 narrative), kept for narrative checks. */
export interface NarrativeParagraph {
  sheet: string;
  cell: string;
  text: string;
}

export interface RecognitionProblem {
  kind: "unplaced-table" | "unrecognised-table" | "unknown-header" | "missing-column" | "unreadable-row" | "ambiguous" | "unreadable-sheet" | "uncalculated";
  sheet: string;
  cell: string;
  message: string; // zh-CN
  messageEn: string;
}

export interface RecognitionResult {
  workbook: string;
  /** Id of the layout set the tables were read with (chosen by best match, or forced), e.g. "shanxi-unit-2026". */
  layoutSet: string;
  year: number | null;
  unitName: string | null;
  tables: RecognisedTable[];
  narrative: NarrativeParagraph[];
  problems: RecognitionProblem[];
}
