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
 * - { totalKind }: a named total row (收入总计, 支出总计 …); with several kinds, the first of them the
 *   table has (上年财政拨款结转, else 上年结转);
 * - { labels }: a line or subject row whose label (numbering dropped) is one of these; `group` keeps
 *   to the lines of one block (表四's "current" year or "carry"), `minDepth` to items below the
 *   classes, and `match: "truncated"` also takes a label cut short or run on (机关事业单位基本养老保险缴费支);
 * - { code }: the first subject row with this code;
 * - { group }: the lines of one block. In a `blank` condition it stands for every line of the block,
 *   elsewhere for the first.
 */
export type RowSelector =
  | "total"
  | { totalKind: string | string[] }
  | { labels: string[]; group?: string; minDepth?: number; match?: "exact" | "truncated" }
  | { code: string }
  | { group: string };

/** One figure: table, side, row, column role. */
export interface FigureSelector {
  table: TableId;
  side?: "income" | "expenditure";
  row: RowSelector;
  role: string;
  /**
   * A table without this column (an optional one left out) makes the relation not apply; with
   * "blank" the figure counts as blank instead (a required column whose header could not be read,
   * reported as such, still leaves its figures to compare).
   */
  absentColumn?: "blank";
}

/** A column of a table's rows in a rows relation (`absentColumn` as for a figure). */
export interface ColumnSelector {
  table: TableId;
  side?: "income" | "expenditure";
  role: string;
  absentColumn?: "blank";
}

/**
 * When a relation applies (all of a relation's conditions must hold):
 * - blank: every one of these figures is blank or zero (a table, row or column that is absent counts
 *   as blank): "all money is 财政拨款" is 财政专户管理资金 and 单位资金 blank in the income tables;
 * - equal: both figures are there and equal to the cent; notEqual: not so;
 * - present: each of these figures' rows is there (a table without its 合计 row says nothing);
 * - someTable: at least one of these tables was recognised.
 */
export type RelationCondition =
  | { blank: FigureSelector[] }
  | { equal: [FigureSelector, FigureSelector] }
  | { notEqual: [FigureSelector, FigureSelector] }
  | { present: FigureSelector[] }
  | { someTable: TableId[] };

interface RelationBase {
  /** Names the relation within its set (tests, docs). */
  id: string;
  /**
   * The rule whose id the findings carry (a cross/* rule: users switch rules off and dismiss
   * findings by it); relations without one are reported under cross/declared-relations.
   */
  rule?: string;
  /** Applies only when all of these hold. */
  when?: RelationCondition[];
  /** What would be an error is reported as this (a relation other money may also explain); a tail stays a tail. */
  severity?: "error" | "warning";
}

/**
 * A relation between tables declared by the layout set, checked by the cross/* rule it names
 * (rules/cross/relations.ts evaluates every kind):
 * - equal: figure a equals figure b to the cent (op "atMost": a ≤ b), reported at a;
 * - sum: `total` equals the sum of `parts` within rounding (尾差 as info). A part whose row is absent
 *   counts as blank; with none there the relation says nothing; with `onePart: "equal"` a single part
 *   there is the same figure shown twice (no rounding allowed). `wording` chooses the message:
 *   "listed" names each part (表1 收入总计（预算数） …，A + B 之和 …), "totalsOf" the parts' tables
 *   (表十二与表十三合计之和), "codesOf" the parts' codes (表五 2101101+2101102 基本支出);
 * - rows: every subject row of table a (at `depth`, keyed by code, by label, or by code else depth
 *   and label) against the row with the same key in table b: its figure in a.role against b.role,
 *   or each of `roles` against the same role. Rows pair "first" (each key's first row) or "inOrder"
 *   (repeated keys pair one to one, in order). A row with a figure that the other table lacks is
 *   reported (a's only, or `unmatched: "both"`), worded "noRow" (……中没有这一行) or "noMatchingRow"
 *   (……中没有对应的行); `whenEmpty: "skip"` says nothing when either table has no such rows.
 */
export type DeclaredRelation = RelationBase &
  (
    | { type: "equal"; a: FigureSelector; b: FigureSelector; op?: "equal" | "atMost" }
    | { type: "sum"; total: FigureSelector; parts: FigureSelector[]; wording?: "listed" | "totalsOf" | "codesOf"; onePart?: "equal" }
    | {
        type: "rows";
        a: ColumnSelector;
        b: ColumnSelector;
        roles?: string[];
        by: "code" | "label" | "codeOrLabel";
        /** Only rows at this depth (0 = 类). */
        depth?: number;
        pairing?: "first" | "inOrder";
        unmatched?: "a" | "both";
        wording?: "noRow" | "noMatchingRow";
        whenEmpty?: "skip";
      }
  );

/** Every table a relation reads: its figures' and its conditions'. */
export function relationTables(rel: DeclaredRelation): TableId[] {
  const ids = new Set<TableId>();
  if (rel.type === "equal") [rel.a, rel.b].forEach((s) => ids.add(s.table));
  else if (rel.type === "sum") [rel.total, ...rel.parts].forEach((s) => ids.add(s.table));
  else [rel.a, rel.b].forEach((s) => ids.add(s.table));
  for (const c of rel.when ?? []) conditionTables(c).forEach((t) => ids.add(t));
  return [...ids];
}

/** The tables a condition reads. */
export function conditionTables(c: RelationCondition): TableId[] {
  if ("someTable" in c) return c.someTable;
  const sels = "blank" in c ? c.blank : "present" in c ? c.present : "equal" in c ? c.equal : c.notEqual;
  return sels.map((s) => s.table);
}

export interface LayoutSet {
  id: string;
  description: string;
  /** English description for the CLI and the pane. */
  descriptionEn?: string;
  tables: TableLayout[];
  /** Relations between the set's tables, each checked under its `rule` (rules/cross/relations.ts). */
  relations?: DeclaredRelation[];
}
