import type { ColumnSpec, DeclaredRelation, FigureSelector, LayoutSet, TableLayout } from "./types";
import type { ShanghaiTableId } from "../recognise/model";

/**
 * Shanghai's unit (单位预算) and department (部门预算) budget disclosures, 2023–2026: nine tables and
 * the 财政项目支出绩效目标填报表 forms. Source: the official 2026 Putuo templates and the published
 * 2025 municipal unit budget of 上海市财政局 (../shared/reference/layouts/shanghai/).
 *
 * What differs from Shanxi: money in 元 (the 三公 table in 万元), codes split over 类/款/项 columns
 * under 功能分类科目编码 (款 and 项 written "06"), income columns 财政拨款收入/事业收入/事业单位经营收入/
 * 其他收入, and 基本支出 split into 人员经费 and 公用经费 in the 收支总表. The unit and department sets
 * are the same tables under titles that say 单位 or 部门.
 */

// 类 | 款 | 项 under 功能分类科目编码 (a code written in one column is read too).
const CODE: ColumnSpec = { role: "code", kind: "code", labels: ["功能分类科目编码", "科目编码", "编码"], optional: true };
const CODE_PARTS: ColumnSpec[] = [
  { role: "code1", kind: "code", labels: ["类"], optional: true },
  { role: "code2", kind: "code", labels: ["款"], optional: true },
  { role: "code3", kind: "code", labels: ["项"], optional: true },
];
const NAME: ColumnSpec = { role: "name", kind: "name", labels: ["功能分类科目名称", "科目名称", "支出功能分类科目名称"] };
const TOTAL: ColumnSpec = { role: "total", kind: "amount", labels: ["合计", "小计"] };
const BASIC: ColumnSpec = { role: "basic", kind: "amount", labels: ["基本支出"] };
const PROJECT: ColumnSpec = { role: "project", kind: "amount", labels: ["项目支出"] };
const FUNCTIONAL: ColumnSpec[] = [CODE, ...CODE_PARTS, NAME, TOTAL, BASIC, PROJECT];
const SUBJECT_TOTALS = ["合计", "总计"];
const BASIC_PROJECT = [{ side: "any" as const, total: "total", parts: ["basic", "project"] }];

/** Words over the columns in Shanghai headers (项目 over the codes and names, 收入预算 over the figures). */
const HEADER_WORDS = ["项目", "功能分类科目编码", "经济分类科目编码", "部门预算经济分类科目编码", "收入预算", "支出预算", "本年收入", "本年支出", "预算数", "基本支出", "财政拨款收入", "财政拨款支出", "一般公共预算支出", "政府性基金预算支出", "国有资本经营预算支出", "一般公共预算基本支出", "三公经费预算数", "公务用车购置及运行费"];

/** Names of one table: the unit's or the department's wording, with and without 预算; the first is the standard name. */
function named(who: "单位" | "部门", core: string, extra: string[] = []): Pick<TableLayout, "standardName" | "titles"> {
  const titles = who === "单位" ? [`预算单位${core}`, `单位${core}`, ...extra] : [`部门${core}`, `预算部门${core}`, ...extra];
  return { standardName: titles[0], titles };
}

/** A table of subjects by function with 合计 = 基本支出 + 项目支出 (表3, 表5, 表6, 表7): only its name differs. */
function functional(id: ShanghaiTableId, number: string, kind: TableLayout["kind"], standardNameEn: string, names: Pick<TableLayout, "standardName" | "titles">): Omit<TableLayout, "key"> {
  return { id, standardNameEn, kind, number, ...names, moneyUnit: "元", gapsInside: true, rowModel: "subjects", headerWords: HEADER_WORDS, columns: FUNCTIONAL, totals: SUBJECT_TOTALS, columnSums: BASIC_PROJECT };
}

function tablesFor(who: "单位" | "部门", set: string): TableLayout[] {
  const tables: Array<Omit<TableLayout, "key">> = [
    {
      id: "SH1",
      standardNameEn: "Financial income and expenditure budget summary",
      kind: "incomeExpenditureSummary",
      number: "表1",
      ...named(who, "财务收支预算总表", [`${who}收支预算总表`]),
      moneyUnit: "元",
      gapsInside: true,
      rowModel: "summary",
      headerWords: HEADER_WORDS,
      columns: [
        { role: "name", kind: "name", labels: ["项目"], under: ["本年收入", "收入"], side: "income" },
        { role: "amount", kind: "amount", labels: ["预算数", "金额", "{year}年预算数"], under: ["本年收入", "收入"], side: "income" },
        { role: "name", kind: "name", labels: ["项目"], under: ["本年支出", "支出"], side: "expenditure" },
        // 2026 unit: 预算数 over 合计 | 基本支出 (人员经费, 公用经费) | 项目支出; the department's and older ones: 预算数 alone.
        { role: "total", kind: "amount", labels: ["合计", "预算数", "{year}年预算数"], under: ["本年支出", "支出"], side: "expenditure" },
        { role: "personnel", kind: "amount", labels: ["人员经费"], under: ["本年支出", "支出"], side: "expenditure", optional: true },
        { role: "public", kind: "amount", labels: ["公用经费"], under: ["本年支出", "支出"], side: "expenditure", optional: true },
        { role: "project", kind: "amount", labels: ["项目支出"], under: ["本年支出", "支出"], side: "expenditure", optional: true },
      ],
      totals: ["收入总计", "支出总计", "本年收入合计", "本年支出合计"],
      columnSums: [{ side: "expenditure", total: "total", parts: ["personnel", "public", "project"] }],
    },
    {
      id: "SH2",
      standardNameEn: "Income budget summary",
      kind: "incomeSummary",
      number: "表2",
      ...named(who, "收入预算总表"),
      moneyUnit: "元",
      gapsInside: true,
      rowModel: "subjects",
      headerWords: HEADER_WORDS,
      columns: [
        CODE,
        ...CODE_PARTS,
        NAME,
        TOTAL,
        { role: "fiscal", kind: "amount", labels: ["财政拨款收入", "财政拨款"] },
        { role: "business", kind: "amount", labels: ["事业收入"] },
        { role: "operating", kind: "amount", labels: ["事业单位经营收入", "经营收入"] },
        { role: "other", kind: "amount", labels: ["其他收入"] },
      ],
      totals: SUBJECT_TOTALS,
      columnSums: [{ side: "any", total: "total", parts: ["fiscal", "business", "operating", "other"] }],
    },
    functional("SH3", "表3", "expenditureSummary", "Expenditure budget summary", named(who, "支出预算总表")),
    {
      id: "SH4",
      standardNameEn: "Fiscal appropriation income and expenditure budget summary",
      kind: "fiscalSummary",
      number: "表4",
      ...named(who, "财政拨款收支预算总表", [`${who}财政拨款收支总表`]),
      moneyUnit: "元",
      gapsInside: true,
      rowModel: "summary",
      headerWords: HEADER_WORDS,
      columns: [
        { role: "name", kind: "name", labels: ["项目"], under: ["财政拨款收入"], side: "income" },
        { role: "amount", kind: "amount", labels: ["预算数", "金额"], under: ["财政拨款收入"], side: "income" },
        { role: "name", kind: "name", labels: ["项目"], under: ["财政拨款支出"], side: "expenditure" },
        { role: "total", kind: "amount", labels: ["合计", "小计"], under: ["财政拨款支出"], side: "expenditure" },
        { role: "gpb", kind: "amount", labels: ["一般公共预算", "一般公共预算拨款"], under: ["财政拨款支出"], side: "expenditure" },
        { role: "govFund", kind: "amount", labels: ["政府性基金预算", "政府性基金"], under: ["财政拨款支出"], side: "expenditure" },
        { role: "soe", kind: "amount", labels: ["国有资本经营预算", "国有资本经营"], under: ["财政拨款支出"], side: "expenditure" },
      ],
      totals: ["收入总计", "支出总计", "本年收入合计", "本年支出合计"],
      columnSums: [{ side: "expenditure", total: "total", parts: ["gpb", "govFund", "soe"] }],
    },
    functional("SH5", "表5", "gpbFunctional", "General public budget expenditure by function", named(who, "一般公共预算支出功能分类预算表")),
    functional("SH6", "表6", "govFundFunctional", "Government fund budget expenditure by function", named(who, "政府性基金预算支出功能分类预算表")),
    functional("SH7", "表7", "soeFunctional", "State capital operation budget expenditure by function", named(who, "国有资本经营预算支出功能分类预算表")),
    {
      id: "SH8",
      standardNameEn: "General public budget basic expenditure by departmental economic subject",
      kind: "gpbBasicEconomic",
      number: "表8",
      ...named(who, `一般公共预算基本支出部门预算经济分类预算表`, [`${who === "单位" ? "预算单位" : "部门"}一般公共预算基本支出经济分类预算表`]),
      moneyUnit: "元",
      gapsInside: true,
      rowModel: "economic",
      headerWords: HEADER_WORDS,
      columns: [
        { role: "code", kind: "code", labels: ["经济分类科目编码", "部门预算经济分类科目编码", "科目编码"], optional: true },
        { role: "code1", kind: "code", labels: ["类"], optional: true },
        { role: "code2", kind: "code", labels: ["款"], optional: true },
        { role: "name", kind: "name", labels: ["部门经济分类科目名称", "经济分类科目名称", "部门预算经济分类科目名称", "科目名称"] },
        TOTAL,
        { role: "personnel", kind: "amount", labels: ["人员经费"] },
        { role: "public", kind: "amount", labels: ["公用经费"] },
      ],
      totals: SUBJECT_TOTALS,
      columnSums: [{ side: "any", total: "total", parts: ["personnel", "public"] }],
    },
    {
      id: "SH9",
      standardNameEn: "“Three public” expenses and office operating expenses",
      kind: "sanGongAndOperating",
      number: "表9",
      standardName: `${who}“三公”经费和机关运行经费预算表`,
      titles: [`${who}三公经费和机关运行经费预算表`, `${who === "单位" ? "预算单位" : "预算部门"}三公经费和机关运行经费预算表`, "三公经费和机关运行经费预算表"],
      moneyUnit: "万元",
      gapsInside: true,
      rowModel: "lines",
      headerWords: HEADER_WORDS,
      columns: [
        { role: "total", kind: "amount", labels: ["合计"], under: ["三公经费预算数"] },
        { role: "abroad", kind: "amount", labels: ["因公出国(境)费", "因公出国(境)费用"] },
        { role: "reception", kind: "amount", labels: ["公务接待费"] },
        { role: "vehicle", kind: "amount", labels: ["小计"], under: ["公务用车购置及运行费"] },
        { role: "vehiclePurchase", kind: "amount", labels: ["购置费", "公务用车购置费"] },
        { role: "vehicleRun", kind: "amount", labels: ["运行费", "公务用车运行费", "公务用车运行维护费"] },
        { role: "operatingCost", kind: "amount", labels: ["机关运行经费预算数", "机关运行经费"] },
      ],
      totals: [],
      columnSums: [
        { side: "any", total: "total", parts: ["abroad", "reception", "vehicle"] },
        { side: "any", total: "vehicle", parts: ["vehiclePurchase", "vehicleRun"] },
      ],
    },
    {
      id: "SHPT",
      standardNameEn: "Project performance target form",
      kind: "performanceForm",
      number: "绩效目标表",
      standardName: "财政项目支出绩效目标填报表",
      titles: ["财政项目支出绩效目标填报表", "项目支出绩效目标填报表"],
      moneyUnit: "元",
      gapsInside: true,
      rowModel: "form",
      columns: [],
      optional: true,
    },
  ];
  return tables.map((t) => ({ ...t, key: `${set}/${t.id}` }));
}

const T = (table: ShanghaiTableId, row: FigureSelector["row"], role: string, side?: "income" | "expenditure"): FigureSelector => (side ? { table, side, row, role } : { table, row, role });
const GPB_LINE = { labels: ["一般公共预算资金", "一般公共预算", "一般公共预算拨款"] };
const GOVFUND_LINE = { labels: ["政府性基金", "政府性基金预算", "政府性基金预算资金"] };
const SOE_LINE = { labels: ["国有资本经营预算", "国有资本经营预算资金", "国有资本经营"] };
const INCOME_TOTAL = { totalKind: "收入总计" };
const SPEND_TOTAL = { totalKind: "支出总计" };

/**
 * What must agree between Shanghai's tables (the same in the unit and the department set). Figures
 * in 元 throughout; the 三公 table (万元) is checked within itself only.
 */
const RELATIONS: DeclaredRelation[] = [
  // 收支总表 balances, and its income lines add up.
  { id: "sh1-balance", type: "equal", a: T("SH1", SPEND_TOTAL, "total", "expenditure"), b: T("SH1", INCOME_TOTAL, "amount", "income") },
  {
    id: "sh1-income",
    type: "sum",
    total: T("SH1", INCOME_TOTAL, "amount", "income"),
    parts: [
      T("SH1", { labels: ["财政拨款收入", "财政拨款"] }, "amount", "income"),
      T("SH1", { labels: ["事业收入"] }, "amount", "income"),
      T("SH1", { labels: ["事业单位经营收入"] }, "amount", "income"),
      T("SH1", { labels: ["其他收入"] }, "amount", "income"),
    ],
  },
  { id: "sh1-fiscal", type: "sum", total: T("SH1", { labels: ["财政拨款收入", "财政拨款"] }, "amount", "income"), parts: [T("SH1", GPB_LINE, "amount", "income"), T("SH1", GOVFUND_LINE, "amount", "income"), T("SH1", SOE_LINE, "amount", "income")] },
  // 收入总表 and 支出总表 against the 收支总表.
  { id: "sh2-total", type: "equal", a: T("SH2", "total", "total"), b: T("SH1", INCOME_TOTAL, "amount", "income") },
  { id: "sh2-fiscal", type: "equal", a: T("SH2", "total", "fiscal"), b: T("SH1", { labels: ["财政拨款收入", "财政拨款"] }, "amount", "income") },
  { id: "sh2-business", type: "equal", a: T("SH2", "total", "business"), b: T("SH1", { labels: ["事业收入"] }, "amount", "income") },
  { id: "sh2-operating", type: "equal", a: T("SH2", "total", "operating"), b: T("SH1", { labels: ["事业单位经营收入"] }, "amount", "income") },
  { id: "sh2-other", type: "equal", a: T("SH2", "total", "other"), b: T("SH1", { labels: ["其他收入"] }, "amount", "income") },
  { id: "sh3-total", type: "equal", a: T("SH3", "total", "total"), b: T("SH1", SPEND_TOTAL, "total", "expenditure") },
  { id: "sh3-project", type: "equal", a: T("SH3", "total", "project"), b: T("SH1", SPEND_TOTAL, "project", "expenditure") },
  { id: "sh3-basic", type: "sum", total: T("SH3", "total", "basic"), parts: [T("SH1", SPEND_TOTAL, "personnel", "expenditure"), T("SH1", SPEND_TOTAL, "public", "expenditure")] },
  // Income and expenditure by function agree subject by subject; the 收支总表's classes are the 支出总表's.
  { id: "sh2-sh3-rows", type: "rows", a: { table: "SH2", role: "total" }, b: { table: "SH3", role: "total" }, by: "code", whenEmpty: "skip" },
  { id: "sh1-sh3-classes", type: "rows", a: { table: "SH1", side: "expenditure", role: "total" }, b: { table: "SH3", role: "total" }, by: "label", depth: 0, whenEmpty: "skip" },
  // 财政拨款收支总表: balances, and agrees with the 收支总表 and the three functional tables.
  { id: "sh4-balance", type: "equal", a: T("SH4", SPEND_TOTAL, "total", "expenditure"), b: T("SH4", INCOME_TOTAL, "amount", "income") },
  { id: "sh4-fiscal", type: "equal", a: T("SH4", INCOME_TOTAL, "amount", "income"), b: T("SH1", { labels: ["财政拨款收入", "财政拨款"] }, "amount", "income") },
  { id: "sh4-gpb-line", type: "equal", a: T("SH4", GPB_LINE, "amount", "income"), b: T("SH1", GPB_LINE, "amount", "income") },
  { id: "sh4-govfund-line", type: "equal", a: T("SH4", GOVFUND_LINE, "amount", "income"), b: T("SH1", GOVFUND_LINE, "amount", "income") },
  { id: "sh4-soe-line", type: "equal", a: T("SH4", SOE_LINE, "amount", "income"), b: T("SH1", SOE_LINE, "amount", "income") },
  { id: "sh4-gpb", type: "equal", a: T("SH4", SPEND_TOTAL, "gpb", "expenditure"), b: T("SH4", GPB_LINE, "amount", "income") },
  { id: "sh4-govfund", type: "equal", a: T("SH4", SPEND_TOTAL, "govFund", "expenditure"), b: T("SH4", GOVFUND_LINE, "amount", "income") },
  { id: "sh4-soe", type: "equal", a: T("SH4", SPEND_TOTAL, "soe", "expenditure"), b: T("SH4", SOE_LINE, "amount", "income") },
  { id: "sh5-total", type: "equal", a: T("SH5", "total", "total"), b: T("SH4", SPEND_TOTAL, "gpb", "expenditure") },
  { id: "sh6-total", type: "equal", a: T("SH6", "total", "total"), b: T("SH4", SPEND_TOTAL, "govFund", "expenditure") },
  { id: "sh7-total", type: "equal", a: T("SH7", "total", "total"), b: T("SH4", SPEND_TOTAL, "soe", "expenditure") },
  { id: "sh4-sh5-classes", type: "rows", a: { table: "SH4", side: "expenditure", role: "gpb" }, b: { table: "SH5", role: "total" }, by: "label", depth: 0, whenEmpty: "skip" },
  // The economic table is the 一般公共预算 basic expenditure, split as in the 收支总表 when all of it is 一般公共预算.
  { id: "sh8-total", type: "equal", a: T("SH8", "total", "total"), b: T("SH5", "total", "basic") },
  { id: "sh8-personnel", type: "equal", a: T("SH8", "total", "personnel"), b: T("SH1", SPEND_TOTAL, "personnel", "expenditure"), when: [{ equal: [T("SH5", "total", "basic"), T("SH3", "total", "basic")] }] },
  { id: "sh8-public", type: "equal", a: T("SH8", "total", "public"), b: T("SH1", SPEND_TOTAL, "public", "expenditure"), when: [{ equal: [T("SH5", "total", "basic"), T("SH3", "total", "basic")] }] },
  // Otherwise (other money pays part of the basic expenditure) the 一般公共预算 part cannot be the larger.
  { id: "sh8-personnel-max", type: "equal", op: "atMost", a: T("SH8", "total", "personnel"), b: T("SH1", SPEND_TOTAL, "personnel", "expenditure"), when: [{ notEqual: [T("SH5", "total", "basic"), T("SH3", "total", "basic")] }] },
  { id: "sh8-public-max", type: "equal", op: "atMost", a: T("SH8", "total", "public"), b: T("SH1", SPEND_TOTAL, "public", "expenditure"), when: [{ notEqual: [T("SH5", "total", "basic"), T("SH3", "total", "basic")] }] },
];

export const shanghaiUnit: LayoutSet = {
  id: "shanghai-unit",
  description: "上海市单位预算公开（2023–2026）：9 张报表与财政项目支出绩效目标填报表",
  descriptionEn: "Shanghai unit budget disclosure (2023–2026): 9 tables and the project performance target forms",
  tables: tablesFor("单位", "shanghai-unit"),
  relations: RELATIONS,
};

export const shanghaiDepartment: LayoutSet = {
  id: "shanghai-department",
  description: "上海市部门预算公开（2023–2026）：9 张报表与财政项目支出绩效目标填报表",
  descriptionEn: "Shanghai department budget disclosure (2023–2026): 9 tables and the project performance target forms",
  tables: tablesFor("部门", "shanghai-department"),
  relations: RELATIONS,
};
