/**
 * Where everything landed in a generated workbook. Tests of the recogniser and of the checks use it
 * to find the cell they changed and the cell a finding must point to.
 *
 * Addresses are A1 on the table's sheet; `r` is the 1-based sheet row, `c` the 0-based column.
 */

export type SampleTableKey =
  | "T01" | "T02" | "T03" | "T04" | "T05" | "T06" | "T07"
  | "T08" | "T09" | "T10" | "T11" | "T12" | "T13"
  | "PT1" | "PT2" | "PT3";

export interface RowMap {
  /** The code for coded rows ("2010607"), else the normalised label ("一般公共预算", "合计"). */
  key: string;
  side?: "income" | "expenditure";
  kind: "total" | "subject" | "line" | "project";
  /** The name as written (indentation included when names are indented). */
  name: string;
  /** The normalised label, as the recognition contract defines it. */
  label: string;
  /** The subject code as data; present even when the workbook leaves codes out. */
  code?: string;
  level?: "类" | "款" | "项";
  depth: number;
  totalKind?: string;
  group?: "current" | "carry";
  /** 1-based sheet row. */
  r: number;
  nameCell: string;
  /** Absent when codes are dropped or the table has no code column. */
  codeCell?: string;
  /** Amount cells by column role (total, gpb, basic, amount …), for every amount column of the row's side. */
  cells: Record<string, string>;
  /** Roles whose cell holds a SUM formula (formulas: true). */
  formulas?: string[];
}

export interface ColumnMap {
  role: string;
  side?: "income" | "expenditure";
  letter: string;
  c: number;
}

export interface TableMap {
  key: SampleTableKey;
  sheet: string;
  title: string;
  titleCell: string;
  captionCell?: string;
  /** Cell holding 单位名称：… */
  unitNameCell: string;
  /** Cell holding 单位：万元 (T01…T13 only). */
  moneyUnitCell?: string;
  /** 1-based sheet rows of the header. */
  headerRows: number[];
  /** A1 range from the caption or title to the last note. */
  range: string;
  /** Keyed by the data file's role name ("total", "income.amount"). */
  columns: Record<string, ColumnMap>;
  rows: RowMap[];
  noteCells: string[];
}

export interface IndicatorMap {
  block: "实施期" | "年度";
  level1: string;
  level2: string;
  name: string;
  target: string;
  level1Cell: string;
  level2Cell: string;
  nameCell: string;
  targetCell: string;
}

export interface PerformanceMap {
  key: SampleTableKey;
  sheet: string;
  title: string;
  titleCell: string;
  yearCell: string;
  range: string;
  projectName: string;
  /**
   * Field cells: projectName, department, implementer, attribute, period,
   * implementation.total/central/provincial/local/self/other, annual.total/…,
   * text.项目概况 … (standard label), goal.implementation, goal.annual.
   */
  cells: Record<string, string>;
  indicators: IndicatorMap[];
}

export interface NarrativeMap {
  sheet: string;
  paragraphs: Array<{ cell: string; text: string }>;
}

export interface SampleMap {
  sheets: string[];
  tables: Partial<Record<SampleTableKey, TableMap>>;
  performance: Partial<Record<SampleTableKey, PerformanceMap>>;
  narrative?: NarrativeMap;
}

/** Selects a row: a code or label string, or fields to tell apart rows that share a label (表四's 一般公共预算). */
export type RowQuery =
  | string
  | { code?: string; label?: string; side?: "income" | "expenditure"; group?: "current" | "carry"; kind?: RowMap["kind"] };

export function findRow(map: SampleMap, table: SampleTableKey, query: RowQuery): RowMap {
  const t = map.tables[table];
  if (!t) throw new Error(`sample map: no table ${table}`);
  const q = typeof query === "string" ? (/^\d+$/.test(query) ? { code: query } : { label: query }) : query;
  const hits = t.rows.filter(
    (row) =>
      (q.code === undefined || row.code === q.code) &&
      (q.label === undefined || row.label === q.label || row.name.trim() === q.label) &&
      (q.side === undefined || row.side === q.side) &&
      (q.group === undefined || row.group === q.group) &&
      (q.kind === undefined || row.kind === q.kind),
  );
  if (hits.length === 0) throw new Error(`sample map: ${table} has no row ${JSON.stringify(query)}`);
  if (hits.length > 1) throw new Error(`sample map: ${table} row ${JSON.stringify(query)} is ambiguous (${hits.length} rows); add side or group`);
  return hits[0];
}

/** A1 address of an amount cell: cellOf(map, "T03", "2010607", "total") → "C8". */
export function cellOf(map: SampleMap, table: SampleTableKey, row: RowQuery, role: string): string {
  const found = findRow(map, table, row);
  const cell = found.cells[role];
  if (!cell) throw new Error(`sample map: ${table} row ${JSON.stringify(row)} has no column ${role}`);
  return cell;
}

/** A1 address of a field of a performance form: fieldOf(map, "PT1", "annual.total"). */
export function fieldOf(map: SampleMap, table: SampleTableKey, field: string): string {
  const p = map.performance[table];
  if (!p) throw new Error(`sample map: no performance form ${table}`);
  const cell = p.cells[field];
  if (!cell) throw new Error(`sample map: ${table} has no field ${field}`);
  return cell;
}
