/**
 * Builds a Shanghai-layout disclosure workbook (单位预算 or 部门预算) from data/sample-shanghai-2026:
 * the nine tables as the Putuo templates lay them out (title in A2, 编制单位 and 单位：元 on row 4,
 * header from row 6 with 类/款/项 under 功能分类科目编码), figures in 元 (the 三公 table in 万元), the
 * 编制说明 and 其他相关情况说明 narratives. Every parent, total and cross-table figure is computed
 * from the leaf figures (integer cents), so the workbook is consistent by construction; `edits`
 * change single figures afterwards, addressed through the returned map.
 */
import * as ExcelJS from "exceljs";
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { a1, type SheetSnapshot, type WorkbookSnapshot } from "../../src/core/workbook/snapshot";
import { prng } from "./prng";

interface Leaf {
  code: string;
  name: string;
  gpbBasic?: string;
  gpbProject?: string;
  govFundProject?: string;
  business?: string;
  other?: string;
  personnel?: string;
}

interface ShanghaiData {
  unitName: string;
  year: number;
  functional: { classes: Record<string, string>; kuan: Record<string, string>; leaves: Leaf[] };
  economic: { classes: Array<{ code: string; name: string; side: "personnel" | "public"; items: Array<[string, string, string]> }> };
  sanGong: Record<"abroad" | "reception" | "vehiclePurchase" | "vehicleRun" | "operatingCost", string>;
  narrative: Record<"编制说明" | "其他相关情况说明", string[]>;
}

// From the source (scripts/sample) or from tsc's output (dist/node/scripts/sample), as the bench runs it.
export const SHANGHAI_DATA_PATH = [join(__dirname, "..", ".."), join(__dirname, "..", "..", "..", "..")]
  .map((root) => join(root, "data", "sample-shanghai-2026", "data.json"))
  .find((p) => existsSync(p)) ?? join(__dirname, "..", "..", "data", "sample-shanghai-2026", "data.json");

export function shanghaiData(): ShanghaiData {
  return JSON.parse(readFileSync(SHANGHAI_DATA_PATH, "utf8")) as ShanghaiData;
}

export type ShanghaiTableKey = "SH1" | "SH2" | "SH3" | "SH4" | "SH5" | "SH6" | "SH7" | "SH8" | "SH9";

export interface ShanghaiOptions {
  /** 单位 (default) or 部门 wording of titles and sheets. */
  who?: "单位" | "部门";
  /** Replaces 2026 in titles and the narrative (and 2025 by year − 1). */
  year?: number;
  /** "2025": the 收支总表 without the 人员经费/公用经费/项目支出 split (fewer columns, as the department's and older ones). */
  summaryColumns?: "split" | "plain";
  /** The 支出预算总表 printed over two pages: blank rows and the header repeated inside it. */
  splitPages?: boolean;
  /**
   * With `splitPages`: the next page repeats the title and the 编制单位/单位 line above the header, as
   * tables turned from PDF to Excel show (the title printed at the top of every page).
   */
  repeatTitle?: boolean;
  /** How the empty 国有资本经营 table says so: a note 故本表为空表 (default) or a single row 无. */
  emptyStyle?: "note" | "none-row";
  /** 款 and 项 written as numbers (6 for "06"), as some exports do. */
  codesAsNumbers?: boolean;
  /** Sheet order shuffled by `seed` (the narratives stay first). */
  order?: "standard" | "shuffled";
  seed?: number;
  /** Every table stacked on one sheet, three blank rows apart. */
  singleSheet?: boolean;
  /**
   * The bench's large workbook: this many synthetic 项 (all 一般公共预算 basic expenditure) in place of
   * the data's, 400 to a 类 and 20 to a 款, so 表2, 表3 and 表5 hold about 1.05 rows per 项 each.
   */
  largeLeaves?: number;
  /**
   * Two 财政项目支出绩效目标填报表 forms on a sheet of their own after the tables (funds in 元 split into
   * 财政资金 and 其他资金, an 实施期 and a 年度 block, cost indicators in 万元). Not in the checked-in sample.
   */
  forms?: boolean;
  /** Figures changed after building: table, row key (code, label or "total"/"收入总计"…), role, new value (元). */
  edits?: Array<{ table: ShanghaiTableKey; row: string; role: string; value: number | null }>;
}

/** Where a figure landed: map.tables[SH2].rows["20805"].total = "E10". */
export interface ShanghaiMap {
  tables: Record<ShanghaiTableKey, { sheet: string; titleCell: string; rows: Record<string, Record<string, string>> }>;
  /** With `forms`: each form's sheet and its cells ("annual.total", "annual.fiscal", "cost.1" …). */
  forms?: Array<{ projectName: string; sheet: string; titleCell: string; cells: Record<string, string> }>;
}

interface ShanghaiForm {
  projectName: string;
  attribute: string;
  /** 元: 实施期 and 年度 (one-year projects: the same). */
  funds: { total: number; fiscal: number; other: number };
  overview: string;
  basis: string;
  goal: string;
  /** 一级, 二级, 三级, 指标值 — the same in both blocks. */
  indicators: Array<[string, string, string, string]>;
}

/** The forms' data: two projects of the sample's 项目支出 (城管执法 and 环境卫生), figures that agree. */
const FORMS: ShanghaiForm[] = [
  {
    projectName: "城市管理综合执法专项",
    attribute: "经常性项目",
    funds: { total: 1800000, fiscal: 1800000, other: 0 },
    overview: "本项目用于辖区城市管理综合执法。（1）执法巡查（120万元）；（2）案件办理（60万元）。",
    basis: "《上海市城市管理行政执法条例》。",
    goal: "完成辖区日常执法巡查和案件办理，市容环境秩序保持良好。",
    indicators: [
      ["产出指标", "数量指标", "巡查覆盖街道数", "≥10个"],
      ["产出指标", "质量指标", "案件按期办结率", "≥95%"],
      ["成本指标", "经济成本指标", "执法巡查成本", "≤120万元"],
      ["成本指标", "经济成本指标", "案件办理成本", "≤60万元"],
      ["效益指标", "社会效益指标", "市容环境投诉下降", "逐步下降"],
      ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"],
    ],
  },
  {
    projectName: "城乡社区环境卫生保洁服务",
    attribute: "经常性项目",
    funds: { total: 500000, fiscal: 400000, other: 100000 },
    overview: "购买辖区道路和公共区域保洁服务。",
    basis: "《上海市市容环境卫生管理条例》。",
    goal: "辖区道路和公共区域保洁达标。",
    indicators: [
      ["产出指标", "数量指标", "保洁面积", "≥30万平方米"],
      ["成本指标", "经济成本指标", "保洁服务成本", "≤50万元"],
      ["满意度指标", "服务对象满意度指标", "居民满意度", "≥90%"],
    ],
  },
];

type Cents = number;
const cents = (s: string | undefined): Cents => (s ? Math.round(Number(s) * 100) : 0);
const money = (c: Cents): number => c / 100;

interface Row {
  key: string;
  cells: Array<string | number | null>;
  /** role → column index */
  roles: Record<string, number>;
  codeCells?: number[];
}

interface TableSpec {
  key: ShanghaiTableKey;
  sheet: string;
  title: string;
  moneyUnit: "元" | "万元";
  width: number;
  header: Array<Array<string | null>>;
  merges: Array<[number, number, number, number]>;
  rows: Row[];
  notes?: string[];
  /** Rows after which the header repeats (page break) */
  pageBreakAfter?: number;
  totalRows?: Row[];
  /** Blank rows between the data and the total rows (the printed template's empty lines). */
  gapBeforeTotals?: number;
}

function sumBy<T>(xs: T[], f: (x: T) => Cents): Cents {
  return xs.reduce((n, x) => n + f(x), 0);
}

const FUNCTIONAL_HEADER = (over: string, cols: string[]): { header: Array<Array<string | null>>; merges: Array<[number, number, number, number]> } => ({
  header: [
    ["项目", null, null, null, over, ...cols.slice(1).map(() => null)],
    ["功能分类科目编码", null, null, "功能分类科目名称", ...cols],
    ["类", "款", "项", null, ...cols.map(() => null)],
  ],
  merges: [
    [0, 0, 0, 3],
    [0, 4, 0, 3 + cols.length],
    [1, 0, 1, 2],
    [1, 3, 2, 3],
    ...cols.map((_, i) => [1, 4 + i, 2, 4 + i] as [number, number, number, number]),
  ],
});

function syntheticLeaves(n: number): Leaf[] {
  const out: Leaf[] = [];
  for (let i = 0; i < n; i++) {
    const code = `${201 + Math.floor(i / 400)}${String(1 + Math.floor((i % 400) / 20)).padStart(2, "0")}${String(1 + (i % 20)).padStart(2, "0")}`;
    const v = `${1000 + (i % 97)}.${String(i % 100).padStart(2, "0")}`;
    out.push({ code, name: `支出项${i + 1}`, gpbBasic: v, personnel: v });
  }
  return out;
}

function planShanghai(opts: ShanghaiOptions, target: BookSink): ShanghaiMap {
  const d = shanghaiData();
  const who = opts.who ?? "单位";
  const year = opts.year ?? d.year;
  const unit = who === "单位" ? d.unitName : d.unitName.replace(/中心$/, "管理局");
  const pre = who === "单位" ? "预算单位" : "部门";
  const leaves: Leaf[] = opts.largeLeaves ? syntheticLeaves(opts.largeLeaves) : d.functional.leaves;
  const className = (c: string) => d.functional.classes[c] ?? `支出类${c}`;
  const kuanName = (k: string) => d.functional.kuan[k] ?? `支出款${k}`;
  const total = (l: Leaf) => cents(l.gpbBasic) + cents(l.gpbProject) + cents(l.govFundProject) + cents(l.business) + cents(l.other);
  const basic = (l: Leaf) => cents(l.gpbBasic);
  const project = (l: Leaf) => cents(l.gpbProject) + cents(l.govFundProject) + cents(l.business) + cents(l.other);
  const gpb = (l: Leaf) => cents(l.gpbBasic) + cents(l.gpbProject);
  const govFund = (l: Leaf) => cents(l.govFundProject);
  const fiscal = (l: Leaf) => gpb(l) + govFund(l);
  const personnel = (l: Leaf) => cents(l.personnel);
  const publicOf = (l: Leaf) => basic(l) - personnel(l);
  const num = (code: string, i: number): string | number => {
    const part = i === 0 ? code.slice(0, 3) : i === 1 ? code.slice(3, 5) : code.slice(5, 7);
    return i === 0 ? Number(part) : opts.codesAsNumbers ? Number(part) : part;
  };

  /** Functional rows (类, 款, 项) over the leaves that `pick` keeps, with the figures of `cols`. */
  const functionalRows = (pick: (l: Leaf) => boolean, cols: Array<[string, (l: Leaf) => Cents]>): { rows: Row[]; totals: Row } => {
    const kept = leaves.filter(pick);
    const rows: Row[] = [];
    const figures = (ls: Leaf[]) => cols.map(([, f]) => {
      const v = sumBy(ls, f);
      return v === 0 ? null : money(v);
    });
    const roles = Object.fromEntries(cols.map(([r], i) => [r, 4 + i]));
    const classes = [...new Set(kept.map((l) => l.code.slice(0, 3)))];
    for (const c of classes) {
      const inClass = kept.filter((l) => l.code.startsWith(c));
      rows.push({ key: c, cells: [num(c + "0000", 0), null, null, className(c), ...figures(inClass)], roles, codeCells: [0] });
      for (const k of [...new Set(inClass.map((l) => l.code.slice(0, 5)))]) {
        const inKuan = inClass.filter((l) => l.code.startsWith(k));
        rows.push({ key: k, cells: [num(k + "00", 0), num(k + "00", 1), null, kuanName(k), ...figures(inKuan)], roles, codeCells: [0, 1] });
        for (const l of inKuan) rows.push({ key: l.code, cells: [num(l.code, 0), num(l.code, 1), num(l.code, 2), l.name, ...figures([l])], roles, codeCells: [0, 1, 2] });
      }
    }
    return { rows, totals: { key: "total", cells: ["合计", null, null, null, ...figures(kept)], roles } };
  };

  const tables: TableSpec[] = [];
  const all = (l: Leaf) => total(l) !== 0;
  const classList = [...new Set(leaves.map((l) => l.code.slice(0, 3)))];
  const ord = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

  // 1. 财务收支预算总表
  {
    const split = (opts.summaryColumns ?? (who === "部门" ? "plain" : "split")) === "split";
    const incomeLines: Array<[string, Cents | null]> = [
      ["一、财政拨款收入", sumBy(leaves, fiscal)],
      ["1、一般公共预算", sumBy(leaves, gpb)],
      ["2、政府性基金预算", sumBy(leaves, govFund)],
      ["3、国有资本经营预算", null],
      ["二、事业收入", sumBy(leaves, (l) => cents(l.business))],
      ["三、事业单位经营收入", null],
      ["四、其他收入", sumBy(leaves, (l) => cents(l.other))],
    ];
    const roles: Record<string, number> = split ? { amount: 1, total: 3, personnel: 4, public: 5, project: 6 } : { amount: 1, total: 3 };
    const width = split ? 7 : 4;
    const rows: Row[] = [];
    const n = Math.max(incomeLines.length, classList.length);
    for (let i = 0; i < n; i++) {
      const inc = incomeLines[i];
      const cls = classList[i];
      const ls = cls ? leaves.filter((l) => l.code.startsWith(cls)) : [];
      const fig = (v: Cents) => (v === 0 ? null : money(v));
      const exp = cls ? [`${ord[i] ?? i + 1}、${className(cls)}`, fig(sumBy(ls, total)), ...(split ? [fig(sumBy(ls, personnel)), fig(sumBy(ls, publicOf)), fig(sumBy(ls, project))] : [])] : [null, null, ...(split ? [null, null, null] : [])];
      rows.push({ key: cls ? className(cls) : inc![0].replace(/^.*、/, ""), cells: [inc ? inc[0] : null, inc && inc[1] ? money(inc[1]) : null, ...exp], roles });
    }
    const grand = sumBy(leaves, total);
    const totals: Row = {
      key: "总计",
      cells: ["收入总计", money(grand), "支出总计", money(grand), ...(split ? [money(sumBy(leaves, personnel)), money(sumBy(leaves, publicOf)), money(sumBy(leaves, project))] : [])],
      roles,
    };
    tables.push({
      key: "SH1",
      sheet: `${who}收支总表`,
      title: `${year}年${pre}财务收支预算总表`,
      moneyUnit: "元",
      width,
      header: split
        ? [
            ["本年收入", null, "本年支出", null, null, null, null],
            ["项目", "预算数", "项目", "预算数", null, null, null],
            [null, null, null, "合计", "基本支出", null, "项目支出"],
            [null, null, null, null, "人员经费", "公用经费", null],
          ]
        : [
            ["本年收入", null, "本年支出", null],
            ["项目", "预算数", "项目", "预算数"],
          ],
      merges: split
        ? [[0, 0, 0, 1], [0, 2, 0, 6], [1, 0, 3, 0], [1, 1, 3, 1], [1, 2, 3, 2], [1, 3, 1, 6], [2, 3, 3, 3], [2, 4, 2, 5], [2, 6, 3, 6]]
        : [[0, 0, 0, 1], [0, 2, 0, 3]],
      rows,
      totalRows: [totals],
      gapBeforeTotals: 3,
    });
  }
  // 2. 收入预算总表
  {
    const cols = ["合计", "财政拨款收入", "事业收入", "事业单位\n经营收入", "其他收入"];
    const h = FUNCTIONAL_HEADER("收入预算", cols);
    const { rows, totals } = functionalRows(all, [["total", total], ["fiscal", fiscal], ["business", (l) => cents(l.business)], ["operating", () => 0], ["other", (l) => cents(l.other)]]);
    tables.push({ key: "SH2", sheet: `${who}收入总表`, title: `${year}年${pre}收入预算总表`, moneyUnit: "元", width: 9, ...h, rows, totalRows: [totals] });
  }
  // 3. 支出预算总表 (and 5–7, the same columns)
  const spending = (key: ShanghaiTableKey, sheet: string, title: string, over: string, pick: (l: Leaf) => boolean, f: { total: (l: Leaf) => Cents; basic: (l: Leaf) => Cents; project: (l: Leaf) => Cents }, extra: Partial<TableSpec> = {}) => {
    const h = FUNCTIONAL_HEADER(over, ["合计", "基本支出", "项目支出"]);
    const { rows, totals } = functionalRows(pick, [["total", f.total], ["basic", f.basic], ["project", f.project]]);
    tables.push({ key, sheet, title, moneyUnit: "元", width: 7, ...h, rows, totalRows: [totals], ...extra });
  };
  spending("SH3", `${who}支出总表`, `${year}年${pre}支出预算总表`, "支出预算", all, { total, basic, project }, opts.splitPages ? { pageBreakAfter: 6 } : {});
  // 4. 财政拨款收支预算总表
  {
    const income: Array<[string, Cents]> = [["一、一般公共预算", sumBy(leaves, gpb)], ["二、政府性基金预算", sumBy(leaves, govFund)], ["三、国有资本经营预算", 0]];
    const fclasses = classList.filter((c) => sumBy(leaves.filter((l) => l.code.startsWith(c)), fiscal) !== 0);
    const roles = { amount: 1, total: 3, gpb: 4, govFund: 5, soe: 6 };
    const fig = (v: Cents) => (v === 0 ? null : money(v));
    const rows: Row[] = [];
    for (let i = 0; i < Math.max(income.length, fclasses.length); i++) {
      const inc = income[i];
      const c = fclasses[i];
      const ls = c ? leaves.filter((l) => l.code.startsWith(c)) : [];
      rows.push({
        key: c ? className(c) : inc![0].replace(/^.*、/, ""),
        cells: [inc ? inc[0] : null, inc ? fig(inc[1]) : null, c ? `${ord[i] ?? i + 1}、${className(c)}` : null, ...(c ? [fig(sumBy(ls, fiscal)), fig(sumBy(ls, gpb)), fig(sumBy(ls, govFund)), null] : [null, null, null, null])],
        roles,
      });
    }
    const f = sumBy(leaves, fiscal);
    tables.push({
      key: "SH4",
      sheet: `${who}财政拨款收支总表`,
      title: `${year}年${pre}财政拨款收支预算总表`,
      moneyUnit: "元",
      width: 7,
      header: [
        ["财政拨款收入", null, "财政拨款支出", null, null, null, null],
        ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
      ],
      merges: [[0, 0, 0, 1], [0, 2, 0, 6]],
      rows,
      totalRows: [{ key: "总计", cells: ["收入总计", money(f), "支出总计", money(f), fig(sumBy(leaves, gpb)), fig(sumBy(leaves, govFund)), null], roles }],
      gapBeforeTotals: 2,
    });
  }
  spending("SH5", `${who}一般公共预算拨款表`, `${year}年${pre}一般公共预算支出功能分类预算表`, "一般公共预算支出", (l) => gpb(l) !== 0, { total: gpb, basic, project: (l) => cents(l.gpbProject) });
  spending("SH6", `${who}政府性基金拨款表`, `${year}年${pre}政府性基金预算支出功能分类预算表`, "政府性基金预算支出", (l) => govFund(l) !== 0, { total: govFund, basic: () => 0, project: govFund });
  {
    const none = (opts.emptyStyle ?? "note") === "none-row";
    spending("SH7", `${who}国有资本经营预算拨款表`, `${year}年${pre}国有资本经营预算支出功能分类预算表`, "国有资本经营预算支出", () => false, { total: () => 0, basic: () => 0, project: () => 0 }, {
      ...(none ? {} : { notes: [`注：本${who}无国有资本经营预算拨款，故本表为空表。`] }),
    });
    if (none) tables[tables.length - 1].rows = [{ key: "无", cells: ["无"], roles: {} }];
  }
  // 8. 一般公共预算基本支出部门预算经济分类预算表
  {
    const roles = { total: 3, personnel: 4, public: 5 };
    const rows: Row[] = [];
    let p = 0;
    let q = 0;
    // The large workbook's basic expenditure is all 基本工资 (its 项 are all personnel), so it stays consistent.
    const economic = opts.largeLeaves
      ? [{ code: "301", name: "工资福利支出", side: "personnel" as const, items: [["01", "基本工资", (sumBy(leaves, basic) / 100).toFixed(2)] as [string, string, string]] }]
      : d.economic.classes;
    for (const c of economic) {
      const sum = sumBy(c.items, (i) => cents(i[2]));
      if (c.side === "personnel") p += sum;
      else q += sum;
      const fig = (v: Cents) => [money(v), c.side === "personnel" ? money(v) : null, c.side === "public" ? money(v) : null];
      rows.push({ key: c.code, cells: [Number(c.code), null, c.name, ...fig(sum)], roles, codeCells: [0] });
      for (const [k, name, v] of c.items) rows.push({ key: c.code + k, cells: [Number(c.code), opts.codesAsNumbers ? Number(k) : k, name, ...fig(cents(v))], roles, codeCells: [0, 1] });
    }
    tables.push({
      key: "SH8",
      sheet: `${who}一般公共预算拨款基本支出明细表`,
      title: `${year}年${pre}一般公共预算基本支出部门预算经济分类预算表`,
      moneyUnit: "元",
      width: 6,
      header: [
        ["项目", null, null, "一般公共预算基本支出", null, null],
        [who === "单位" ? "经济分类科目编码" : "部门预算经济分类科目编码", null, who === "单位" ? "部门经济分类科目名称" : "经济分类科目名称", "合计", "人员经费", "公用经费"],
        ["类", "款", null, null, null, null],
      ],
      merges: [[0, 0, 0, 2], [0, 3, 0, 5], [1, 0, 1, 1], [1, 2, 2, 2], [1, 3, 2, 3], [1, 4, 2, 4], [1, 5, 2, 5]],
      rows,
      totalRows: [{ key: "total", cells: ["合计", null, null, money(p + q), money(p), money(q)], roles }],
    });
  }
  // 9. “三公”经费和机关运行经费预算表 (万元)
  {
    const s = d.sanGong;
    const w = (x: string) => Number(x);
    const vehicle = (cents(s.vehiclePurchase) + cents(s.vehicleRun)) / 100;
    const all3 = (cents(s.abroad) + cents(s.reception) + cents(s.vehiclePurchase) + cents(s.vehicleRun)) / 100;
    tables.push({
      key: "SH9",
      sheet: `${who}“三公”经费和机关运行费预算表`,
      title: `${year}年${who}“三公”经费和机关运行经费预算表`,
      moneyUnit: "万元",
      width: 7,
      header: [
        ["“三公”经费预算数", null, null, null, null, null, "机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", null, null, null],
        [null, null, null, "小计", "购置费", "运行费", null],
      ],
      merges: [[0, 0, 0, 5], [0, 6, 2, 6], [1, 0, 2, 0], [1, 1, 2, 1], [1, 2, 2, 2], [1, 3, 1, 5]],
      rows: [{ key: "三公", cells: [all3, w(s.abroad), w(s.reception), vehicle, w(s.vehiclePurchase), w(s.vehicleRun), w(s.operatingCost)], roles: { total: 0, abroad: 1, reception: 2, vehicle: 3, vehiclePurchase: 4, vehicleRun: 5, operatingCost: 6 } }],
    });
  }

  // Edits, on the computed rows.
  for (const e of opts.edits ?? []) {
    const t = tables.find((x) => x.key === e.table)!;
    const row = [...t.rows, ...(t.totalRows ?? [])].find((r) => r.key === e.row);
    if (!row) throw new Error(`no row ${e.row} in ${e.table}`);
    row.cells[row.roles[e.role]] = e.value;
  }

  // Write.
  const wb = target;
  const map: ShanghaiMap = { tables: {} as ShanghaiMap["tables"] };
  const yearText = (s: string) => s.replace(/2026/g, String(year)).replace(/2025/g, String(year - 1)).replace(/\{unit\}/g, unit);
  const narrativeSheet = (name: string, heading: string, paragraphs: string[]) => {
    const ws = wb.addSheet(name);
    ws.put(0, 0, heading);
    // The large workbook's figures are synthetic: the data's text would not be about them.
    if (!opts.largeLeaves) paragraphs.forEach((p, i) => ws.put(2 + i, 0, "    " + yearText(p)));
    ws.width(0, 100);
  };
  const cover = wb.addSheet("封面");
  cover.put(2, 0, `上海市普陀区${year}年区级${who}预算`);
  cover.put(8, 0, `预算${who === "单位" ? "单位" : "主管部门"}：${unit}`);
  narrativeSheet(`${who}编制说明`, `${year}年${who}预算编制说明`, d.narrative["编制说明"]);

  let order = tables.map((_, i) => i);
  if (opts.order === "shuffled") {
    const rand = prng(opts.seed ?? 1);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (order.every((x, i) => x === i)) order = order.reverse();
  }
  const single = opts.singleSheet ? wb.addSheet("预算表") : null;
  let at = 0; // next free row (0-based) on the single sheet
  for (const i of order) {
    const t = tables[i];
    const ws = single ?? wb.addSheet(t.sheet);
    const r0 = single ? at : 0;
    const put = (r: number, c: number, v: string | number | null, numFmt?: string) => {
      if (v === null || v === undefined) return;
      ws.put(r, c, v, numFmt);
    };
    const rows: Record<string, Record<string, string>> = {};
    const writeTitle = (at: number) => {
      put(at + 1, 0, t.title);
      put(at + 3, 0, `编制单位：${unit}`);
      put(at + 3, t.width - 1, t.moneyUnit === "元" ? "单位：元" : "单位:万元");
    };
    writeTitle(r0);
    let r = r0 + 5;
    const writeHeader = () => {
      t.header.forEach((h, i) => h.forEach((v, c) => put(r + i, c, v)));
      for (const [a, b, c2, d2] of t.merges) ws.merge(r + a, b, r + c2, d2);
      r += t.header.length;
    };
    writeHeader();
    const amountFmt = t.moneyUnit === "元" ? "#,##0.00" : "0.00";
    const writeRow = (row: Row) => {
      const codeCells = new Set(row.codeCells ?? []);
      row.cells.forEach((v, c) => put(r, c, v, typeof v === "number" && !codeCells.has(c) ? amountFmt : typeof v === "string" && /^\d+$/.test(v) ? "@" : undefined));
      rows[row.key] = Object.fromEntries(Object.entries(row.roles).map(([role, c]) => [role, a1(r, c)]));
      r++;
    };
    t.rows.forEach((row, i) => {
      writeRow(row);
      if (t.pageBreakAfter !== undefined && i + 1 === t.pageBreakAfter) {
        r += 2; // the foot of the printed page
        if (opts.repeatTitle) {
          writeTitle(r - 1); // title, blank, unit line, blank: as at the top of the first page
          r += 4;
        }
        writeHeader();
      }
    });
    r += t.gapBeforeTotals ?? 0;
    for (const row of t.totalRows ?? []) writeRow(row);
    for (const n of t.notes ?? []) put(r++, 0, n);
    map.tables[t.key] = { sheet: ws.name, titleCell: a1(r0 + 1, 0), rows };
    at = r + 3;
    if (!single) for (let c = 0; c < t.width; c++) ws.width(c, c === 3 ? 36 : 16);
  }
  if (opts.forms) map.forms = writeForms(wb.addSheet("项目绩效目标"), year, unit);
  narrativeSheet("其他相关情况说明", "其他相关情况说明", d.narrative["其他相关情况说明"]);
  return map;
}

/**
 * The forms one below the other, three blank rows apart. Columns: A label | B funding label / 一级 |
 * C value / 二级 (实施期) | D 三级 | E 指标值 / 年度 label | F value / 二级 (年度) | G 三级 | H 指标值.
 */
function writeForms(ws: SheetSink, year: number, unit: string): NonNullable<ShanghaiMap["forms"]> {
  const out: NonNullable<ShanghaiMap["forms"]> = [];
  const yuanFmt = "#,##0.00";
  let r = 0;
  for (const f of FORMS) {
    const cells: Record<string, string> = {};
    const titleCell = a1(r, 0);
    ws.put(r++, 0, "财政项目支出绩效目标填报表");
    ws.put(r++, 0, `（${year}年度）`);
    ws.put(r, 0, "项目名称");
    ws.put(r, 2, f.projectName);
    cells.projectName = a1(r++, 2);
    ws.put(r, 0, "主管部门及代码");
    ws.put(r, 2, "上海市普陀区样例局 123001");
    ws.put(r, 4, "实施单位");
    ws.put(r++, 5, unit);
    ws.put(r, 0, "项目属性");
    ws.put(r, 2, f.attribute);
    ws.put(r, 4, "项目期");
    ws.put(r++, 5, "1年");
    const funding: Array<[keyof ShanghaiForm["funds"], string, string]> = [
      ["total", "实施期资金总额", "年度资金总额"],
      ["fiscal", "其中：财政资金", "其中：财政资金"],
      ["other", "其他资金", "其他资金"],
    ];
    ws.put(r, 0, "项目资金（元）");
    for (const [k, left, right] of funding) {
      ws.put(r, 1, left);
      ws.put(r, 2, f.funds[k], yuanFmt);
      ws.put(r, 4, right);
      ws.put(r, 5, f.funds[k], yuanFmt);
      cells[`implementation.${k}`] = a1(r, 2);
      cells[`annual.${k}`] = a1(r++, 5);
    }
    ws.put(r, 0, "项目概况");
    ws.put(r, 2, f.overview);
    cells["text.项目概况"] = a1(r++, 2);
    ws.put(r, 0, "立项依据");
    ws.put(r++, 2, f.basis);
    ws.put(r, 2, "实施期目标");
    ws.put(r++, 5, "年度目标");
    ws.put(r, 0, "总体目标");
    ws.put(r, 2, f.goal);
    ws.put(r++, 5, f.goal);
    let cost = 0;
    f.indicators.forEach(([l1, l2, l3, v], i) => {
      if (i === 0) ws.put(r, 0, "绩效指标");
      ws.put(r, 1, l1);
      ws.put(r, 2, l2);
      ws.put(r, 3, l3);
      ws.put(r, 4, v);
      ws.put(r, 5, l2);
      ws.put(r, 6, l3);
      ws.put(r, 7, v);
      if (l1 === "成本指标") {
        cost++;
        cells[`cost.${cost}`] = a1(r, 4);
        cells[`annualCost.${cost}`] = a1(r, 7);
      }
      r++;
    });
    out.push({ projectName: f.projectName, sheet: ws.name, titleCell, cells });
    r += 3;
  }
  for (let c = 0; c < 8; c++) ws.width(c, c === 2 || c === 5 ? 30 : 16);
  return out;
}

/** Where the builder writes: an ExcelJS workbook, or a snapshot as our reader would return it. */
interface SheetSink {
  name: string;
  put(r: number, c: number, v: string | number, numFmt?: string): void;
  merge(r0: number, c0: number, r1: number, c1: number): void;
  width(c: number, w: number): void;
}
interface BookSink {
  addSheet(name: string): SheetSink;
}

function excelSink(wb: ExcelJS.Workbook): BookSink {
  return {
    addSheet(name) {
      const ws = wb.addWorksheet(name);
      return {
        name: ws.name,
        put(r, c, v, numFmt) {
          const cell = ws.getCell(r + 1, c + 1);
          cell.value = v;
          if (numFmt) cell.numFmt = numFmt;
        },
        merge: (r0, c0, r1, c1) => ws.mergeCells(r0 + 1, c0 + 1, r1 + 1, c1 + 1),
        width: (c, w) => {
          ws.getColumn(c + 1).width = w;
        },
      };
    },
  };
}

function snapshotSink(out: WorkbookSnapshot): BookSink {
  return {
    addSheet(name) {
      const sheet: SheetSnapshot = { name, visibility: "visible", rows: [], merges: [] };
      out.sheets.push(sheet);
      return {
        name,
        put(r, c, v, numFmt) {
          const row = (sheet.rows[r] ??= []);
          row[c] = numFmt ? { v, z: numFmt } : { v };
        },
        merge: (r0, c0, r1, c1) => sheet.merges.push({ r0, c0, r1, c1 }),
        width: () => undefined,
      };
    },
  };
}

export async function buildShanghaiWorkbook(opts: ShanghaiOptions = {}): Promise<{ buffer: Buffer; map: ShanghaiMap }> {
  const wb = new ExcelJS.Workbook();
  const map = planShanghai(opts, excelSink(wb));
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, map };
}

/** The same workbook as a snapshot, without an .xlsx in between (the bench's 100,000-row workbook). */
export function buildShanghaiSnapshot(opts: ShanghaiOptions = {}, name = "shanghai.xlsx"): { wb: WorkbookSnapshot; map: ShanghaiMap } {
  const wb: WorkbookSnapshot = { name, sheets: [] };
  const map = planShanghai(opts, snapshotSink(wb));
  return { wb, map };
}
