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

export interface TableLayout {
  id: TableId;
  /** e.g. "shanxi-unit-2026/T02" */
  key: string;
  /** 表二 */
  number: string;
  standardName: string;
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
}

export interface LayoutSet {
  id: string;
  description: string;
  tables: TableLayout[];
}
