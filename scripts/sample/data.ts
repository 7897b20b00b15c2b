/**
 * The seed's figures as reviewable JSON (data/sample-2026/*.json) and their types.
 * Amounts stay strings ("434.67") so nothing passes through floats before a cell is written.
 */
import meta from "../../data/sample-2026/meta.json";
import t01 from "../../data/sample-2026/T01.json";
import t02 from "../../data/sample-2026/T02.json";
import t03 from "../../data/sample-2026/T03.json";
import t04 from "../../data/sample-2026/T04.json";
import t05 from "../../data/sample-2026/T05.json";
import t06 from "../../data/sample-2026/T06.json";
import t07 from "../../data/sample-2026/T07.json";
import t08 from "../../data/sample-2026/T08.json";
import t09 from "../../data/sample-2026/T09.json";
import t10 from "../../data/sample-2026/T10.json";
import t11 from "../../data/sample-2026/T11.json";
import t12 from "../../data/sample-2026/T12.json";
import t13 from "../../data/sample-2026/T13.json";
import narrative from "../../data/sample-2026/narrative.json";
import performance from "../../data/sample-2026/performance.json";

export type StandardTableId =
  | "T01" | "T02" | "T03" | "T04" | "T05" | "T06" | "T07"
  | "T08" | "T09" | "T10" | "T11" | "T12" | "T13";

export const STANDARD_TABLE_IDS: StandardTableId[] = [
  "T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10", "T11", "T12", "T13",
];

/**
 * One standard table as the seed prints it. `columns` names the role of each column; roles of
 * two-sided tables carry the side ("income.amount", "expenditure.total"). Header cells covered by a
 * merge are "" and `merges` are [r0, c0, r1, c1] inside the header, 0-based and inclusive.
 * Each data row has one string per column, "" for an empty cell.
 */
export interface TableData {
  id: StandardTableId;
  name: string;
  title: string;
  caption: string;
  moneyUnit: string;
  columns: string[];
  header: { rows: string[][]; merges: number[][] };
  rows: string[][];
  notes: string[];
  /** 表六: indexes of the class rows, when they carry a 政府 name too (else a class row is one without). */
  classRows?: number[];
}

export interface SampleMeta {
  unitName: string;
  departmentCode: string;
  year: number;
  moneyUnit: string;
  unitLine: string;
  moneyUnitLine: string;
}

export interface FundingData {
  label: string;
  total: string;
  central: string;
  provincial: string;
  local: string;
  self: string;
  other: string;
}

export interface IndicatorData {
  level1: string;
  level2: string;
  name: string;
  target: string;
}

/** One 项目支出绩效目标表; amounts in 元 written as in the seed ("1,800,000"). */
export interface PerformanceData {
  title: string;
  yearLine: string;
  projectName: string;
  department: string;
  implementer: string;
  attribute: string;
  periodLabel: string;
  period: string;
  funding: { implementation: FundingData; annual: FundingData };
  /** Keyed by the standard label; `labels` gives the label as written when the seed differs. */
  texts: Record<string, string>;
  labels?: Record<string, string>;
  goals: { implementation: string; annual: string };
  indicators: { implementation: IndicatorData[]; annual: IndicatorData[] };
}

export const TEXT_KEYS = ["项目概况", "立项依据", "项目设立必要性", "保证项目实施的制度、措施", "项目实施计划"] as const;

export const sampleMeta: SampleMeta = meta;

export const sampleTables: Record<StandardTableId, TableData> = {
  T01: t01 as TableData, T02: t02 as TableData, T03: t03 as TableData, T04: t04 as TableData,
  T05: t05 as TableData, T06: t06 as TableData, T07: t07 as TableData, T08: t08 as TableData,
  T09: t09 as TableData, T10: t10 as TableData, T11: t11 as TableData, T12: t12 as TableData,
  T13: t13 as TableData,
};

export const sampleNarrative: { section: string; paragraphs: string[] } = narrative;

export const samplePerformance: PerformanceData[] = (performance as { projects: PerformanceData[] }).projects;
