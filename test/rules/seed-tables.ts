import type { PerformanceForm, PerformanceIndicator, RecognisedTable, TableRow } from "../../src/core/recognise/model";
import { funding, table, type Fig, type RowSpec } from "./helpers";
import performance from "../../data/sample-2026/performance.json";

/**
 * The seed's 2026 disclosure (晋城经济技术开发区财政管理运营部) as hand-made recognised tables, so that
 * each rule's cases can start from a consistent workbook and change one figure.
 */

export const CLASSES = [
  "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
  "社会保障和就业支出", "社会保险基金支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
  "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
  "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "预备费", "其他支出", "转移性支出", "债务还本支出",
  "债务付息支出", "债务发行费用支出", "抗疫特别国债安排的支出",
];
const CLASS_FIGURES: Record<string, string> = {
  一般公共服务支出: "434.67", 社会保障和就业支出: "63.98", 卫生健康支出: "15.74", 住房保障支出: "19.09",
};

const NOTE_TAIL = "注：本套报表因取数时四舍五入，部分金额可能存在尾差";
const NOTE_EMPTY = "注：本表无数据";

function t01(): RecognisedTable {
  const rows: RowSpec[] = [];
  const income: Array<[string, Fig]> = [["一般公共预算", "533.48"], ["政府性基金预算", ""], ["国有资本经营预算", ""], ["财政专户管理资金", ""], ["单位资金", ""]];
  income.forEach(([n, v], i) => rows.push({ head: `-${n}`, figs: [v], side: "income", r: 6 + i }));
  CLASSES.forEach((n, i) => {
    const v = CLASS_FIGURES[n] ?? "";
    rows.push({ head: `+${n}`, figs: [v, v], side: "expenditure", r: 6 + i });
  });
  rows.push({ head: "=本年收入合计", figs: ["533.48"], side: "income", r: 36 });
  rows.push({ head: "=本年支出合计", figs: ["533.48", "533.48"], side: "expenditure", r: 36 });
  rows.push({ head: "=上年结转", figs: [""], side: "income", r: 37 });
  rows.push({ head: "=年终结转", figs: [""], side: "expenditure", r: 37 });
  rows.push({ head: "=收入总计", figs: ["533.48"], side: "income", r: 38 });
  rows.push({ head: "=支出总计", figs: ["533.48", "533.48"], side: "expenditure", r: 38 });
  return table("T01", { cols: ["income:amount", "expenditure:total", "expenditure:current", "expenditure:carry"], rows, sheet: "表一", notes: [NOTE_TAIL] });
}

const FUNCTIONAL: Array<[string, string, string, string]> = [
  // code name, total, basic, project (表三/表五)
  ["201 一般公共服务支出", "434.67", "146.67", "288.00"],
  ["20106 财政事务", "434.67", "146.67", "288.00"],
  ["2010607 信息化建设", "100.00", "", "100.00"],
  ["2010608 财政委托业务支出", "180.00", "", "180.00"],
  ["2010650 事业运行", "146.67", "146.67", ""],
  ["2010699 其他财政事务支出", "8.00", "", "8.00"],
  ["208 社会保障和就业支出", "63.98", "63.98", ""],
  ["20805 行政事业单位养老支出", "63.98", "63.98", ""],
  ["2080502 事业单位离退休", "5.35", "5.35", ""],
  ["2080505 机关事业单位基本养老保险缴费支出", "19.18", "19.18", ""],
  ["2080506 机关事业单位职业年金缴费支出", "39.45", "39.45", ""],
  ["210 卫生健康支出", "15.74", "15.74", ""],
  ["21007 计划生育事务", "3.06", "3.06", ""],
  ["2100799 其他计划生育事务支出", "3.06", "3.06", ""],
  ["21011 行政事业单位医疗", "12.68", "12.68", ""],
  ["2101102 事业单位医疗", "8.67", "8.67", ""],
  ["2101103 公务员医疗补助", "4.00", "4.00", ""],
  ["221 住房保障支出", "19.09", "19.09", ""],
  ["22102 住房改革支出", "19.09", "19.09", ""],
  ["2210201 住房公积金", "19.09", "19.09", ""],
];

function t02(): RecognisedTable {
  const rows: RowSpec[] = [["=合计", "533.48", "533.48"]];
  for (const [h, total] of FUNCTIONAL) rows.push([h, total, total]);
  return table("T02", { cols: ["total", "gpb", "govFund", "soe", "specialAccount", "unitFunds", "carry"], rows, sheet: "表二" });
}

function functionalTable(id: "T03" | "T05", sheet: string): RecognisedTable {
  const rows: RowSpec[] = [["=合计", "533.48", "245.48", "288.00"]];
  for (const [h, total, basic, project] of FUNCTIONAL) rows.push([h, total, basic, project]);
  return table(id, { cols: ["total", "basic", "project"], rows, sheet });
}

function t04(): RecognisedTable {
  const rows: RowSpec[] = [];
  const src = ["一般公共预算", "政府性基金预算", "国有资本经营预算"];
  src.forEach((n, i) => rows.push({ head: `-${n}`, figs: [i === 0 ? "533.48" : ""], side: "income", group: "current", r: 7 + i }));
  CLASSES.forEach((n, i) => {
    const v = CLASS_FIGURES[n] ?? "";
    rows.push({ head: `+${n}`, figs: [v, v], side: "expenditure", r: 7 + i });
  });
  rows.push({ head: "=本年收入合计", figs: ["533.48"], side: "income", r: 37 });
  rows.push({ head: "=本年支出合计", figs: ["533.48", "533.48"], side: "expenditure", r: 37 });
  rows.push({ head: "=上年财政拨款结转", figs: [""], side: "income", r: 38 });
  rows.push({ head: "=年终结转", figs: [""], side: "expenditure", r: 38 });
  src.forEach((n, i) => rows.push({ head: `-${n}`, figs: [""], side: "income", group: "carry", r: 39 + i }));
  rows.push({ head: "=收入总计", figs: ["533.48"], side: "income", r: 42 });
  rows.push({ head: "=支出总计", figs: ["533.48", "533.48"], side: "expenditure", r: 42 });
  return table("T04", { cols: ["income:amount", "expenditure:total", "expenditure:gpb", "expenditure:govFund", "expenditure:soe"], rows, sheet: "表四" });
}

const ECONOMIC: Array<[string, string, string, string, string?]> = [
  ["+工资福利支出", "220.63", "220.63", ""],
  ["++基本工资", "47.20", "47.20", "", "工资福利支出"],
  ["++津贴补贴", "5.36", "5.36", "", "工资福利支出"],
  ["++绩效工资", "71.14", "71.14", "", "工资福利支出"],
  ["++机关事业单位基本养老保险缴费", "19.18", "19.18", "", "工资福利支出"],
  ["++职业年金缴费", "39.45", "39.45", "", "工资福利支出"],
  ["++职工基本医疗保险缴费", "8.67", "8.67", "", "工资福利支出"],
  ["++公务员医疗补助缴费", "4.00", "4.00", "", "工资福利支出"],
  ["++其他社会保障缴费", "0.53", "0.53", "", "工资福利支出"],
  ["++住房公积金", "19.09", "19.09", "", "工资福利支出"],
  ["++其他工资福利支出", "5.99", "5.99", "", "工资福利支出"],
  ["+商品和服务支出", "16.44", "", "16.44"],
  ["++办公费", "10.94", "", "10.94", "商品和服务支出"],
  ["++印刷费", "1.50", "", "1.50", "商品和服务支出"],
  ["++差旅费", "2.50", "", "2.50", "商品和服务支出"],
  ["++其他交通费用", "1.50", "", "1.50", "商品和服务支出"],
  ["+对个人和家庭的补助", "8.41", "8.41", ""],
  ["++退休费", "5.35", "5.35", "", "离退休费"],
  ["++奖励金", "3.06", "3.06", "", "社会福利和救助"],
];

function t06(): RecognisedTable {
  const rows: RowSpec[] = [["=合计", "245.48", "229.04", "16.44"]];
  for (const [h, a, b, c, n2] of ECONOMIC) rows.push(n2 ? { head: h, figs: [a, b, c], name2: n2 } : [h, a, b, c]);
  return table("T06", { cols: ["total", "personnel", "public"], rows, sheet: "表六" });
}

function emptyTable(id: "T07" | "T08" | "T10" | "T11" | "T13", cols: string[], rows: RowSpec[], sheet: string): RecognisedTable {
  return table(id, { cols, rows, sheet, notes: [NOTE_EMPTY], empty: true });
}

function t09(): RecognisedTable {
  return table("T09", {
    cols: ["income:amount", "expenditure:total", "expenditure:basic", "expenditure:project"],
    rows: [{ head: "=合计", figs: [], side: "income" }],
    sheet: "表九",
    notes: [NOTE_EMPTY],
    empty: true,
  });
}

function t12(): RecognisedTable {
  return table("T12", {
    cols: ["total", "gpb", "govFund", "soe", "specialAccount", "unitFunds"],
    rows: [
      ["=合计", "288.00", "288.00"],
      ["*财政信息系统网络运维费", "100.00", "100.00"],
      ["*财政专项业务经费", "8.00", "8.00"],
      ["*财政项目评审费", "180.00", "180.00"],
    ],
    sheet: "表十二",
  });
}

export interface ProjectSpec {
  name: string;
  /** [total, central, provincial, local, self, other] in 元 */
  implementation: Fig[];
  annual: Fig[];
  /** [level1, level2, name, target] of the 年度 block; the 实施期 block repeats them. */
  indicators: Array<[string, string, string, string]>;
  sheet: string;
}

export const PROJECTS: ProjectSpec[] = [
  {
    name: "财政项目评审费",
    implementation: ["1,800,000", "0", "0", "1,800,000", "0", ""],
    annual: ["1,800,000", "0", "0", "1,800,000", "0", ""],
    indicators: [
      ["产出指标", "数量指标", "预、决算项目评审数", "≥20个"],
      ["产出指标", "质量指标", "绩效评价报告的质量合格率", "≥95%"],
      ["成本指标", "成本指标", "绩效评价服务成本", "≤25万元"],
      ["成本指标", "成本指标", "项目评审服务成本", "≤145万元"],
      ["成本指标", "成本指标", "资产处置服务成本", "≤10万元"],
      ["满意度指标", "服务对象满意度", "公众满意度", "≥90%"],
    ],
    sheet: "绩效1",
  },
  {
    name: "财政信息系统网络运维费",
    implementation: ["1,000,000", "0", "0", "1,000,000", "0", ""],
    annual: ["1,000,000", "0", "0", "1,000,000", "0", ""],
    indicators: [
      ["产出指标", "数量指标", "运维财政信息系统数量", "≥7套"],
      ["成本指标", "成本指标", "政务云、电子卖场、票据", "≤10.3万元"],
      ["成本指标", "成本指标", "九鼎软件服务成本", "≤45.6万元"],
      ["成本指标", "成本指标", "固定资产系统维护成本", "≤1.5万元"],
      ["成本指标", "成本指标", "机房软硬件维护服务成本", "≤4.1万元"],
      ["成本指标", "成本指标", "预算单位专线费用服务成本", "≤3.5万元"],
      ["成本指标", "经济效益", "华青系统软件运维费", "≤35万元"],
    ],
    sheet: "绩效2",
  },
  {
    name: "财政专项业务经费",
    implementation: ["80,000", "0", "0", "80,000", "0", ""],
    annual: ["80,000", "0", "0", "80,000", "0", ""],
    indicators: [
      ["产出指标", "数量指标", "代理机构检查数量", "≥5家"],
      ["成本指标", "成本指标", "财会监督检查成本", "≤5万元"],
      ["成本指标", "成本指标", "代理记账监督检查成本", "≤3万元"],
    ],
    sheet: "绩效3",
  },
];

/** The seed's free texts of a project (项目概况 …), in cells C10, C11 … (D10 … for the second project, E10 … the third). */
function seedTexts(name: string): PerformanceForm["texts"] {
  const k = performance.projects.findIndex((x) => x.projectName === name);
  const p = performance.projects[k];
  const out: PerformanceForm["texts"] = {};
  Object.entries(p?.texts ?? {}).forEach(([key, text], i) => (out[key] = { text, cell: `${"CDE"[k] ?? "C"}${10 + i}` }));
  return out;
}

export function performanceTable(p: ProjectSpec): RecognisedTable {
  const indicators: PerformanceIndicator[] = [];
  p.indicators.forEach(([l1, l2, name, target], i) => {
    for (const [block, col] of [["实施期", "D"], ["年度", "H"]] as const) {
      indicators.push({
        block,
        level1: l1,
        level2: l2,
        name: { text: name, cell: `${block === "年度" ? "G" : "C"}${20 + i}` },
        target: target ? { text: target, cell: `${col}${20 + i}` } : null,
      });
    }
  });
  const form: PerformanceForm = {
    projectName: { text: p.name, cell: "C3" },
    department: { text: "605-晋城经济技术开发区财政管理运营部", cell: "C4" },
    implementer: null,
    attribute: null,
    period: null,
    implementationFunding: funding(p.implementation, "D", 6),
    annualFunding: funding(p.annual, "G", 6),
    texts: seedTexts(p.name),
    indicators,
  };
  return table("PT", { cols: [], rows: [], sheet: p.sheet, title: "晋城经济技术开发区区县(区)级预算部门(单位)项目支出绩效目标表", form, unit: null, empty: false });
}

/** All tables of the seed, in workbook order. */
export function seedTables(): RecognisedTable[] {
  return [
    t01(),
    t02(),
    functionalTable("T03", "表三"),
    t04(),
    functionalTable("T05", "表五"),
    t06(),
    emptyTable("T07", ["amount"], [["=合计"]], "表七"),
    emptyTable("T08", ["total", "basic", "project"], [["=合计"]], "表八"),
    t09(),
    emptyTable(
      "T10",
      ["total", "gpb", "govFund", "soe"],
      [["-因公出国(境)费"], ["-公务接待费"], ["-公务用车购置及运行费"], ["--公务用车购置费"], ["--公务用车运行维护费"], ["=合计"]],
      "表十",
    ),
    emptyTable("T11", ["total", "gpb", "govFund", "soe"], [["=部门合计"]], "表十一"),
    t12(),
    emptyTable("T13", ["total", "gpb", "govFund", "soe"], [], "表十三"),
    ...PROJECTS.map(performanceTable),
  ];
}

/** Finds a row by code or label (first match; `side` for two-sided tables). */
export function rowOf(t: RecognisedTable, key: string, side?: TableRow["side"]): TableRow {
  const row = t.rows.find((r) => (side === undefined || r.side === side) && (r.code?.text === key || r.label === key || r.totalKind === key));
  if (!row) throw new Error(`no row ${key} in ${t.id}`);
  return row;
}

export function byId(tables: RecognisedTable[], id: string): RecognisedTable {
  const t = tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}
