import type { TableId } from "../recognise/model";

export type Severity = "error" | "warning" | "info";

/**
 * One finding: where it is (table, sheet, cell), which rule said it, what was expected and found.
 * Figures are strings with their shown decimals (e.g. "12.67"), so the JSON package is exact.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Table id (T01…T13, PT) or null for workbook-wide findings. */
  table: TableId | null;
  /** For findings about a performance target form (Shanxi PT, Shanghai SHPT), its project name, to tell the forms apart. */
  tableLabel?: string;
  sheet: string | null;
  /** A1 address of the cell the finding is about. */
  cell: string | null;
  /** Other cells involved (the children of a sum, the figure in the other table), as "Sheet!A1" or "A1" on the same sheet. */
  related?: string[];
  message: string; // zh-CN
  messageEn: string;
  expected?: string;
  actual?: string;
  /** Allowed difference for rounding, when the rule is a sum. */
  tolerance?: string;
  /** Difference actual − expected. */
  difference?: string;
}

export interface RuleRunStats {
  rulesRun: number;
  tablesChecked: number;
  /** ids of rules that ran */
  ruleIds: string[];
  /** ids switched off by the user */
  disabled: string[];
}

export interface Report {
  findings: Finding[];
  stats: RuleRunStats;
  summary: { errors: number; warnings: number; infos: number };
}
