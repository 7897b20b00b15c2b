import { tableEn, tableZh } from "../sum/support";
import type { TableId } from "../../recognise/model";

/**
 * What the narrative's phrases refer to in the tables. Pure data: adding a phrase or a region's
 * wording means adding an entry here, not code.
 *
 * Phrases are compared with the statement's subject after normalisation (half-width brackets, no
 * quotes, no white space); a phrase matches when the subject ends with it, and the longest matching
 * phrase wins, so "2026年度…预算收入总计" finds 收入总计 and "一般公共预算安排基本支出" beats 基本支出.
 */

export type Side = "income" | "expenditure";

/** A row of a recognised table: a total (by totalKind) or a fixed line (by label). */
export type RowSelect =
  | { total: string[]; side?: Side }
  | { line: string; side?: Side; group?: string };

/** One figure of one table. */
export interface CellRef {
  table: TableId;
  row: RowSelect;
  role: string;
}

/** A count read off the tables: project rows of 表十二, or how many performance target tables there are. */
export interface CountRef {
  table: TableId;
  count: "projects" | "tables";
}

export interface GlossaryEntry {
  phrases: string[];
  /** Where the amount stands, first present table wins (later ones are fall-backs). */
  amount?: CellRef[];
  count?: CountRef[];
  /**
   * "atMost": the stated amount is part of the figure and may be less (the projects that carry a
   * performance target are some of the projects); it must not be more.
   */
  op?: "atMost";
}

const total = (table: TableId, kinds: string | string[], role: string, side?: Side): CellRef => ({
  table,
  row: { total: Array.isArray(kinds) ? kinds : [kinds], side },
  role,
});
const line = (table: TableId, label: string, role: string, side?: Side, group?: string): CellRef => ({
  table,
  row: { line: label, side, group },
  role,
});

export const GLOSSARY: GlossaryEntry[] = [
  // 表一 / 表二: the whole budget
  { phrases: ["收入总计", "预算收入总计", "预算收入", "收入预算"], amount: [total("T01", "收入总计", "amount", "income"), total("T02", "合计", "total"), total("SH1", "收入总计", "amount", "income"), total("SH2", "合计", "total")] },
  { phrases: ["本年收入", "本年收入合计"], amount: [total("T01", "本年收入合计", "amount", "income"), total("T02", "合计", "total")] },
  { phrases: ["上年结转"], amount: [total("T01", "上年结转", "amount", "income"), total("T02", "合计", "carry")] },
  { phrases: ["支出总计", "预算支出总计"], amount: [total("T01", "支出总计", "total", "expenditure"), total("T03", "合计", "total"), total("SH1", "支出总计", "total", "expenditure"), total("SH3", "合计", "total")] },
  { phrases: ["本年支出", "本年支出合计"], amount: [total("T01", "本年支出合计", "total", "expenditure"), total("T03", "合计", "total")] },
  { phrases: ["本年预算安排", "当年预算安排"], amount: [total("T01", "本年支出合计", "current", "expenditure")] },
  { phrases: ["年终结转"], amount: [total("T01", "年终结转", "total", "expenditure")] },
  {
    phrases: ["一般公共预算拨款收入", "一般公共预算收入", "一般公共预算拨款"],
    amount: [line("T01", "一般公共预算", "amount", "income"), total("T02", "合计", "gpb"), line("T04", "一般公共预算", "amount", "income", "current")],
  },
  {
    phrases: ["政府性基金预算拨款收入", "政府性基金预算收入", "政府性基金预算拨款", "政府性基金收入"],
    amount: [line("T01", "政府性基金预算", "amount", "income"), total("T02", "合计", "govFund"), line("T04", "政府性基金预算", "amount", "income", "current")],
  },
  {
    phrases: ["国有资本经营预算拨款收入", "国有资本经营预算收入", "国有资本经营预算拨款"],
    amount: [line("T01", "国有资本经营预算", "amount", "income"), total("T02", "合计", "soe"), line("T04", "国有资本经营预算", "amount", "income", "current")],
  },
  { phrases: ["财政专户管理资金收入", "财政专户管理资金"], amount: [line("T01", "财政专户管理资金", "amount", "income"), total("T02", "合计", "specialAccount")] },
  { phrases: ["单位资金收入", "单位资金"], amount: [line("T01", "单位资金", "amount", "income"), total("T02", "合计", "unitFunds")] },

  // 表三: expenditure by type
  { phrases: ["支出预算", "单位支出预算", "支出预算总额"], amount: [total("T03", "合计", "total"), total("T01", "支出总计", "total", "expenditure"), total("SH3", "合计", "total"), total("SH1", "支出总计", "total", "expenditure")] },
  { phrases: ["基本支出"], amount: [total("T03", "合计", "basic"), total("T05", "合计", "basic"), total("SH3", "合计", "basic")] },
  { phrases: ["项目支出", "项目支出总额", "项目支出预算"], amount: [total("T03", "合计", "project"), total("T05", "合计", "project"), total("T12", "合计", "total"), total("SH3", "合计", "project")] },

  // 表四: 财政拨款
  {
    phrases: ["财政拨款收支总预算", "财政拨款收支总计", "财政拨款收入总计", "财政拨款支出总计", "财政拨款收支预算总额"],
    amount: [total("T04", "收入总计", "amount", "income")],
  },
  { phrases: ["当年拨款收入", "本年财政拨款收入", "当年财政拨款收入"], amount: [total("T04", "本年收入合计", "amount", "income")] },
  { phrases: ["上年结转收入", "上年财政拨款结转"], amount: [total("T04", "上年财政拨款结转", "amount", "income")] },

  // 表五 / 表六: 一般公共预算
  { phrases: ["一般公共预算当年支出", "一般公共预算支出", "一般公共预算当年拨款"], amount: [total("T05", "合计", "total")] },
  {
    phrases: ["一般公共预算安排基本支出", "一般公共预算基本支出"],
    amount: [total("T06", "合计", "total"), total("T05", "合计", "basic"), total("SH8", "合计", "total"), total("SH5", "合计", "basic")],
  },
  { phrases: ["人员经费"], amount: [total("T06", "合计", "personnel"), total("SH1", "支出总计", "personnel", "expenditure")] },
  { phrases: ["公用经费"], amount: [total("T06", "合计", "public"), total("SH1", "支出总计", "public", "expenditure")] },

  // 表十 / 表十一
  { phrases: ["三公经费", "三公经费预算", "三公经费支出", "三公经费预算数"], amount: [total("T10", "合计", "total"), line("SH9", "预算数", "total")] },
  { phrases: ["因公出国(境)费", "因公出国(境)费用"], amount: [line("T10", "因公出国(境)费", "total"), line("SH9", "预算数", "abroad")] },
  { phrases: ["公务接待费"], amount: [line("T10", "公务接待费", "total"), line("SH9", "预算数", "reception")] },
  { phrases: ["公务用车购置及运行费", "公务用车购置及运行维护费"], amount: [line("T10", "公务用车购置及运行费", "total"), line("SH9", "预算数", "vehicle")] },
  { phrases: ["公务用车购置费"], amount: [line("T10", "公务用车购置费", "total"), line("SH9", "预算数", "vehiclePurchase")] },
  { phrases: ["公务用车运行维护费"], amount: [line("T10", "公务用车运行维护费", "total"), line("SH9", "预算数", "vehicleRun")] },
  { phrases: ["公务用车运行费"], amount: [line("SH9", "预算数", "vehicleRun")] },
  { phrases: ["机关运行经费", "机关运行经费预算"], amount: [total("T11", ["部门合计", "合计", "单位合计"], "total"), line("SH9", "预算数", "operatingCost")] },

  // Shanghai (表1…表9 in 元, the text in 万元): income by source, 财政拨款 spending by budget.
  { phrases: ["财政拨款收入"], amount: [line("SH1", "财政拨款收入", "amount", "income"), total("SH2", "合计", "fiscal")] },
  { phrases: ["事业收入"], amount: [line("SH1", "事业收入", "amount", "income"), total("SH2", "合计", "business")] },
  { phrases: ["事业单位经营收入"], amount: [line("SH1", "事业单位经营收入", "amount", "income"), total("SH2", "合计", "operating")] },
  { phrases: ["其他收入"], amount: [line("SH1", "其他收入", "amount", "income"), total("SH2", "合计", "other")] },
  { phrases: ["财政拨款支出预算", "财政拨款支出"], amount: [total("SH4", "支出总计", "total", "expenditure"), total("T04", "支出总计", "total", "expenditure")] },
  { phrases: ["一般公共预算拨款支出预算", "一般公共预算拨款支出"], amount: [total("SH4", "支出总计", "gpb", "expenditure"), total("SH5", "合计", "total")] },
  { phrases: ["政府性基金拨款支出预算", "政府性基金拨款支出"], amount: [total("SH4", "支出总计", "govFund", "expenditure"), total("SH6", "合计", "total")] },
  { phrases: ["国有资本经营预算拨款支出预算", "国有资本经营预算拨款支出"], amount: [total("SH4", "支出总计", "soe", "expenditure"), total("SH7", "合计", "total")] },

  // 表十二 and the performance target tables (绩效管理情况)
  {
    phrases: ["纳入绩效目标管理的二级项目", "纳入绩效目标管理的项目", "二级项目"],
    amount: [total("T12", "合计", "total")],
    count: [{ table: "T12", count: "projects" }],
  },
  { phrases: ["公开项目绩效目标"], amount: [total("T12", "合计", "total")], count: [{ table: "PT", count: "tables" }] },
  // Shanghai's 编制说明: "编报绩效目标的项目共12个，涉及项目预算资金4,222.51万元": the funds of the projects
  // with a target, at most the whole 项目支出 (less in the 2025 municipal budget, all of it in the sample).
  { phrases: ["涉及项目预算资金", "项目预算资金"], amount: [total("SH3", "合计", "project"), total("SH1", "支出总计", "project", "expenditure")], op: "atMost" },
];

/**
 * Which tables hold the function classes a paragraph names, by the heading of its section: under
 * 五、一般公共预算支出情况说明, "社会保障和就业支出63.98万元" is a row of 表五.
 */
export const SECTION_TABLES: Array<{ heading: string; tables: TableId[] }> = [
  { heading: "财政拨款", tables: ["T04", "T05", "T03", "SH4", "SH5", "SH3"] },
  { heading: "一般公共预算", tables: ["T05", "T03", "SH5", "SH3"] },
  { heading: "政府性基金", tables: ["T08"] },
  { heading: "国有资本经营", tables: ["T09"] },
];
// Shanghai's 编制说明 lists 财政拨款 spending by class ("1.“一般公共服务支出”科目…"): 表4's classes first.
export const DEFAULT_SECTION_TABLES: TableId[] = ["T03", "T05", "T01", "SH4", "SH3"];

/**
 * Sections where a name means the glossary's figure before any row of that name: under a 三公 heading
 * "公务接待费2.00万元" is the 三公 table's 公务接待费, not the economic item 公务接待费 of 表六/表8
 * (basic expenditure only, where the 三公 figure covers project spending too).
 */
export const GLOSSARY_FIRST_SECTIONS: string[] = ["三公", "机关运行经费"];

/** Tables whose row names are looked up by name in any section (economic items, projects). */
export const NAMED_ROW_TABLES: TableId[] = ["T06", "T12", "SH8"];

/** "人员经费…主要包括：基本工资、…": which 表六 classes the listed items must sit under. */
export const NAME_GROUPS: Array<{ phrase: string; table: TableId; classes: string[] }> = [
  { phrase: "人员经费", table: "T06", classes: ["工资福利支出", "对个人和家庭的补助"] },
  { phrase: "公用经费", table: "T06", classes: ["商品和服务支出"] },
];

/**
 * "本单位无“三公”经费预算": statements that a table, or the part of a combined table (`roles`: the
 * columns that part is made of), has nothing in it. Shanghai's 表9 holds the 三公 figures and the
 * 机关运行经费 side by side: a unit without 三公 spending still has its 机关运行经费 there.
 */
export type EmptyTarget = TableId | { table: TableId; roles: string[] };
export const EMPTY_STATEMENTS: Array<{ phrases: string[]; tables: EmptyTarget[] }> = [
  { phrases: ["三公经费"], tables: ["T10", { table: "SH9", roles: ["total", "abroad", "reception", "vehicle", "vehiclePurchase", "vehicleRun"] }] },
  { phrases: ["机关运行经费"], tables: ["T11", { table: "SH9", roles: ["operatingCost"] }] },
  { phrases: ["政府性基金"], tables: ["T07", "T08", "SH6"] },
  { phrases: ["国有资本经营预算"], tables: ["T09", "SH7"] },
  { phrases: ["上年结转"], tables: ["T13"] },
  { phrases: ["项目支出"], tables: ["T12"] },
];

export const TABLE_NAMES: Partial<Record<TableId, { zh: string; en: string }>> = {
  T01: { zh: "表一", en: "Table 1" },
  T02: { zh: "表二", en: "Table 2" },
  T03: { zh: "表三", en: "Table 3" },
  T04: { zh: "表四", en: "Table 4" },
  T05: { zh: "表五", en: "Table 5" },
  T06: { zh: "表六", en: "Table 6" },
  T07: { zh: "表七", en: "Table 7" },
  T08: { zh: "表八", en: "Table 8" },
  T09: { zh: "表九", en: "Table 9" },
  T10: { zh: "表十", en: "Table 10" },
  T11: { zh: "表十一", en: "Table 11" },
  T12: { zh: "表十二", en: "Table 12" },
  T13: { zh: "表十三", en: "Table 13" },
  PT: { zh: "项目支出绩效目标表", en: "the performance target tables" },
};

/** Column role names for messages when a column has no header text. */
export const ROLE_NAMES: Record<string, { zh: string; en: string }> = {
  amount: { zh: "金额", en: "amount" },
  total: { zh: "合计", en: "total" },
  basic: { zh: "基本支出", en: "basic expenditure" },
  project: { zh: "项目支出", en: "project expenditure" },
  personnel: { zh: "人员经费", en: "personnel funds" },
  public: { zh: "公用经费", en: "public funds" },
  gpb: { zh: "一般公共预算", en: "general public budget" },
  govFund: { zh: "政府性基金", en: "government funds" },
  soe: { zh: "国有资本经营预算", en: "state capital budget" },
  specialAccount: { zh: "财政专户管理资金", en: "special account funds" },
  unitFunds: { zh: "单位资金", en: "unit funds" },
  carry: { zh: "上年结转", en: "carry-over" },
  current: { zh: "当年预算安排", en: "current-year budget" },
};

/** 表一 / Table 1 for a Shanxi table; another set's table by its own number (表1 …). */
export function tableNameOf(id: TableId): { zh: string; en: string } {
  return TABLE_NAMES[id] ?? { zh: tableZh(id), en: tableEn(id) };
}
