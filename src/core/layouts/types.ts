import type { MoneyUnit, TableId } from "../recognise/model";

/**
 * A declarative description of one standard table. The recogniser reads these and nothing else
 * about any particular table: adding a region's variant or next year's edition means adding a
 * definition, not code.
 *
 * All labels are compared after `normaliseLabel` (white space removed, brackets and colons
 * half-width, quotes dropped). "{year}" in a label matches any four-digit year.
 */
export interface ColumnSpec {
  /** Role the column plays: code, name, name2, or an amount role (total, gpb, basic, …). */
  role: string;
  kind: "code" | "name" | "name2" | "amount";
  /** Labels the lowest header cell of the column may carry. */
  labels: string[];
  /** When given, one of the header cells above must carry one of these labels. */
  under?: string[];
  /** Side of a two-sided table. */
  side?: "income" | "expenditure";
  /** A column that may be missing without the header being reported. */
  optional?: boolean;
}

/**
 * How data rows are read:
 * - subjects: code + name rows (类/款/项) under a 合计 row
 * - summary: two-sided 表一/表四: fixed income lines and totals on the left, 30 classes on the right
 * - twoSided: two-sided subject table (表九)
 * - economic: 表六, class rows and their items, two name columns
 * - lines: fixed lines (表十, 表十一)
 * - projects: a total row then one row per project (表十二, 表十三)
 * - form: the performance target form (PT)
 */
export type RowModel = "subjects" | "summary" | "twoSided" | "economic" | "lines" | "projects" | "form";

/**
 * What a table is, whatever its number or title in a region's layout: rules and declared relations
 * speak of kinds, so the same knowledge applies to every region that publishes the table.
 */
export type TableKind =
  | "incomeExpenditureSummary" // 收支总表 (Shanxi 表一, Shanghai 财务收支预算总表)
  | "incomeSummary" // 收入总表
  | "expenditureSummary" // 支出总表
  | "fiscalSummary" // 财政拨款收支总表
  | "gpbFunctional" // 一般公共预算支出（功能分类）
  | "gpbBasicEconomic" // 一般公共预算基本支出经济分类
  | "govFundIncome" // 政府性基金预算收入
  | "govFundFunctional" // 政府性基金预算支出（功能分类）
  | "soeIncomeExpenditure" // 国有资本经营预算收支
  | "soeFunctional" // 国有资本经营预算支出（功能分类）
  | "sanGong" // “三公”经费
  | "sanGongAndOperating" // “三公”经费和机关运行经费（one table)
  | "operatingCost" // 机关运行经费
  | "projectList" // 项目支出预算表
  | "projectListCarry" // 项目支出（上年结转）
  | "performanceForm"; // 项目支出绩效目标表

export interface TableLayout {
  id: TableId;
  /** e.g. "shanxi-unit-2026/T02" */
  key: string;
  /** 表二 */
  number: string;
  standardName: string;
  /** English name (tables of sets other than the Shanxi one, whose names the pane translates itself). */
  standardNameEn?: string;
  /** Titles without the year, normalised; the first is the standard one. */
  titles: string[];
  moneyUnit: MoneyUnit;
  rowModel: RowModel;
  columns: ColumnSpec[];
  /** Labels of total rows (normalised). */
  totals?: string[];
  /** For income lines of a summary table: totals that start a new group of lines, with the group name. */
  groupStarts?: Record<string, string>;
  /** Row labels that are classes (depth 0) when the table has no codes (表六's economic classes). */
  classLabels?: string[];
  /** What the table is. */
  kind: TableKind;
  /** Labels that may stand above the column labels in this table's header (收入预算 over 合计 …). */
  headerWords?: string[];
  /**
   * Within each row, a total column equals the sum of its parts (sum/columns). The Shanxi tables
   * keep theirs in rules/sum/relations.ts COLUMN_SUMS; other sets declare them here.
   */
  columnSums?: Array<{ side: "income" | "expenditure" | "any"; total: string; parts: string[] }>;
  /**
   * Blank rows may stand inside the table (a printed page's empty lines before 收入总计, a table run
   * over several pages with its header repeated): reading goes on past them to a total row or a
   * repeated header. Without it, two blank rows end a table.
   */
  gapsInside?: boolean;
  /** The table may be absent without being reported missing (structure/all-tables). */
  optional?: boolean;
}

/**
 * A row of a table named in a declared relation:
 * - "total": the table's own 合计 row (the side's only total row, or the first);
 * - { totalKind }: a named total row (收入总计, 支出总计 …);
 * - { labels }: a line or class row whose label (numbering dropped) is one of these.
 */
export type RowSelector = "total" | { totalKind: string } | { labels: string[] };

/** One figure: table, side, row, column role. */
export interface FigureSelector {
  table: TableId;
  side?: "income" | "expenditure";
  row: RowSelector;
  role: string;
}

/**
 * A relation between tables declared by the layout set, checked by cross/declared-relations:
 * - equal: figure a equals figure b (op "atMost": a ≤ b); `when` holds the relation back unless
 *   two other figures are equal (人员经费 agrees only when all basic expenditure is 一般公共预算);
 * - sum: `total` equals the sum of `parts`;
 * - rows: for every subject row of table a (at `level`, matched by code, or by label when a
 *   table has no codes), its figure in `role` equals that of the row with the same key in table b.
 */
export type DeclaredRelation =
  | {
      id: string;
      type: "equal";
      a: FigureSelector;
      b: FigureSelector;
      op?: "equal" | "atMost";
      /** Applies only when these two figures are equal … */
      when?: [FigureSelector, FigureSelector];
      /** … or only when they are not (the weaker relation, where the stronger one already speaks). */
      unless?: [FigureSelector, FigureSelector];
    }
  | { id: string; type: "sum"; total: FigureSelector; parts: FigureSelector[] }
  | {
      id: string;
      type: "rows";
      a: { table: TableId; side?: "income" | "expenditure"; role: string };
      b: { table: TableId; side?: "income" | "expenditure"; role: string };
      by: "code" | "label";
      /** Only rows at this depth (0 = 类). */
      depth?: number;
    };

export interface LayoutSet {
  id: string;
  description: string;
  /** English description for the CLI and the pane. */
  descriptionEn?: string;
  tables: TableLayout[];
  /** Relations between the set's tables (cross/declared-relations). */
  relations?: DeclaredRelation[];
}
