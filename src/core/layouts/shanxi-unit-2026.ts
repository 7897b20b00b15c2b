import type { ShanxiTableId } from "../recognise/model";
import type { ColumnSpec, DeclaredRelation, FigureSelector, LayoutSet, RelationCondition, TableLayout } from "./types";

/**
 * The 13 tables of the Shanxi unit budget disclosure (单位预算公开, 2026 edition) and the project
 * performance target table. Source: the seed disclosure of 晋城经济技术开发区财政管理运营部.
 */

// Optional: budget-system exports often leave the code column out and indent the names instead.
const CODE: ColumnSpec = { role: "code", kind: "code", labels: ["科目编码", "功能分类科目编码", "支出功能分类科目编码", "编码", "科目代码"], optional: true };
// Or the code split into 类 | 款 | 项 columns (201 | 06 | 07), as budget systems often export it.
const CODE_PARTS: ColumnSpec[] = [
  { role: "code1", kind: "code", labels: ["类"], optional: true },
  { role: "code2", kind: "code", labels: ["款"], optional: true },
  { role: "code3", kind: "code", labels: ["项"], optional: true },
];
const NAME: ColumnSpec = { role: "name", kind: "name", labels: ["科目名称", "功能分类科目名称", "支出功能分类科目名称", "项目"] };
const TOTAL = (labels: string[] = []): ColumnSpec => ({ role: "total", kind: "amount", labels: ["合计", "小计", "金额合计", "{year}年合计", ...labels] });
const GPB: ColumnSpec = { role: "gpb", kind: "amount", labels: ["一般公共预算", "一般公共预算拨款", "一般公共预算拨款收入"] };
const GOVFUND: ColumnSpec = { role: "govFund", kind: "amount", labels: ["政府性基金", "政府性基金预算", "政府性基金预算拨款", "政府性基金拨款"] };
const SOE: ColumnSpec = { role: "soe", kind: "amount", labels: ["国有资本经营预算", "国有资本经营", "国有资本经营预算拨款"] };
const SPECIAL: ColumnSpec = { role: "specialAccount", kind: "amount", labels: ["财政专户管理资金", "财政专户管理资金收入"] };
const UNITFUNDS: ColumnSpec = { role: "unitFunds", kind: "amount", labels: ["单位资金"] };
const BASIC: ColumnSpec = { role: "basic", kind: "amount", labels: ["基本支出"] };
const PROJECT: ColumnSpec = { role: "project", kind: "amount", labels: ["项目支出"] };

const SUBJECT_TOTALS = ["合计", "总计"];
const EXPENDITURE_SUBJECT_COLUMNS: ColumnSpec[] = [CODE, ...CODE_PARTS, NAME, TOTAL(), BASIC, PROJECT];

const ECONOMIC_CLASSES = [
  "工资福利支出",
  "商品和服务支出",
  "对个人和家庭的补助",
  "对企业补助",
  "对企业补助(基本建设)",
  "债务利息及费用支出",
  "资本性支出",
  "资本性支出(基本建设)",
  "对社会保障基金补助",
  "其他支出",
];

const tables: TableLayout[] = [
  {
    id: "T01",
    kind: "incomeExpenditureSummary",
    key: "shanxi-unit-2026/T01",
    number: "表一",
    standardName: "预算收支总表",
    titles: ["预算收支总表", "收支预算总表", "部门收支预算总表", "单位收支预算总表"],
    moneyUnit: "万元",
    rowModel: "summary",
    columns: [
      { role: "name", kind: "name", labels: ["项目"], under: ["收入"], side: "income" },
      { role: "amount", kind: "amount", labels: ["{year}年", "{year}年预算数", "预算数", "金额"], under: ["收入"], side: "income" },
      { role: "name", kind: "name", labels: ["项目"], under: ["支出"], side: "expenditure" },
      { role: "total", kind: "amount", labels: ["{year}年合计", "合计", "{year}年预算数"], under: ["支出"], side: "expenditure" },
      { role: "current", kind: "amount", labels: ["当年预算安排", "本年预算安排"], under: ["支出"], side: "expenditure" },
      { role: "carry", kind: "amount", labels: ["上年结转安排", "上年结转"], under: ["支出"], side: "expenditure" },
    ],
    totals: ["本年收入合计", "上年结转", "收入总计", "本年支出合计", "年终结转", "支出总计", "年终结转结余"],
  },
  {
    id: "T02",
    kind: "incomeSummary",
    key: "shanxi-unit-2026/T02",
    number: "表二",
    standardName: "预算收入总表",
    titles: ["预算收入总表", "收入预算总表", "部门收入总表", "单位收入总表"],
    moneyUnit: "万元",
    rowModel: "subjects",
    columns: [
      CODE,
      ...CODE_PARTS,
      NAME,
      { ...TOTAL(), under: ["本年收入"] },
      GPB,
      GOVFUND,
      SOE,
      SPECIAL,
      UNITFUNDS,
      { role: "carry", kind: "amount", labels: ["上年结转", "上年结转收入"] },
    ],
    totals: SUBJECT_TOTALS,
  },
  {
    id: "T03",
    kind: "expenditureSummary",
    key: "shanxi-unit-2026/T03",
    number: "表三",
    standardName: "预算支出总表",
    titles: ["预算支出总表", "支出预算总表", "部门支出总表", "单位支出总表"],
    moneyUnit: "万元",
    rowModel: "subjects",
    columns: EXPENDITURE_SUBJECT_COLUMNS,
    totals: SUBJECT_TOTALS,
  },
  {
    id: "T04",
    kind: "fiscalSummary",
    key: "shanxi-unit-2026/T04",
    number: "表四",
    standardName: "财政拨款收支总表",
    titles: ["财政拨款收支总表", "财政拨款收支预算总表"],
    moneyUnit: "万元",
    rowModel: "summary",
    columns: [
      { role: "name", kind: "name", labels: ["项目"], under: ["收入"], side: "income" },
      { role: "amount", kind: "amount", labels: ["金额", "{year}年", "预算数"], under: ["收入"], side: "income" },
      { role: "name", kind: "name", labels: ["项目"], under: ["支出"], side: "expenditure" },
      { role: "total", kind: "amount", labels: ["小计", "合计"], under: ["支出"], side: "expenditure" },
      { ...GPB, under: ["支出"], side: "expenditure" },
      { ...GOVFUND, under: ["支出"], side: "expenditure" },
      { ...SOE, under: ["支出"], side: "expenditure" },
    ],
    totals: ["本年收入合计", "上年财政拨款结转", "上年结转", "收入总计", "本年支出合计", "年终结转", "支出总计"],
    groupStarts: { 上年财政拨款结转: "carry", 上年结转: "carry" },
  },
  {
    id: "T05",
    kind: "gpbFunctional",
    key: "shanxi-unit-2026/T05",
    number: "表五",
    standardName: "一般公共预算支出预算表(不含上年结转)",
    titles: ["一般公共预算支出预算表(不含上年结转)", "一般公共预算支出预算表", "一般公共预算支出表"],
    moneyUnit: "万元",
    rowModel: "subjects",
    columns: EXPENDITURE_SUBJECT_COLUMNS,
    totals: SUBJECT_TOTALS,
  },
  {
    id: "T06",
    kind: "gpbBasicEconomic",
    key: "shanxi-unit-2026/T06",
    number: "表六",
    standardName: "一般公共预算安排基本支出分经济科目表(不含上年结转)",
    titles: [
      "一般公共预算安排基本支出分经济科目表(不含上年结转)",
      "一般公共预算安排基本支出分经济科目表",
      "一般公共预算基本支出分经济科目表",
      "一般公共预算基本支出表",
    ],
    moneyUnit: "万元",
    rowModel: "economic",
    columns: [
      { role: "code", kind: "code", labels: ["科目编码", "经济科目编码", "部门预算支出经济科目编码"], optional: true },
      { role: "name", kind: "name", labels: ["部门预算支出经济科目名称", "部门预算支出经济分类科目名称", "经济科目名称", "科目名称"] },
      { role: "name2", kind: "name2", labels: ["政府预算支出经济科目名称", "政府预算支出经济分类科目名称"], optional: true },
      TOTAL(),
      { role: "personnel", kind: "amount", labels: ["人员经费"] },
      { role: "public", kind: "amount", labels: ["公用经费"] },
    ],
    totals: SUBJECT_TOTALS,
    classLabels: ECONOMIC_CLASSES,
  },
  {
    id: "T07",
    kind: "govFundIncome",
    key: "shanxi-unit-2026/T07",
    number: "表七",
    standardName: "政府性基金预算收入表(不含上年结转)",
    titles: ["政府性基金预算收入表(不含上年结转)", "政府性基金预算收入表"],
    moneyUnit: "万元",
    rowModel: "subjects",
    columns: [
      { role: "code", kind: "code", labels: ["收入科目编码", "科目编码"], optional: true },
      ...CODE_PARTS,
      { role: "name", kind: "name", labels: ["科目名称", "收入科目名称"] },
      { role: "amount", kind: "amount", labels: ["政府性基金收入预算", "政府性基金预算收入", "金额", "合计"] },
    ],
    totals: SUBJECT_TOTALS,
  },
  {
    id: "T08",
    kind: "govFundFunctional",
    key: "shanxi-unit-2026/T08",
    number: "表八",
    standardName: "政府性基金预算支出表(不含上年结转)",
    titles: ["政府性基金预算支出表(不含上年结转)", "政府性基金预算支出表"],
    moneyUnit: "万元",
    rowModel: "subjects",
    columns: EXPENDITURE_SUBJECT_COLUMNS,
    totals: SUBJECT_TOTALS,
  },
  {
    id: "T09",
    kind: "soeIncomeExpenditure",
    key: "shanxi-unit-2026/T09",
    number: "表九",
    standardName: "国有资本经营预算收支预算表(不含上年结转)",
    titles: ["国有资本经营预算收支预算表(不含上年结转)", "国有资本经营预算收支预算表", "国有资本经营预算收支表"],
    moneyUnit: "万元",
    rowModel: "twoSided",
    columns: [
      { role: "code", kind: "code", labels: ["收入科目编码", "科目编码"], under: ["国有资本经营预算收入"], side: "income", optional: true },
      { role: "name", kind: "name", labels: ["科目名称"], under: ["国有资本经营预算收入"], side: "income" },
      { role: "amount", kind: "amount", labels: ["国有资本经营收入预算", "金额"], under: ["国有资本经营预算收入"], side: "income" },
      { role: "code", kind: "code", labels: ["科目编码"], under: ["国有资本经营预算支出"], side: "expenditure", optional: true },
      { role: "name", kind: "name", labels: ["科目名称"], under: ["国有资本经营预算支出"], side: "expenditure" },
      { ...TOTAL(), under: ["国有资本经营预算支出"], side: "expenditure" },
      { ...BASIC, under: ["国有资本经营预算支出"], side: "expenditure" },
      { ...PROJECT, under: ["国有资本经营预算支出"], side: "expenditure" },
    ],
    totals: SUBJECT_TOTALS,
  },
  {
    id: "T10",
    kind: "sanGong",
    key: "shanxi-unit-2026/T10",
    number: "表十",
    standardName: "财政拨款安排“三公”经费支出预算表",
    titles: ["财政拨款安排三公经费支出预算表", "三公经费支出预算表", "财政拨款三公经费支出预算表"],
    moneyUnit: "万元",
    rowModel: "lines",
    columns: [{ role: "name", kind: "name", labels: ["项目"] }, TOTAL(), GPB, GOVFUND, SOE],
    totals: ["合计"],
  },
  {
    id: "T11",
    kind: "operatingCost",
    key: "shanxi-unit-2026/T11",
    number: "表十一",
    standardName: "财政拨款安排机关运行经费预算表",
    titles: ["财政拨款安排机关运行经费预算表", "机关运行经费预算表", "财政拨款机关运行经费预算表"],
    moneyUnit: "万元",
    rowModel: "lines",
    columns: [{ role: "name", kind: "name", labels: ["单位名称", "项目"] }, TOTAL(), GPB, GOVFUND, SOE],
    totals: ["部门合计", "合计", "单位合计"],
  },
  {
    id: "T12",
    kind: "projectList",
    key: "shanxi-unit-2026/T12",
    number: "表十二",
    standardName: "项目支出预算表(本年预算)",
    titles: ["项目支出预算表(本年预算)", "项目支出预算表"],
    moneyUnit: "万元",
    rowModel: "projects",
    columns: [{ role: "name", kind: "name", labels: ["项目名称"] }, TOTAL(), GPB, GOVFUND, SOE, SPECIAL, UNITFUNDS],
    totals: ["合计", "部门合计", "单位合计", "总计"],
  },
  {
    id: "T13",
    kind: "projectListCarry",
    key: "shanxi-unit-2026/T13",
    number: "表十三",
    standardName: "项目支出预算表(上年结转)",
    titles: ["项目支出预算表(上年结转)"],
    moneyUnit: "万元",
    rowModel: "projects",
    columns: [{ role: "name", kind: "name", labels: ["项目名称"] }, TOTAL(), GPB, GOVFUND, SOE],
    totals: ["合计", "部门合计", "单位合计", "总计"],
  },
  {
    id: "PT",
    kind: "performanceForm",
    key: "shanxi-unit-2026/PT",
    number: "绩效目标表",
    standardName: "项目支出绩效目标表",
    titles: ["项目支出绩效目标表"],
    moneyUnit: "元",
    rowModel: "form",
    columns: [],
  },
];

// ---------------------------------------------------------------- relations between the tables

/**
 * A figure of a Shanxi table. Every column these relations name is a required one: a table whose
 * header lacks it (reported as a header problem) still has its figures compared, as blanks.
 */
const F = (table: ShanxiTableId, row: FigureSelector["row"], role: string, side?: "income" | "expenditure"): FigureSelector =>
  side ? { table, side, row, role, absentColumn: "blank" } : { table, row, role, absentColumn: "blank" };
/** A figure of a column some editions leave out (表二's 上年结转 and source columns): without it the relation does not apply. */
const IF_COLUMN = (sel: FigureSelector): FigureSelector => {
  const { absentColumn: _, ...rest } = sel;
  return rest;
};
const COLUMN = (table: ShanxiTableId, role: string, side?: "income" | "expenditure") => (side ? { table, side, role, absentColumn: "blank" as const } : { table, role, absentColumn: "blank" as const });
/** An income line of 表一 (一般公共预算, 单位资金 …). */
const T01_LINE = (label: string) => F("T01", { labels: [label] }, "amount", "income");
/** An income line of 表四 among the year's appropriations (not under 上年财政拨款结转). */
const T04_LINE = (label: string) => F("T04", { labels: [label], group: "current" }, "amount", "income");
const TOTAL_OF = (table: ShanxiTableId, role: string) => F(table, "total", role);
const INCOME = (table: ShanxiTableId, kind: string) => F(table, { totalKind: kind }, "amount", "income");
const SPEND = (table: ShanxiTableId, kind: string, role = "total") => F(table, { totalKind: kind }, role, "expenditure");

/** The income sources: 表二's columns and 表一's income lines. */
const SOURCES: Array<[role: string, label: string]> = [
  ["gpb", "一般公共预算"],
  ["govFund", "政府性基金预算"],
  ["soe", "国有资本经营预算"],
  ["specialAccount", "财政专户管理资金"],
  ["unitFunds", "单位资金"],
];

/** All money is 财政拨款: no 财政专户管理资金 and no 单位资金 in 表一 or 表二. */
const ALL_FISCAL: RelationCondition[] = [
  { blank: [T01_LINE("财政专户管理资金"), T01_LINE("单位资金"), TOTAL_OF("T02", "specialAccount"), TOTAL_OF("T02", "unitFunds")] },
  { someTable: ["T01", "T02"] },
];

/** All money is 一般公共预算 of the year: no other source and no carry-over in 表一 or 表二. */
const ONLY_GPB: RelationCondition[] = [
  {
    blank: [
      ...SOURCES.slice(1).map(([, label]) => T01_LINE(label)),
      INCOME("T01", "上年结转"),
      ...["govFund", "soe", "specialAccount", "unitFunds", "carry"].map((role) => TOTAL_OF("T02", role)),
    ],
  },
  { someTable: ["T01", "T02"] },
];

/** 表四 spends no carried-over money, so its columns are the year's appropriations alone. */
const T04_NO_CARRY: RelationCondition[] = [{ blank: [F("T04", { totalKind: ["上年财政拨款结转", "上年结转"] }, "amount", "income"), F("T04", { group: "carry" }, "amount", "income")] }];

/**
 * 表六 economic items that correspond one-to-one (or one-to-two) with functional 项 of 表五's basic
 * expenditure. 医疗 and 退休费 may also draw on other 项 (2101199, 离休费 …), so a mismatch there is a warning.
 */
const ECONOMIC_FUNCTIONAL: Array<{ label: string; codes: string[]; severity: "error" | "warning" }> = [
  { label: "机关事业单位基本养老保险缴费", codes: ["2080505"], severity: "error" },
  { label: "职业年金缴费", codes: ["2080506"], severity: "error" },
  { label: "职工基本医疗保险缴费", codes: ["2101101", "2101102"], severity: "warning" },
  { label: "公务员医疗补助缴费", codes: ["2101103"], severity: "error" },
  { label: "住房公积金", codes: ["2210201"], severity: "error" },
  { label: "退休费", codes: ["2080501", "2080502"], severity: "warning" },
];

/**
 * What must agree between the tables, each relation under the rule that reports it (the rules'
 * docs in README.md say the same in words). A relation whose table, row or column is absent does not apply.
 */
const relations: DeclaredRelation[] = [
  // cross/summary-totals: 表二 and 表三 against 表一; 表四 against 表一 when all money is 财政拨款.
  { id: "t02-income", rule: "cross/summary-totals", type: "equal", a: TOTAL_OF("T02", "total"), b: INCOME("T01", "本年收入合计") },
  { id: "t02-carry", rule: "cross/summary-totals", type: "equal", a: IF_COLUMN(TOTAL_OF("T02", "carry")), b: INCOME("T01", "上年结转") },
  { id: "t03-spend", rule: "cross/summary-totals", type: "equal", a: TOTAL_OF("T03", "total"), b: SPEND("T01", "本年支出合计") },
  { id: "t04-income", rule: "cross/summary-totals", type: "equal", a: INCOME("T04", "本年收入合计"), b: INCOME("T01", "本年收入合计"), when: ALL_FISCAL },
  { id: "t04-income-all", rule: "cross/summary-totals", type: "equal", a: INCOME("T04", "收入总计"), b: INCOME("T01", "收入总计"), when: ALL_FISCAL },
  { id: "t04-spend", rule: "cross/summary-totals", type: "equal", a: SPEND("T04", "本年支出合计"), b: SPEND("T01", "本年支出合计"), when: ALL_FISCAL },
  { id: "t04-spend-all", rule: "cross/summary-totals", type: "equal", a: SPEND("T04", "支出总计"), b: SPEND("T01", "支出总计"), when: ALL_FISCAL },
  { id: "t04-carry", rule: "cross/summary-totals", type: "equal", a: INCOME("T04", "上年财政拨款结转"), b: INCOME("T01", "上年结转"), when: ALL_FISCAL },
  // cross/income-sources: 表二's source columns and 表四's appropriations are 表一's income lines.
  ...SOURCES.map(([role, label]): DeclaredRelation => ({ id: `t02-${role}`, rule: "cross/income-sources", type: "equal", a: IF_COLUMN(TOTAL_OF("T02", role)), b: T01_LINE(label) })),
  ...SOURCES.slice(0, 3).map(([role, label]): DeclaredRelation => ({ id: `t04-${role}-line`, rule: "cross/income-sources", type: "equal", a: T04_LINE(label), b: T01_LINE(label) })),
  // cross/class-rows: 表三's classes are 表一's expenditure classes (by name); 表四's too when all money is 财政拨款.
  {
    id: "t03-t01-classes",
    rule: "cross/class-rows",
    type: "rows",
    a: COLUMN("T03", "total"),
    b: COLUMN("T01", "total", "expenditure"),
    by: "label",
    depth: 0,
    unmatched: "both",
    wording: "noMatchingRow",
  },
  {
    id: "t04-t01-classes",
    rule: "cross/class-rows",
    type: "rows",
    a: COLUMN("T04", "total", "expenditure"),
    b: COLUMN("T01", "total", "expenditure"),
    by: "label",
    depth: 0,
    wording: "noMatchingRow",
    when: ALL_FISCAL,
  },
  // cross/gpb-expenditure: 表五 is 表三 row by row when all money is the year's 一般公共预算;
  // 表四's 一般公共预算 column is 表五 when 表四 spends no carry-over.
  ...["total", "basic", "project"].map((role): DeclaredRelation => ({ id: `t05-t03-${role}`, rule: "cross/gpb-expenditure", type: "equal", a: TOTAL_OF("T05", role), b: TOTAL_OF("T03", role), when: ONLY_GPB })),
  {
    id: "t05-t03-rows",
    rule: "cross/gpb-expenditure",
    type: "rows",
    a: COLUMN("T05", "total"),
    b: COLUMN("T03", "total"),
    roles: ["total", "basic", "project"],
    by: "codeOrLabel",
    pairing: "inOrder",
    unmatched: "both",
    wording: "noMatchingRow",
    when: ONLY_GPB,
  },
  { id: "t04-gpb-t05", rule: "cross/gpb-expenditure", type: "equal", a: SPEND("T04", "本年支出合计", "gpb"), b: TOTAL_OF("T05", "total"), when: T04_NO_CARRY },
  {
    id: "t04-t05-classes",
    rule: "cross/gpb-expenditure",
    type: "rows",
    a: COLUMN("T04", "gpb", "expenditure"),
    b: COLUMN("T05", "total"),
    by: "label",
    depth: 0,
    wording: "noMatchingRow",
    when: T04_NO_CARRY,
  },
  // cross/basic-economic: 表六 is 表五's basic expenditure by economic subject.
  { id: "t06-t05-basic", rule: "cross/basic-economic", type: "equal", a: TOTAL_OF("T06", "total"), b: TOTAL_OF("T05", "basic") },
  // cross/project-total: 表三's project expenditure is 表十二 plus 表十三; 表五's is 表十二's 一般公共预算.
  {
    id: "t03-projects",
    rule: "cross/project-total",
    type: "sum",
    total: TOTAL_OF("T03", "project"),
    parts: [TOTAL_OF("T12", "total"), TOTAL_OF("T13", "total")],
    wording: "totalsOf",
    when: [{ present: [TOTAL_OF("T12", "total")] }],
  },
  { id: "t05-projects", rule: "cross/project-total", type: "equal", a: TOTAL_OF("T05", "project"), b: TOTAL_OF("T12", "gpb") },
  // cross/economic-functional: 表六's social-security and housing items are 表五's basic expenditure of their 项.
  ...ECONOMIC_FUNCTIONAL.map(
    ({ label, codes, severity }): DeclaredRelation => ({
      id: `t06-${codes.join("-")}`,
      rule: "cross/economic-functional",
      type: "sum",
      total: F("T06", { labels: [label], minDepth: 1, match: "truncated" }, "total"),
      parts: codes.map((code) => F("T05", { code }, "basic")),
      onePart: "equal",
      wording: "codesOf",
      severity,
    }),
  ),
  // cross/govfund: 表七 is 表一's and 表四's 政府性基金 income; 表八 is 表四's 政府性基金 spending when 表四 spends no carry-over.
  { id: "t07-t01", rule: "cross/govfund", type: "equal", a: TOTAL_OF("T07", "amount"), b: T01_LINE("政府性基金预算") },
  { id: "t07-t04", rule: "cross/govfund", type: "equal", a: TOTAL_OF("T07", "amount"), b: T04_LINE("政府性基金预算") },
  { id: "t08-t04", rule: "cross/govfund", type: "equal", a: TOTAL_OF("T08", "total"), b: SPEND("T04", "本年支出合计", "govFund"), when: T04_NO_CARRY },
];

export const shanxiUnit2026: LayoutSet = {
  id: "shanxi-unit-2026",
  description: "山西省单位预算公开（2026）：13 张报表与项目支出绩效目标表",
  tables,
  relations,
};
