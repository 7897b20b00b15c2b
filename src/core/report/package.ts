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
  /** The layout set the tables were read with (best match, or forced with --layout), e.g. "shanxi-unit-2026". */
  layoutSet: string;
  year: number | null;
  unitName: string | null;
  tables: PackageTable[];
  findings: Array<Finding & { dismissed?: PackageDismissal }>;
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

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

/** The figure as shown ("434.67"), exact. Plain figures are written from their scaled integer, without a Decimal. */
export function figure(a: Amount): string {
  const s = a.scaled;
  if (s === undefined || a.decimals > 6) return a.value.toFixed(a.decimals);
  const k = Math.abs(s) / POW10[6 - a.decimals]; // exact: a plain figure has no more decimals than shown
  let digits = String(k);
  if (a.decimals > 0) {
    digits = digits.padStart(a.decimals + 1, "0");
    digits = `${digits.slice(0, -a.decimals)}.${digits.slice(-a.decimals)}`;
  }
  return s < 0 ? `-${digits}` : digits;
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

export function packageTable(t: RecognisedTable, withRows = true): PackageTable {
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
    rows: withRows ? t.rows.map(packageRow) : [],
  };
  if (t.form) out.form = serialiseForm(t);
  return out;
}

/** A finding the user dismissed (the pane's 已核实), kept in the package as dismissed, not deleted. */
export interface PackageDismissal {
  reason: "verified";
  note: string;
  at?: string;
}

export function buildPackage(
  recognition: RecognitionResult,
  report: Report,
  dismissed?: (f: Finding, index: number) => PackageDismissal | undefined,
): DisclosurePackage {
  return {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    workbook: recognition.workbook,
    layoutSet: recognition.layoutSet,
    year: recognition.year,
    unitName: recognition.unitName,
    tables: recognition.tables.map((t) => packageTable(t)),
    findings: dismissed
      ? report.findings.map((f, i) => {
          const d = dismissed(f, i);
          return d ? { ...f, dismissed: d } : f;
        })
      : report.findings,
    problems: recognition.problems,
    summary: packageSummary(recognition, report),
  };
}

function packageSummary(recognition: RecognitionResult, report: Report): DisclosurePackage["summary"] {
  return {
      tables: recognition.tables.length,
      rows: recognition.tables.reduce((n, t) => n + t.rows.length, 0),
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      infos: report.summary.infos,
      problems: recognition.problems.length,
      rulesRun: report.stats.rulesRun,
      tablesChecked: report.stats.tablesChecked,
      disabledRules: report.stats.disabled,
  };
}


const HOLE = "\u0000hole\u0000";

/** Writes `JSON.stringify(obj)` with the arrays at the hole keys written item by item, one item a line. */
function writeHoles(obj: object, fill: Record<string, () => Iterable<string>>, write: (chunk: string) => void, indent: string): void {
  const parts = JSON.stringify(obj).split(JSON.stringify(HOLE));
  const keys = Object.keys(obj).filter((k) => (obj as Record<string, unknown>)[k] === HOLE);
  write(indent + parts[0]);
  keys.forEach((k, i) => {
    write("[");
    let first = true;
    for (const item of fill[k]()) {
      write((first ? "\n" : ",\n") + indent + "  " + item);
      first = false;
    }
    write((first ? "" : "\n" + indent) + "]" + parts[i + 1]);
  });
}

/**
 * Writes the same package as `JSON.stringify(buildPackage(…))`, piece by piece: one table row and one
 * finding a line. A 100,000-row workbook then never becomes one giant string in memory, and the
 * output reads well in a diff.
 */
export function writePackageJson(recognition: RecognitionResult, report: Report, write: (chunk: string) => void): void {
  const head = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    workbook: recognition.workbook,
    layoutSet: recognition.layoutSet,
    year: recognition.year,
    unitName: recognition.unitName,
    tables: HOLE,
    findings: HOLE,
    problems: recognition.problems,
    summary: packageSummary(recognition, report),
  };
  writeHoles(
    head,
    {
      *tables() {
        for (const t of recognition.tables) {
          let json = "";
          writeHoles({ ...packageTable(t, false), rows: HOLE }, { *rows() { for (const row of t.rows) yield JSON.stringify(packageRow(row)); } }, (c) => (json += c), "  ");
          yield json.trimStart();
        }
      },
      *findings() {
        for (const f of report.findings) yield JSON.stringify(f);
      },
    },
    write,
    "",
  );
  write("\n");
}
