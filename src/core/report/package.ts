import type { Amount } from "../money/amount";
import type { RecognisedTable, RecognitionProblem, RecognitionResult, TableRow } from "../recognise/model";
import type { Finding, Report } from "./finding";

/**
 * The JSON disclosure package: a contract for publication scripts. Figures are strings with the
 * decimals they are shown with ("434.67"), so no figure passes through binary floating point.
 */
export const PACKAGE_FORMAT = "budget-disclosure-package";
export const PACKAGE_VERSION = 1;

export interface PackageFigure {
  value: string;
  cell: string;
}

export interface PackageRow {
  kind: TableRow["kind"];
  side?: TableRow["side"];
  code?: string;
  name: string;
  name2?: string;
  level?: TableRow["level"];
  totalKind?: string;
  group?: string;
  /** Address of the name cell (or the code cell when the name is empty). */
  cell: string;
  amounts: Record<string, PackageFigure>;
}

export interface PackageTable {
  id: RecognisedTable["id"];
  title: string;
  standardName: string;
  year: number | null;
  unitName: string | null;
  moneyUnit: string | null;
  sheet: string;
  range: string;
  empty: boolean;
  notes: string[];
  columns: Array<{ role: string; side?: string; column: string; header: string[] }>;
  rows: PackageRow[];
  /** Performance target tables only: the form's fields (texts, funding in 元, indicators). */
  form?: unknown;
}

export interface DisclosurePackage {
  format: typeof PACKAGE_FORMAT;
  version: typeof PACKAGE_VERSION;
  workbook: string;
  year: number | null;
  unitName: string | null;
  tables: PackageTable[];
  findings: Finding[];
  problems: RecognitionProblem[];
  summary: {
    tables: number;
    rows: number;
    errors: number;
    warnings: number;
    infos: number;
    problems: number;
    rulesRun: number;
    tablesChecked: number;
    disabledRules: string[];
  };
}

export function figure(a: Amount): string {
  return a.value.toFixed(a.decimals);
}

function packageRow(row: TableRow): PackageRow {
  const out: PackageRow = { kind: row.kind, name: row.name.text, cell: row.name.text ? row.name.cell : row.code?.cell ?? row.name.cell, amounts: {} };
  if (row.side) out.side = row.side;
  if (row.code) out.code = row.code.text;
  if (row.name2) out.name2 = row.name2.text;
  if (row.level) out.level = row.level;
  if (row.totalKind) out.totalKind = row.totalKind;
  if (row.group) out.group = row.group;
  for (const [role, ac] of Object.entries(row.amounts)) out.amounts[role] = { value: figure(ac.amount), cell: ac.cell };
  return out;
}

function serialiseForm(t: RecognisedTable): unknown {
  if (!t.form) return undefined;
  const f = t.form;
  const funding = (x: typeof f.annualFunding) =>
    Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v ? { value: figure(v.amount), cell: v.cell } : null]));
  return {
    projectName: f.projectName,
    department: f.department,
    implementer: f.implementer,
    attribute: f.attribute,
    period: f.period,
    implementationFunding: funding(f.implementationFunding),
    annualFunding: funding(f.annualFunding),
    texts: f.texts,
    indicators: f.indicators,
  };
}

export function packageTable(t: RecognisedTable): PackageTable {
  const out: PackageTable = {
    id: t.id,
    title: t.title.text,
    standardName: t.standardName,
    year: t.year,
    unitName: t.unitName?.text ?? null,
    moneyUnit: t.moneyUnit?.unit ?? null,
    sheet: t.sheet,
    range: t.range,
    empty: t.empty,
    notes: t.notes.map((n) => n.text),
    columns: t.columns.map((c) => ({ role: c.role, ...(c.side ? { side: c.side } : {}), column: c.letter, header: c.header })),
    rows: t.rows.map(packageRow),
  };
  if (t.form) out.form = serialiseForm(t);
  return out;
}

export function buildPackage(recognition: RecognitionResult, report: Report): DisclosurePackage {
  return {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    workbook: recognition.workbook,
    year: recognition.year,
    unitName: recognition.unitName,
    tables: recognition.tables.map(packageTable),
    findings: report.findings,
    problems: recognition.problems,
    summary: {
      tables: recognition.tables.length,
      rows: recognition.tables.reduce((n, t) => n + t.rows.length, 0),
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      infos: report.summary.infos,
      problems: recognition.problems.length,
      rulesRun: report.stats.rulesRun,
      tablesChecked: report.stats.tablesChecked,
      disabledRules: report.stats.disabled,
    },
  };
}
