import type { ColumnSpec, LayoutSet, TableLayout } from "./types";

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

export const shanxiUnit2026: LayoutSet = {
  id: "shanxi-unit-2026",
  description: "山西省单位预算公开（2026）：13 张报表与项目支出绩效目标表",
  tables,
};
