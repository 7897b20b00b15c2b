import type { CatalogueEdition } from "../src/core/catalogue/types";
import type { RecognisedTable, RecognitionResult, TableColumn, TableId, TableRow } from "../src/core/recognise/model";

/**
 * A small hand-made catalogue edition (codes of the seed plus the look-alikes that make matching
 * hard: 行政运行 and 事业运行 under several sections) and a builder for coded tables as the
 * recogniser produces them, for the catalogue, rule and fill tests.
 */

const f = (code: string, name: string, aliases?: string[]) => (aliases ? { code, name, aliases } : { code, name });

export const FIXTURE_EDITION: CatalogueEdition = {
  year: 2026,
  note: "测试目录 / test catalogue",
  functional: [
    f("201", "一般公共服务支出"),
    f("20101", "人大事务"),
    f("2010101", "行政运行"),
    f("2010102", "一般行政管理事务"),
    f("2010150", "事业运行"),
    f("20106", "财政事务"),
    f("2010601", "行政运行"),
    f("2010602", "一般行政管理事务"),
    f("2010607", "信息化建设"),
    f("2010608", "财政委托业务支出"),
    f("2010650", "事业运行"),
    f("2010699", "其他财政事务支出"),
    f("208", "社会保障和就业支出"),
    f("20805", "行政事业单位养老支出"),
    f("2080501", "行政单位离退休"),
    f("2080502", "事业单位离退休"),
    f("2080505", "机关事业单位基本养老保险缴费支出", ["基本养老保险"]),
    f("2080506", "机关事业单位职业年金缴费支出"),
    f("210", "卫生健康支出"),
    f("21007", "计划生育事务"),
    f("2100799", "其他计划生育事务支出"),
    f("21011", "行政事业单位医疗"),
    f("2101101", "行政单位医疗"),
    f("2101102", "事业单位医疗"),
    f("2101103", "公务员医疗补助"),
    f("221", "住房保障支出"),
    f("22102", "住房改革支出"),
    f("2210201", "住房公积金"),
  ],
  deptEconomic: [
    f("301", "工资福利支出"),
    f("30101", "基本工资"),
    f("30102", "津贴补贴"),
    f("30107", "绩效工资"),
    f("30108", "机关事业单位基本养老保险缴费"),
    f("30109", "职业年金缴费"),
    f("30110", "职工基本医疗保险缴费"),
    f("30111", "公务员医疗补助缴费"),
    f("30112", "其他社会保障缴费"),
    f("30113", "住房公积金"),
    f("30199", "其他工资福利支出"),
    f("302", "商品和服务支出"),
    f("30201", "办公费"),
    f("30202", "印刷费"),
    f("30211", "差旅费"),
    f("30213", "维修（护）费"),
    f("30239", "其他交通费用"),
    f("303", "对个人和家庭的补助"),
    f("30302", "退休费"),
    f("30309", "奖励金"),
  ],
  govEconomic: [
    f("501", "机关工资福利支出"),
    f("50101", "工资奖金津补贴"),
    f("50102", "社会保障缴费"),
    f("50103", "住房公积金"),
    f("50199", "其他工资福利支出"),
    f("502", "机关商品和服务支出"),
    f("50201", "办公经费"),
    f("50209", "维修（护）费"),
    f("50299", "其他商品和服务支出"),
    f("505", "对事业单位经常性补助"),
    f("50501", "工资福利支出"),
    f("50502", "商品和服务支出"),
    f("509", "对个人和家庭的补助"),
    f("50901", "社会福利和救助"),
    f("50905", "离退休费"),
  ],
  econMapping: [
    { dept: "30101", agency: "50101", institution: "50501" },
    { dept: "30102", agency: "50101", institution: "50501" },
    { dept: "30107", agency: "50101", institution: "50501" },
    { dept: "30108", agency: "50102", institution: "50501" },
    { dept: "30109", agency: "50102", institution: "50501" },
    { dept: "30110", agency: "50102", institution: "50501" },
    { dept: "30111", agency: "50102", institution: "50501" },
    { dept: "30112", agency: "50102", institution: "50501" },
    { dept: "30113", agency: "50103", institution: "50501" },
    { dept: "30199", agency: "50199", institution: "50501" },
    { dept: "30201", agency: "50201", institution: "50502" },
    { dept: "30202", agency: "50201", institution: "50502" },
    { dept: "30211", agency: "50201", institution: "50502" },
    { dept: "30213", agency: "50209", institution: "50502" },
    { dept: "30239", agency: "50299", institution: "50502" },
    { dept: "30302", agency: "50905", institution: "50905" },
    { dept: "30309", agency: "50901", institution: "50901" },
  ],
  revenue: [f("103", "非税收入"), f("10301", "政府性基金收入"), f("1030148", "国有土地使用权出让收入")],
};

/** The seed's 表二/三/五 subject rows: code, name. */
export const SEED_FUNCTIONAL_ROWS: Array<[string, string]> = [
  ["201", "一般公共服务支出"],
  ["20106", "财政事务"],
  ["2010607", "信息化建设"],
  ["2010608", "财政委托业务支出"],
  ["2010650", "事业运行"],
  ["2010699", "其他财政事务支出"],
  ["208", "社会保障和就业支出"],
  ["20805", "行政事业单位养老支出"],
  ["2080502", "事业单位离退休"],
  ["2080505", "机关事业单位基本养老保险缴费支出"],
  ["2080506", "机关事业单位职业年金缴费支出"],
  ["210", "卫生健康支出"],
  ["21007", "计划生育事务"],
  ["2100799", "其他计划生育事务支出"],
  ["21011", "行政事业单位医疗"],
  ["2101102", "事业单位医疗"],
  ["2101103", "公务员医疗补助"],
  ["221", "住房保障支出"],
  ["22102", "住房改革支出"],
  ["2210201", "住房公积金"],
];

export interface RowSpec {
  /** "" for an empty code cell. */
  code: string;
  name: string;
  depth?: number;
  /** Indentation in characters (the recogniser's `indent`); defaults to 2 per depth. */
  indent?: number;
  name2?: string;
  side?: "income" | "expenditure";
}

const LEVELS = ["类", "款", "项"] as const;

/**
 * A coded table the way the recogniser returns it: code in column A, name in B (role columns
 * declared), a 合计 row on sheet row 5, subject rows from sheet row 6 (0-based 5). Codes give the
 * level; uncoded rows take `depth`.
 */
export function codedTable(id: TableId, specs: Array<RowSpec | [string, string]>, opts: { sheet?: string; codeColumn?: boolean; name2?: boolean } = {}): RecognisedTable {
  const sheet = opts.sheet ?? id;
  const withCode = opts.codeColumn ?? true;
  const columns: TableColumn[] = [];
  if (withCode) columns.push({ role: "code", header: ["科目编码"], c: 0, letter: "A" });
  columns.push({ role: "name", header: ["科目名称"], c: withCode ? 1 : 0, letter: withCode ? "B" : "A" });
  if (opts.name2) columns.push({ role: "name2", header: ["政府预算支出经济科目名称"], c: 2, letter: "C" });
  columns.push({ role: "total", header: ["合计"], c: opts.name2 ? 3 : 2, letter: opts.name2 ? "D" : "C" });
  const nameLetter = withCode ? "B" : "A";
  const total: TableRow = { kind: "total", totalKind: "合计", name: { text: "合计", cell: "A5" }, label: "合计", depth: 0, indent: 0, amounts: {}, r: 4 };
  const rows: TableRow[] = [total];
  specs.forEach((s, i) => {
    const spec: RowSpec = Array.isArray(s) ? { code: s[0], name: s[1] } : s;
    const r = 5 + i;
    const depth = spec.code ? (spec.code.length - 3) / 2 : spec.depth ?? 0;
    const row: TableRow = {
      kind: "subject",
      name: { text: spec.name.trim(), cell: `${nameLetter}${r + 1}` },
      label: spec.name.replace(/[\s\u3000]/g, ""),
      depth,
      indent: spec.indent ?? depth * 2,
      amounts: {},
      r,
    };
    if (spec.code && withCode) row.code = { text: spec.code, cell: `A${r + 1}` };
    if (depth <= 2) row.level = LEVELS[depth];
    if (spec.name2) row.name2 = { text: spec.name2, cell: `C${r + 1}` };
    if (spec.side) row.side = spec.side;
    rows.push(row);
  });
  const last = 5 + specs.length;
  return {
    id,
    layoutId: `test/${id}`,
    standardName: id,
    title: { text: `2026年${id}`, cell: "A1" },
    year: 2026,
    unitName: null,
    moneyUnit: { unit: "万元", cell: "C3" },
    sheet,
    range: `A1:C${last}`,
    columns,
    rows,
    empty: true,
    notes: [],
    box: { r0: 0, c0: 0, r1: last - 1, c1: 2 },
  };
}

export function recognitionOf(tables: RecognisedTable[], year: number | null = 2026): RecognitionResult {
  return { workbook: "test.xlsx", layoutSet: "shanxi-unit-2026", year, unitName: null, tables, narrative: [], problems: [] };
}
