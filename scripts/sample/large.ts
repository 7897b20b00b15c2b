/**
 * A large, department-level workbook for benchmarks: the same 13 tables as the sample, with
 * T02/T03/T05 holding about `subjectRows` subject rows together and T12 holding `projects` projects.
 * Synthetic but consistent: codes 类 3 / 款 5 / 项 7 digits, every parent the exact sum of its children,
 * T01/T04 totals = T02/T03 totals, T05 = T03, T06 合计 = basic total, T12 total = project total.
 * Arithmetic is in integer cents (exact in JS numbers far beyond these totals); figures are written
 * as strings and turned into cell numbers only when written.
 */
import * as ExcelJS from "exceljs";
import { PassThrough } from "stream";
import { sampleMeta, sampleTables, STANDARD_TABLE_IDS, StandardTableId, TableData } from "./data";
import { newSheetPlan, place, writePlan } from "./grid";
import { prng, SAMPLE_DATE } from "./build";
import { renderTable } from "./tables";

export interface LargeOptions {
  /** Subject rows of T02, T03 and T05 together (default 100,000). */
  subjectRows?: number;
  /** Project rows of T12 (default 5,000). */
  projects?: number;
  seed?: number;
}

/** The 30 expenditure function classes of 表一/表四, in their order, with their codes. */
export const FUNCTION_CLASSES: Array<[string, string]> = [
  ["201", "一般公共服务支出"], ["202", "外交支出"], ["203", "国防支出"], ["204", "公共安全支出"],
  ["205", "教育支出"], ["206", "科学技术支出"], ["207", "文化旅游体育与传媒支出"], ["208", "社会保障和就业支出"],
  ["209", "社会保险基金支出"], ["210", "卫生健康支出"], ["211", "节能环保支出"], ["212", "城乡社区支出"],
  ["213", "农林水支出"], ["214", "交通运输支出"], ["215", "资源勘探工业信息等支出"], ["216", "商业服务业等支出"],
  ["217", "金融支出"], ["219", "援助其他地区支出"], ["220", "自然资源海洋气象等支出"], ["221", "住房保障支出"],
  ["222", "粮油物资储备支出"], ["223", "国有资本经营预算支出"], ["224", "灾害防治及应急管理支出"], ["227", "预备费"],
  ["229", "其他支出"], ["230", "转移性支出"], ["231", "债务还本支出"], ["232", "债务付息支出"],
  ["233", "债务发行费用支出"], ["234", "抗疫特别国债安排的支出"],
];

function yuanText(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`bad cents ${cents}`);
  const s = String(cents).padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** "47.20" → 4720, without going through a float. */
function centsOf(text: string): number {
  const [whole, frac = ""] = text.split(".");
  return Number(whole) * 100 + Number((frac + "00").slice(0, 2));
}

const blank = (cents: number): string => (cents === 0 ? "" : yuanText(cents));
const pad2 = (n: number): string => String(n).padStart(2, "0");

/** Splits `total` cents into parts proportional to `weights`, exactly. */
function split(total: number, weights: number[]): number[] {
  const w = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((x) => Math.floor((total * x) / w));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i]++;
  return parts;
}

interface Subject {
  code: string;
  name: string;
  basic: number;
  project: number;
}

/** 表六 items and the functional 项 whose basic expenditure they equal (the cross/economic-functional relations). */
const ECONOMIC_FUNCTIONAL: Record<string, string[]> = {
  机关事业单位基本养老保险缴费: ["2080505"],
  职业年金缴费: ["2080506"],
  职工基本医疗保险缴费: ["2101101", "2101102"],
  公务员医疗补助缴费: ["2101103"],
  住房公积金: ["2210201"],
  退休费: ["2080501", "2080502"],
};

/** The 13 tables as data (same shape as data/sample-2026) for the given size. */
export function largeTables(opts: LargeOptions = {}): Record<StandardTableId, TableData> {
  const rnd = prng(opts.seed ?? 2026);
  const perTable = Math.max(90, Math.floor((opts.subjectRows ?? 100000) / 3));
  const projects = Math.max(1, opts.projects ?? 5000);
  const perClass = perTable / FUNCTION_CLASSES.length;
  const sections = Math.min(99, Math.max(1, Math.ceil((perClass - 1) / 100)));
  const items = Math.min(99, Math.max(1, Math.round((perClass - 1) / sections) - 1));

  // Leaves first, parents summed from them: the hierarchy is consistent by construction.
  const rows: Subject[] = [];
  const classTotals = new Map<string, { basic: number; project: number }>();
  for (const [cls, className] of FUNCTION_CLASSES) {
    const classRow: Subject = { code: cls, name: className, basic: 0, project: 0 };
    rows.push(classRow);
    const short = className.replace(/支出$/, "");
    for (let s = 1; s <= sections; s++) {
      const code5 = `${cls}${pad2(s)}`;
      const section: Subject = { code: code5, name: `${short}第${s}款`, basic: 0, project: 0 };
      rows.push(section);
      for (let i = 1; i <= items; i++) {
        const kind = rnd();
        const basic = kind < 0.7 ? Math.floor(rnd() * 20000) : 0;
        const project = kind > 0.3 ? Math.floor(rnd() * 20000) : 0;
        rows.push({ code: `${code5}${pad2(i)}`, name: `${short}第${s}款第${i}项`, basic, project });
        section.basic += basic;
        section.project += project;
      }
      classRow.basic += section.basic;
      classRow.project += section.project;
    }
    classTotals.set(cls, { basic: classRow.basic, project: classRow.project });
  }
  const basicTotal = rows.filter((r) => r.code.length === 3).reduce((a, r) => a + r.basic, 0);
  const projectTotal = rows.filter((r) => r.code.length === 3).reduce((a, r) => a + r.project, 0);
  const total = basicTotal + projectTotal;

  const t = sampleTables;
  const T03: TableData = {
    ...t.T03,
    rows: [
      ["合计", "", yuanText(total), blank(basicTotal), blank(projectTotal)],
      ...rows.map((r) => [r.code, r.name, yuanText(r.basic + r.project), blank(r.basic), blank(r.project)]),
    ],
  };
  const T05: TableData = { ...t.T05, rows: T03.rows };
  const T02: TableData = {
    ...t.T02,
    rows: [
      ["合计", "", yuanText(total), yuanText(total), "", "", "", "", ""],
      ...rows.map((r) => [r.code, r.name, yuanText(r.basic + r.project), yuanText(r.basic + r.project), "", "", "", "", ""]),
    ],
  };

  const classAmount = (code: string) => {
    const c = classTotals.get(code);
    return c ? c.basic + c.project : 0;
  };
  const T01: TableData = {
    ...t.T01,
    rows: t.T01.rows.map((row, i) => {
      if (i < FUNCTION_CLASSES.length) {
        const a = blank(classAmount(FUNCTION_CLASSES[i][0]));
        return [row[0], i === 0 ? yuanText(total) : row[1], row[2], a, a, ""];
      }
      const isCarry = row[0] === "上年结转";
      return [row[0], isCarry ? "" : yuanText(total), row[2], isCarry ? "" : yuanText(total), isCarry ? "" : yuanText(total), ""];
    }),
  };
  const T04: TableData = {
    ...t.T04,
    rows: t.T04.rows.map((row, i) => {
      if (i < FUNCTION_CLASSES.length) {
        const a = blank(classAmount(FUNCTION_CLASSES[i][0]));
        return [row[0], i === 0 ? yuanText(total) : row[1], row[2], a, a, "", ""];
      }
      if (row[0] === "本年收入合计" || row[0] === "收入总计") return [row[0], yuanText(total), row[2], yuanText(total), yuanText(total), "", ""];
      return row.map((v, c) => (c === 0 || c === 2 ? v : ""));
    }),
  };

  // 表六: the seed's economic items, personnel and public funds split from the basic total.
  const seedItems = t.T06.rows.slice(1);
  const personnelIdx = seedItems.map((r, i) => (r[1] !== "" && r[3] !== "" ? i : -1)).filter((i) => i >= 0);
  const publicIdx = seedItems.map((r, i) => (r[1] !== "" && r[4] !== "" ? i : -1)).filter((i) => i >= 0);
  const personnel = Math.floor((basicTotal * 9) / 10);
  const publicFunds = basicTotal - personnel;
  const cents = new Array<number>(seedItems.length).fill(0);
  // Items that 表五 repeats by functional code (养老, 年金, 医疗, 公积金, 退休费) take the figures of
  // those codes' basic expenditure, as in a real budget; the other personnel items share the rest.
  const basicByCode = new Map(rows.map((r) => [r.code, r.basic]));
  const fixedIdx = personnelIdx.filter((i) => ECONOMIC_FUNCTIONAL[seedItems[i][0]]);
  const freeIdx = personnelIdx.filter((i) => !ECONOMIC_FUNCTIONAL[seedItems[i][0]]);
  let fixedSum = 0;
  for (const i of fixedIdx) {
    cents[i] = ECONOMIC_FUNCTIONAL[seedItems[i][0]].reduce((a, code) => a + (basicByCode.get(code) ?? 0), 0);
    fixedSum += cents[i];
  }
  split(personnel - fixedSum, freeIdx.map((i) => centsOf(seedItems[i][3]))).forEach((v, k) => (cents[freeIdx[k]] = v));
  split(publicFunds, publicIdx.map((i) => centsOf(seedItems[i][4]))).forEach((v, k) => (cents[publicIdx[k]] = v));
  const t06Rows: string[][] = [];
  for (let i = 0; i < seedItems.length; i++) {
    const r = seedItems[i];
    if (r[1] === "") {
      let p = 0;
      let q = 0;
      for (let j = i + 1; j < seedItems.length && seedItems[j][1] !== ""; j++) {
        if (seedItems[j][3] !== "") p += cents[j];
        else q += cents[j];
      }
      t06Rows.push([r[0], "", yuanText(p + q), blank(p), blank(q)]);
    } else {
      const isPersonnel = r[3] !== "";
      t06Rows.push([r[0], r[1], yuanText(cents[i]), isPersonnel ? yuanText(cents[i]) : "", isPersonnel ? "" : yuanText(cents[i])]);
    }
  }
  const T06: TableData = {
    ...t.T06,
    rows: [["合计", "", yuanText(basicTotal), blank(personnel), blank(publicFunds)], ...t06Rows],
  };

  const weights = Array.from({ length: projects }, () => 1 + Math.floor(rnd() * 1000));
  const amounts = split(projectTotal, weights);
  const T12: TableData = {
    ...t.T12,
    rows: [
      [sampleMeta.unitName, yuanText(projectTotal), yuanText(projectTotal), "", "", "", ""],
      ...amounts.map((a, i) => [`专项业务项目${String(i + 1).padStart(5, "0")}`, yuanText(a), yuanText(a), "", "", "", ""]),
    ],
  };
  return { ...t, T01, T02, T03, T04, T05, T06, T12 };
}

const CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];

/** Writes the large workbook with ExcelJS's streaming writer (one sheet per table, 表一…表十三). */
export async function buildLargeWorkbook(opts: LargeOptions = {}): Promise<Buffer> {
  const tables = largeTables(opts);
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("end", () => resolve());
    stream.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = "预算公开助手";
  wb.created = SAMPLE_DATE;
  wb.modified = SAMPLE_DATE;
  STANDARD_TABLE_IDS.forEach((id, i) => {
    const { block } = renderTable(tables[id], {
      caption: id === "T01",
      mergedHeaders: true,
      codes: "text",
      formulas: false,
      unitLine: sampleMeta.unitLine,
      moneyUnitLine: sampleMeta.moneyUnitLine,
    });
    const plan = newSheetPlan(`表${CN[i]}`);
    place(plan, block, 0, 0);
    const ws = wb.addWorksheet(plan.name);
    writePlan(ws as unknown as ExcelJS.Worksheet, plan, true);
    ws.commit();
  });
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
