/**
 * Builds the sample disclosure workbook from data/sample-2026 (the seed's figures), as staff keep it:
 * one table per sheet 表一…表十三, then 绩效目标表1…3 and a 情况说明 sheet with the narrative, one
 * paragraph per row in column A. Options produce the variants recognition and check tests need;
 * `buildSample` also returns a SampleMap saying where every row, amount and field landed.
 *
 * Layout choices worth knowing (see scripts/sample/README.md):
 * - 单位名称：… sits in column A and 单位：万元 in the table's last column of the same row.
 * - Amounts are numbers with format 0.00 (PT amounts in 元 with #,##0); codes are text with format @.
 * - noCodes: "empty" (or true) keeps the 科目编码 column with empty cells and indents names with
 *   two ideographic spaces per level (款 "　　", 项 "　　　　"); "drop" removes the column.
 * - formulas: parent rows become SUM formulas with cached results, except where the seed's rounded
 *   figures do not add up (21011, 工资福利支出): those stay typed figures, as in a real sheet.
 */
import * as ExcelJS from "exceljs";
import { unzipSync, zipSync, Zippable } from "fflate";
import {
  PerformanceData,
  sampleMeta,
  sampleNarrative,
  samplePerformance,
  sampleTables,
  STANDARD_TABLE_IDS,
  StandardTableId,
  TableData,
} from "./data";
import { Block, CellSpec, colLetters, newBlock, newSheetPlan, place, put, SheetPlan, writePlan } from "./grid";
import { cellOf, fieldOf, RowQuery, SampleMap, SampleTableKey } from "./map";
import { placePerformanceMap, renderPerformance } from "./performance";
import { CodeMode, HeaderStyle, placeTableMap, renderTable } from "./tables";
import { EconomicNaming, withEconomicNames } from "./economic";
import { prng } from "./prng";

export type { SampleMap, SampleTableKey, RowQuery } from "./map";
export { cellOf, fieldOf, findRow } from "./map";

/** Sheet keys: the 13 tables, the performance forms and the narrative sheet. */
export type SampleSheetKey = SampleTableKey | "narrative";

export type SheetNaming = "表一" | "预算公开表" | "generic";

/** A change to the generated workbook, addressed through the map. */
export type SampleEdit =
  | { table: StandardTableId; row: RowQuery; column: string; value: EditValue }
  | { table: "PT1" | "PT2" | "PT3"; field: string; value: EditValue }
  | { sheet: string; cell: string; value: EditValue };

/** A number, a text, null to empty the cell, or a formula with its cached result. */
export type EditValue = number | string | null | { formula: string; result?: number };

export interface SampleOptions {
  /** "表一" (default): 表一…表十三, 绩效目标表1…, 情况说明; "预算公开表": 预算公开表1…13; "generic": Sheet1, Sheet2 … in sheet order; or names per key. */
  sheetNames?: SheetNaming | Partial<Record<SampleSheetKey, string>>;
  /** "shuffled" reorders the sheets (or stacked blocks) deterministically by `seed`; never the standard order. */
  order?: "standard" | "shuffled";
  seed?: number;
  /** "singleSheet": every block stacked on one sheet 预算公开, two blank rows apart. */
  layout?: "sheetPerTable" | "singleSheet";
  /** Blank rows / columns before each block. */
  rowOffset?: number;
  colOffset?: number;
  /** Subject codes as numeric cells. */
  codesAsNumbers?: boolean;
  /** true or "empty": code cells emptied and names indented; "drop": no code column at all. */
  noCodes?: boolean | "empty" | "drop";
  /** The code column of one-sided tables as three columns 类 | 款 | 项 (201 | 06 | 07). */
  splitCodes?: boolean;
  /** Default true; false repeats header labels over the area instead of merging; "once" writes each label
   * once in the first cell of its area, unmerged; "bottom" as "once" with two-row labels in the lower row. */
  mergedHeaders?: HeaderStyle;
  /** Replaces 2026 in titles, headers, the PT year line and the narrative. */
  year?: number;
  unitName?: string;
  /** 预算公开表N above titles: "seed" (default) only above 表一 as in the seed; true all; false none. */
  captions?: boolean | "seed";
  /** 表六's 政府预算支出经济科目名称: as the seed, or the 机关 / 事业单位 item or class the mapping allows. */
  economicNames?: EconomicNaming;
  /** 表六's class rows also carry the 政府 class name (empty in the seed). */
  economicClassRows?: boolean;
  /** Parent and total rows as SUM formulas with cached results. */
  formulas?: boolean;
  /** Default true: the three 项目支出绩效目标表. */
  performance?: boolean;
  /** Default true: the 情况说明 sheet (or block). */
  narrative?: boolean;
  /** Only these standard tables (default all 13). */
  tables?: StandardTableId[];
  edits?: SampleEdit[];
  /** Last word on the workbook before it is written. */
  mutate?: (wb: ExcelJS.Workbook, map: SampleMap) => void;
}

const CN_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];
const SEED_YEAR = "2026";
/** Fixed so that regenerating the sample gives the same workbook. */
export const SAMPLE_DATE = new Date(Date.UTC(2026, 0, 15, 0, 0, 0));

function defaultSheetName(key: SampleSheetKey, naming: SheetNaming): string {
  if (key === "narrative") return "情况说明";
  if (key.startsWith("PT")) return `绩效目标表${key.slice(2)}`;
  const n = Number(key.slice(1));
  return naming === "预算公开表" ? `预算公开表${n}` : `表${CN_NUMBERS[n - 1]}`;
}

export { prng };

export function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  const rnd = prng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  if (out.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift() as T);
  return out;
}

function localiseTable(t: TableData, year: string, unitName: string): TableData {
  const y = (s: string) => s.split(SEED_YEAR).join(year);
  return {
    ...t,
    title: y(t.title),
    header: { rows: t.header.rows.map((row) => row.map(y)), merges: t.header.merges },
    rows: t.rows.map((row) => row.map((v) => (v === sampleMeta.unitName ? unitName : v))),
  };
}

function localisePerformance(p: PerformanceData, year: string, unitName: string): PerformanceData {
  const u = (s: string) => s.split(sampleMeta.unitName).join(unitName);
  return { ...p, yearLine: p.yearLine.split(SEED_YEAR).join(year), department: u(p.department), implementer: u(p.implementer) };
}

function narrativeBlock(paragraphs: string[]): Block {
  const b = newBlock(1);
  b.colWidths = [110];
  paragraphs.forEach((text, r) => {
    put(b, r, 0, { v: text, kind: "paragraph" });
    b.rowHeights.set(r, Math.max(18, Math.ceil(text.length / 55) * 16));
  });
  return b;
}

interface Piece {
  key: SampleSheetKey;
  block: Block;
  onPlace: (sheet: string, r0: number, c0: number) => void;
}

function resolveEdit(map: SampleMap, e: SampleEdit): { sheet: string; cell: string } {
  if ("sheet" in e) return { sheet: e.sheet, cell: e.cell };
  if ("field" in e) {
    const p = map.performance[e.table];
    if (!p) throw new Error(`sample edit: no performance form ${e.table}`);
    return { sheet: p.sheet, cell: fieldOf(map, e.table, e.field) };
  }
  const t = map.tables[e.table];
  if (!t) throw new Error(`sample edit: no table ${e.table}`);
  return { sheet: t.sheet, cell: cellOf(map, e.table, e.row, e.column) };
}

function parseAddr(a: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(a);
  if (!m) throw new Error(`bad address ${a}`);
  let c = 0;
  for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]) - 1, c - 1];
}

function applyEdit(plan: SheetPlan, cell: string, value: EditValue): void {
  const [r, c] = parseAddr(cell);
  const row = plan.rows[r] ?? (plan.rows[r] = []);
  const old = row[c];
  const kind: CellSpec["kind"] = old?.kind ?? (typeof value === "number" ? "amount" : "text");
  if (value !== null && typeof value === "object") {
    row[c] = { v: null, kind, raw: { formula: value.formula, result: value.result } };
  } else {
    row[c] = { v: value, kind };
  }
}

/** Lays out every block on sheet plans and records the map. */
export function planSample(opts: SampleOptions = {}): { plans: SheetPlan[]; map: SampleMap } {
  const year = String(opts.year ?? sampleMeta.year);
  const unitName = opts.unitName ?? sampleMeta.unitName;
  const naming: SheetNaming = typeof opts.sheetNames === "string" ? opts.sheetNames : "表一";
  const codes: CodeMode =
    opts.noCodes === "drop" ? "drop" : opts.noCodes ? "empty" : opts.splitCodes ? "split" : opts.codesAsNumbers ? "number" : "text";
  const captions = opts.captions ?? "seed";
  const map: SampleMap = { sheets: [], tables: {}, performance: {} };

  const pieces: Piece[] = [];
  for (const id of opts.tables ?? STANDARD_TABLE_IDS) {
    const data = withEconomicNames(localiseTable(sampleTables[id], year, unitName), opts.economicNames ?? "seed", opts.economicClassRows ?? false);
    const { block, rel } = renderTable(data, {
      caption: captions === true || (captions === "seed" && id === "T01"),
      mergedHeaders: opts.mergedHeaders ?? true,
      codes,
      formulas: opts.formulas ?? false,
      unitLine: `单位名称：${unitName}`,
      moneyUnitLine: sampleMeta.moneyUnitLine,
    });
    pieces.push({ key: id, block, onPlace: (sheet, r0, c0) => (map.tables[id] = placeTableMap(rel, block, sheet, r0, c0)) });
  }
  if (opts.performance ?? true) {
    samplePerformance.forEach((p, i) => {
      const key = `PT${i + 1}` as SampleTableKey;
      const { block, rel } = renderPerformance(localisePerformance(p, year, unitName), key);
      pieces.push({ key, block, onPlace: (sheet, r0, c0) => (map.performance[key] = placePerformanceMap(rel, block, sheet, r0, c0)) });
    });
  }
  if (opts.narrative ?? true) {
    const paragraphs = sampleNarrative.paragraphs.map((s) => s.split(SEED_YEAR).join(year).split(sampleMeta.unitName).join(unitName));
    const block = narrativeBlock(paragraphs);
    pieces.push({
      key: "narrative",
      block,
      onPlace: (sheet, r0, c0) => {
        map.narrative = {
          sheet,
          paragraphs: paragraphs.map((text, i) => ({ cell: `${colLetters(c0)}${r0 + i + 1}`, text })),
        };
      },
    });
  }

  const ordered = opts.order === "shuffled" ? shuffle(pieces, opts.seed ?? 1) : pieces;
  const rowOffset = opts.rowOffset ?? 0;
  const colOffset = opts.colOffset ?? 0;
  const plans: SheetPlan[] = [];
  const nameFor = (key: SampleSheetKey, index: number): string => {
    if (opts.sheetNames && typeof opts.sheetNames === "object" && opts.sheetNames[key]) return opts.sheetNames[key] as string;
    return naming === "generic" ? `Sheet${index + 1}` : defaultSheetName(key, naming);
  };
  if (opts.layout === "singleSheet") {
    const plan = newSheetPlan(naming === "generic" ? "Sheet1" : "预算公开");
    ordered.forEach((piece, i) => {
      const r0 = (i === 0 ? 0 : plan.next + 2) + rowOffset;
      place(plan, piece.block, r0, colOffset);
      piece.onPlace(plan.name, r0, colOffset);
    });
    plans.push(plan);
  } else {
    ordered.forEach((piece, i) => {
      const plan = newSheetPlan(nameFor(piece.key, i));
      place(plan, piece.block, rowOffset, colOffset);
      piece.onPlace(plan.name, rowOffset, colOffset);
      plans.push(plan);
    });
  }
  map.sheets = plans.map((p) => p.name);

  for (const e of opts.edits ?? []) {
    const { sheet, cell } = resolveEdit(map, e);
    const plan = plans.find((p) => p.name === sheet);
    if (!plan) throw new Error(`sample edit: no sheet ${sheet}`);
    applyEdit(plan, cell, e.value);
  }
  return { plans, map };
}

export function newSampleWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "预算公开助手";
  wb.lastModifiedBy = "预算公开助手";
  wb.created = SAMPLE_DATE;
  wb.modified = SAMPLE_DATE;
  return wb;
}

/** The sample workbook and where everything is in it. */
export async function buildSample(opts: SampleOptions = {}): Promise<{ buffer: Buffer; map: SampleMap }> {
  const { plans, map } = planSample(opts);
  const wb = newSampleWorkbook();
  for (const plan of plans) {
    const ws = wb.addWorksheet(plan.name);
    writePlan(ws, plan, false);
  }
  opts.mutate?.(wb, map);
  const out = await wb.xlsx.writeBuffer();
  return { buffer: stableZip(Buffer.from(out as ArrayBuffer)), map };
}

/**
 * ExcelJS stamps every zip entry with the current time; re-zipping with a fixed local time makes the
 * same options give the same bytes, so the shipped sample does not change when regenerated.
 */
export function stableZip(xlsx: Buffer): Buffer {
  const entries = unzipSync(new Uint8Array(xlsx));
  const mtime = new Date(2026, 0, 15, 0, 0, 0);
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) files[name] = [data, { mtime, level: 6 }];
  return Buffer.from(zipSync(files));
}

export async function buildSampleWorkbook(opts: SampleOptions = {}): Promise<Buffer> {
  return (await buildSample(opts)).buffer;
}
