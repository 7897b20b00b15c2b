import type { Amount } from "../money/amount";
import type { MoneyUnit, RecognisedTable, RecognitionProblem, RecognitionResult, TableRow } from "../recognise/model";
import type { Finding, Report } from "./finding";
import { narrativeOf, originOf, quote } from "../rules/narrative/extract";
import { buildNarrativeDraft, type NarrativeDraft } from "../publish/draft";
import { cellPosition } from "../recognise/rows";
import { colLetters } from "../workbook/snapshot";
import { canonicalJson, Direct, fixedBound, fixedText, jsonBytes, Lazy, putAscii, putBytes, putFixed, putStr, strBound, TextHash, writeCanonical, writeJcs, type ByteHash, type JsonOut } from "./canonical";

/**
 * The JSON disclosure package (format version 2, described by package.schema.json and
 * docs/package.md): a contract for publication scripts. Figures are strings with the decimals they
 * are shown with ("434.67"), so no figure passes through binary floating point. Written as RFC 8785
 * canonical JSON, sealed with the SHA-256 of its own canonical content (see `writeSealed`).
 */
export const PACKAGE_FORMAT = "budget-disclosure-package";
export const PACKAGE_VERSION = 2;
/** The generator written into every package (the version is package.json's; a test keeps them equal). */
export const GENERATOR = { name: "budget-disclosure", version: "0.1.0" } as const;

/** 万元 = 10000 元: a figure times `scale` is yuan. */
export const MONEY_SCALE: Record<MoneyUnit, number> = { 万元: 10000, 元: 1 };

export interface PackageFigure {
  value: string;
  cell: string;
}

export interface PackageRow {
  kind: TableRow["kind"];
  side?: TableRow["side"];
  code?: string;
  /** The code of the row this one sits under (a 项's 款, a 款's 类), as the table has it. */
  parentCode?: string;
  name: string;
  name2?: string;
  level?: TableRow["level"];
  totalKind?: string;
  group?: string;
  /** Address of the name cell (or the code cell when the name is empty). */
  cell: string;
  amounts: Record<string, PackageFigure>;
}

export interface PackageMoneyUnit {
  unit: MoneyUnit;
  scale: number;
  cell?: string;
}

export interface PackageIndicator {
  block: "实施期" | "年度";
  level1: string;
  level2: string;
  /** The third-level indicator, as written. */
  level3: string;
  cell: string;
  /** The target value as written, and, when it reads as one, its comparator, number and unit. */
  target: { text: string; cell: string; comparator?: string; value?: string; unit?: string } | null;
}

export interface PackageTable {
  id: RecognisedTable["id"];
  layoutId: string;
  title: string;
  standardName: string;
  year: number | null;
  unitName: string | null;
  moneyUnit: PackageMoneyUnit | null;
  sheet: string;
  range: string;
  empty: boolean;
  notes: string[];
  columns: Array<{ role: string; side?: string; column: string; header: string[] }>;
  rows: PackageRow[];
  /** Performance target tables only: the form's fields (texts, funding in 元, indicators). */
  form?: unknown;
}

/** A figure the 情况说明 states, with where it was found. */
export interface StatedFigure {
  kind: "amount" | "count";
  subject: string;
  /** The number as written ("288.00"), its unit as written, and the statement quoted. */
  text: string;
  unit: string;
  /** Money in 万元 (converted from 元/亿元), or the count, as a decimal string. */
  value: string;
  share?: string;
  statement: string;
  sheet: string;
  cell: string;
}

export interface PackageOptions {
  /** SHA-256 (hex) of the workbook file's bytes, when the shell has them. */
  sourceSha256?: string;
  /** Exported although the check found errors. */
  forced?: boolean;
  /** An ISO 8601 time, written only when asked for (--timestamp). */
  generatedAt?: string;
  /** A finding the user dismissed (the pane's 已核实), kept in the package as dismissed, not deleted. */
  dismissed?: (f: Finding, index: number) => PackageDismissal | undefined;
  /**
   * false: a package for the text report only — no `sha256`, and the narrative's figures not
   * extracted (the report shows neither; a batch of text reports should not pay for them).
   */
  seal?: boolean;
  /**
   * The SHA-256 the seal is computed with (default: @noble/hashes, pure JavaScript, as the pane
   * has it). The CLI passes Node's native one: the same digest, about four times faster.
   */
  sha256?: () => ByteHash;
}

export interface DisclosurePackage {
  format: typeof PACKAGE_FORMAT;
  version: typeof PACKAGE_VERSION;
  generator: { name: string; version: string };
  generatedAt?: string;
  layoutSet: string;
  workbook: string;
  source?: { sha256: string };
  year: number | null;
  unitName: string | null;
  moneyUnit: PackageMoneyUnit | null;
  forced?: true;
  tables: PackageTable[];
  narrative: { paragraphs: Array<{ sheet: string; cell: string; text: string }>; figures: StatedFigure[] };
  /** The 情况说明 draft made from the tables (absent from the text report's unsealed package). */
  narrativeDraft?: PackageDraft;
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
  /** SHA-256 of the canonical JSON of the package without this member (absent only when built with `seal: false`). */
  sha256?: string;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

/** The figure as shown ("434.67"), exact. Plain figures are written from their scaled integer, without a Decimal. */
export function figure(a: Amount): string {
  const k = figureDigits(a);
  return k < 0 ? a.value.toFixed(a.decimals) : fixedText(k, a.decimals, (a.scaled as number) < 0);
}

/**
 * A plain figure's digits as one integer (|scaled| / 10^(6 − decimals); `decimals` of them after the
 * point), exact since a plain figure has no more decimals than shown; -1 for a figure written from
 * its Decimal (no scaled integer, or more than 6 decimals). `figure` and writeRows both write by it.
 */
function figureDigits(a: Amount): number {
  const s = a.scaled;
  return s === undefined || a.decimals > 6 ? -1 : Math.abs(s) / POW10[6 - a.decimals];
}

/**
 * The cell a row is known by: its name cell, the code cell when the name is empty, and for a row
 * with neither (the one data row of a 三公 table without a label column) its leftmost figure's cell.
 */
function rowCell(row: TableRow): string {
  if (row.name.text) return row.name.cell;
  if (row.code?.cell) return row.code.cell;
  if (row.name.cell) return row.name.cell;
  let best = "";
  for (const ac of Object.values(row.amounts)) {
    const col = /^[A-Z]+/.exec(ac.cell)?.[0] ?? "";
    const bestCol = /^[A-Z]+/.exec(best)?.[0] ?? "";
    if (!best || col.length < bestCol.length || (col.length === bestCol.length && col < bestCol)) best = ac.cell;
  }
  return best;
}

function packageRow(row: TableRow, parentCode: string | undefined): PackageRow {
  const out: PackageRow = { kind: row.kind, name: row.name.text, cell: rowCell(row), amounts: {} };
  if (row.side) out.side = row.side;
  if (row.code) out.code = row.code.text;
  if (parentCode !== undefined) out.parentCode = parentCode;
  if (row.name2) out.name2 = row.name2.text;
  if (row.level) out.level = row.level;
  if (row.totalKind) out.totalKind = row.totalKind;
  if (row.group) out.group = row.group;
  for (const [role, ac] of Object.entries(row.amounts)) out.amounts[role] = { value: figure(ac.amount), cell: ac.cell };
  return out;
}

/** A row's constant pieces, as UTF-8 (writeRows). */
const ROW = {
  first: jsonBytes('{"amounts":{'),
  next: jsonBytes(',{"amounts":{'),
  value: jsonBytes(',"value":"'),
  figureEnd: jsonBytes('"}'),
  cell: jsonBytes('},"cell":'),
  code: jsonBytes(',"code":'),
  group: jsonBytes(',"group":'),
  kind: jsonBytes(',"kind":'),
  level: jsonBytes(',"level":'),
  name: jsonBytes(',"name":'),
  name2: jsonBytes(',"name2":'),
  parentCode: jsonBytes(',"parentCode":'),
  side: jsonBytes(',"side":'),
  totalKind: jsonBytes(',"totalKind":'),
};
/** More than the bytes of all ROW's pieces that one row writes, but the amounts' (see `need` in writeRows). */
const ROW_CONSTANT_BYTES = 128;

/** An amount role of a table: its place in JCS order among the roles met so far, and its member's head (`"gpb":{"cell":`) as UTF-8, first in `amounts` or after a comma. */
interface RoleHead {
  rank: number;
  first: Uint8Array;
  next: Uint8Array;
}

/** One amount of the row being written (reused from row to row). */
interface AmountSlot {
  head: RoleHead;
  /** The figure's cell: its cellPosition, or when that is -1 its address. */
  at: number;
  cell: string;
  /** The figure as figureDigits gives it, its decimals and sign; or `text` for a figure written from its Decimal. */
  digits: number;
  decimals: number;
  negative: boolean;
  text: string | null;
}

/**
 * The canonical JSON of the table's rows (`packageRow(row, parentCode)` each, members in JCS order)
 * written straight into the bytes of a TextHash: no object, string or sorted key list per row (the
 * streamed export of a 100,000-row workbook spends most of its time and memory here; the package
 * tests hold it to canonicalJson of the objects). Each row reserves room for the most it can take
 * (from its strings' lengths), then its pieces go into the buffer without a check or a call through
 * JsonOut each; the constant pieces and each role's member name are encoded once (the roles get
 * their JCS order once a table, and again when a new one appears), not once a row. A row too long
 * for an empty buffer is written as canonicalJson(packageRow(…)).
 */
function writeRows(t: RecognisedTable, out: JsonOut): void {
  // not bytes (canonicalJson of the Direct value): the objects' text
  if (!(out instanceof TextHash)) return out.text(canonicalJson([...packageRows(t)]));
  const heads = new Map<string, RoleHead>();
  const slots: AmountSlot[] = [];
  const parents = new ParentCodes();
  out.ascii("[");
  for (let r = 0; r < t.rows.length; r++) {
    const row = t.rows[r];
    const parent = parents.next(row);
    // the row's amounts in JCS order (insertion sort by rank: a row has few), and the most bytes they take
    const amounts = row.amounts;
    let n = 0;
    let need = ROW_CONSTANT_BYTES;
    for (const k in amounts) {
      const ac = amounts[k];
      let head = heads.get(k);
      if (head === undefined) head = newRole(heads, k);
      if (n === slots.length) slots.push({ head, at: -1, cell: "", digits: 0, decimals: 0, negative: false, text: null });
      const slot = slots[n];
      let j = n++;
      for (; j > 0 && slots[j - 1].head.rank > head.rank; j--) slots[j] = slots[j - 1];
      slots[j] = slot;
      slot.head = head;
      slot.at = cellPosition(ac);
      slot.cell = slot.at < 0 ? ac.cell : "";
      const a = ac.amount;
      const digits = figureDigits(a);
      if (digits < 0) {
        slot.text = a.value.toFixed(a.decimals);
        need += slot.text.length;
      } else {
        slot.text = null;
        slot.digits = digits;
        slot.decimals = a.decimals;
        slot.negative = (a.scaled as number) < 0;
        need += fixedBound(a.decimals);
      }
      need += head.next.length + (slot.at < 0 ? strBound(slot.cell) : A1_BYTES) + ROW.value.length + ROW.figureEnd.length;
    }
    // the row's cell as rowCell gives it: the name's when it has a name, else the code's when it has one
    let at = -1;
    if (row.name.text) at = cellPosition(row.name);
    else if (row.code) at = cellPosition(row.code);
    const cell = at < 0 ? rowCell(row) : "";
    need += (at < 0 ? strBound(cell) : A1_BYTES) + strBound(row.kind) + strBound(row.name.text);
    if (row.code) need += strBound(row.code.text);
    if (row.group) need += strBound(row.group);
    if (row.level) need += strBound(row.level);
    if (row.name2) need += strBound(row.name2.text);
    if (parent !== undefined) need += strBound(parent);
    if (row.side) need += strBound(row.side);
    if (row.totalKind) need += strBound(row.totalKind);
    if (!out.reserve(need)) {
      if (r) out.ascii(",");
      out.text(canonicalJson(packageRow(row, parent)));
      continue;
    }
    const b = out.buf;
    let p = putBytes(b, out.pos, r ? ROW.next : ROW.first);
    for (let j = 0; j < n; j++) {
      const slot = slots[j];
      p = putBytes(b, p, j ? slot.head.next : slot.head.first);
      p = slot.at < 0 ? putStr(b, p, slot.cell) : putA1(b, p, slot.at);
      p = putBytes(b, p, ROW.value);
      if (slot.text !== null) p = putAscii(b, p, slot.text);
      else p = putFixed(b, p, slot.digits, slot.decimals, slot.negative);
      p = putBytes(b, p, ROW.figureEnd);
    }
    p = putBytes(b, p, ROW.cell);
    p = at < 0 ? putStr(b, p, cell) : putA1(b, p, at);
    if (row.code) p = putStr(b, putBytes(b, p, ROW.code), row.code.text);
    if (row.group) p = putStr(b, putBytes(b, p, ROW.group), row.group);
    p = putStr(b, putBytes(b, p, ROW.kind), row.kind);
    if (row.level) p = putStr(b, putBytes(b, p, ROW.level), row.level);
    p = putStr(b, putBytes(b, p, ROW.name), row.name.text);
    if (row.name2) p = putStr(b, putBytes(b, p, ROW.name2), row.name2.text);
    if (parent !== undefined) p = putStr(b, putBytes(b, p, ROW.parentCode), parent);
    if (row.side) p = putStr(b, putBytes(b, p, ROW.side), row.side);
    if (row.totalKind) p = putStr(b, putBytes(b, p, ROW.totalKind), row.totalKind);
    b[p++] = 125; // }
    out.pos = p;
  }
  out.ascii("]");
}

/** The most bytes putA1 writes: 3 letters, 7 digits and the quotes. */
const A1_BYTES = 12;

/** The address at cellPosition `at` as a JSON string (`"D6"`, what JSON.stringify(a1(r, c)) gives) into `b` from `p`; returns the position after it. */
function putA1(b: Uint8Array, p: number, at: number): number {
  const c = at % 16384;
  const r = (at - c) / 16384 + 1;
  b[p++] = 34;
  p = putFixed(b, putAscii(b, p, colLetters(c)), r, 0, false);
  b[p++] = 34;
  return p;
}

/** Adds a role met for the first time in a table, and ranks all the roles again in JCS order. */
function newRole(heads: Map<string, RoleHead>, role: string): RoleHead {
  const head: RoleHead = { rank: 0, first: jsonBytes("", role, ':{"cell":'), next: jsonBytes(",", role, ':{"cell":') };
  heads.set(role, head);
  const names = [...heads.keys()].sort();
  for (let i = 0; i < names.length; i++) heads.get(names[i])!.rank = i;
  return head;
}

/** The rows of a table with their parent codes: the nearest subject row above at a lower depth, on the same side. */
function* packageRows(t: RecognisedTable): Generator<PackageRow> {
  for (const [row, parent] of withParents(t)) yield packageRow(row, parent);
}

function* withParents(t: RecognisedTable): Generator<[TableRow, string | undefined]> {
  const parents = new ParentCodes();
  for (const row of t.rows) yield [row, parents.next(row)];
}

/**
 * The parent code of each row of a table, given the rows in order: for a subject row the code of
 * the nearest subject row above it at a lower depth on the same side; a total row starts afresh.
 */
class ParentCodes {
  private readonly stack = new Map<string, TableRow[]>();
  next(row: TableRow): string | undefined {
    if (row.kind === "total") this.stack.clear();
    if (row.kind !== "subject") return undefined;
    const key = row.side ?? "";
    let s = this.stack.get(key);
    if (!s) this.stack.set(key, (s = []));
    while (s.length && s[s.length - 1].depth >= row.depth) s.pop();
    const parent = s.length ? s[s.length - 1].code?.text : undefined;
    s.push(row);
    return parent;
  }
}

const TARGET = /^(≥|≤|>|<|=|＞|＜|＝|>=|<=)?\s*(\d+(?:\.\d+)?)\s*([^\d\s]{0,4})$/;
const NOT_A_UNIT = /[底初末内前后起止到至]/;

/** "≥95%" → comparator "≥", value "95", unit "%"; "12月底" and "提高" stay text only. */
export function readTarget(text: string): { comparator?: string; value?: string; unit?: string } {
  const m = TARGET.exec(text.trim());
  if (!m || NOT_A_UNIT.test(m[3])) return {};
  return { ...(m[1] ? { comparator: m[1] } : {}), value: m[2], ...(m[3] ? { unit: m[3] } : {}) };
}

function serialiseForm(t: RecognisedTable): unknown {
  if (!t.form) return undefined;
  const f = t.form;
  const funding = (x: typeof f.annualFunding) =>
    Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v ? { value: figure(v.amount), cell: v.cell } : null]));
  const indicators: PackageIndicator[] = f.indicators.map((i) => ({
    block: i.block,
    level1: i.level1,
    level2: i.level2,
    level3: i.name.text,
    cell: i.name.cell,
    target: i.target ? { text: i.target.text, cell: i.target.cell, ...readTarget(i.target.text) } : null,
  }));
  return {
    projectName: f.projectName,
    department: f.department,
    implementer: f.implementer,
    attribute: f.attribute,
    period: f.period,
    implementationFunding: funding(f.implementationFunding),
    annualFunding: funding(f.annualFunding),
    texts: f.texts,
    indicators,
  };
}

function moneyUnit(t: RecognisedTable): PackageMoneyUnit | null {
  return t.moneyUnit ? { unit: t.moneyUnit.unit, scale: MONEY_SCALE[t.moneyUnit.unit], cell: t.moneyUnit.cell } : null;
}

function tableHead(t: RecognisedTable): Omit<PackageTable, "rows"> {
  const out: Omit<PackageTable, "rows"> = {
    id: t.id,
    layoutId: t.layoutId,
    title: t.title.text,
    standardName: t.standardName,
    year: t.year,
    unitName: t.unitName?.text ?? null,
    moneyUnit: moneyUnit(t),
    sheet: t.sheet,
    range: t.range,
    empty: t.empty,
    notes: t.notes.map((n) => n.text),
    columns: t.columns.map((c) => ({ role: c.role, ...(c.side ? { side: c.side } : {}), column: c.letter, header: c.header })),
  };
  if (t.form) out.form = serialiseForm(t);
  return out;
}

export function packageTable(t: RecognisedTable, withRows = true): PackageTable {
  return { ...tableHead(t), rows: withRows ? [...packageRows(t)] : [] };
}

/** A finding the user dismissed (the pane's 已核实), kept in the package as dismissed, not deleted. */
export interface PackageDismissal {
  reason: "verified";
  note: string;
  at?: string;
}

/** The figures the 情况说明 states (amounts and counts), each with its sheet, cell and statement. */
export function statedFigures(recognition: RecognitionResult): StatedFigure[] {
  if (!recognition.narrative.length) return [];
  const doc = narrativeOf(recognition.narrative, recognition.unitName);
  return doc.mentions.map((m) => {
    const s = doc.sentences[m.sentence];
    const at = originOf(s, m.figure.start);
    const out: StatedFigure = {
      kind: m.kind,
      subject: m.subject,
      text: m.figure.text,
      unit: m.figure.unit,
      value: m.value.toFixed(m.decimals),
      statement: quote(doc, m.sentence, m.start, m.end),
      sheet: at.sheet,
      cell: at.cell,
    };
    if (m.share) out.share = m.share.figure.text + m.share.figure.unit;
    return out;
  });
}

/** The money unit most of the tables are in (万元 for a standard disclosure), with its scale. */
function mainMoneyUnit(recognition: RecognitionResult): PackageMoneyUnit | null {
  const n = new Map<MoneyUnit, number>();
  for (const t of recognition.tables) if (t.moneyUnit && t.id !== "PT") n.set(t.moneyUnit.unit, (n.get(t.moneyUnit.unit) ?? 0) + 1);
  let best: MoneyUnit | null = null;
  for (const [u, k] of n) if (best === null || k > n.get(best)!) best = u;
  return best ? { unit: best, scale: MONEY_SCALE[best] } : null;
}

/**
 * The package's members (without `sha256`); tables, their rows and the findings as Lazy arrays when
 * `lazy`, so a writer can stream them; with `"count"`, each table's rows only as their number (the
 * text report's `reportPackage`).
 */
function packageDoc(recognition: RecognitionResult, report: Report, opts: PackageOptions, lazy: boolean | "count"): Record<string, unknown> {
  const dismissed = opts.dismissed;
  const findings = () =>
    dismissed
      ? report.findings.map((f, i) => {
          const d = dismissed(f, i);
          return d ? { ...f, dismissed: d } : f;
        })
      : report.findings;
  return {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    generator: { name: GENERATOR.name, version: GENERATOR.version },
    generatedAt: opts.generatedAt,
    layoutSet: recognition.layoutSet,
    workbook: recognition.workbook,
    source: opts.sourceSha256 ? { sha256: opts.sourceSha256 } : undefined,
    year: recognition.year,
    unitName: recognition.unitName,
    moneyUnit: mainMoneyUnit(recognition),
    forced: opts.forced ? true : undefined,
    tables: lazy === "count"
      ? recognition.tables.map((t) => ({ ...tableHead(t), rows: { length: t.rows.length } }))
      : lazy
      ? new Lazy(function* () {
          for (const t of recognition.tables) yield { ...tableHead(t), rows: new Direct((out) => writeRows(t, out)) };
        }, false)
      : recognition.tables.map((t) => packageTable(t)),
    narrative: { paragraphs: recognition.narrative.map((p) => ({ sheet: p.sheet, cell: p.cell, text: p.text })), figures: opts.seal === false ? [] : statedFigures(recognition) },
    narrativeDraft: opts.seal === false ? undefined : packageDraft(buildNarrativeDraft(recognition)),
    findings: lazy === true ? new Lazy(findings) : findings(),
    problems: recognition.problems,
    summary: packageSummary(recognition, report),
  };
}

export interface PackageDraft {
  paragraphs: Array<{
    id: string;
    heading: string;
    text: string;
    figures: Array<{ kind: "amount" | "share" | "change" | "rate"; text: string; unit: "万元" | "%"; start: number; end: number; table: string; sheet: string; cell: string; base?: { table: string; sheet: string; cell: string } }>;
  }>;
}

/** The draft as the package holds it: each figure's source flattened into it. */
export function packageDraft(d: NarrativeDraft): PackageDraft {
  return {
    paragraphs: d.paragraphs.map((p) => ({
      id: p.id,
      heading: p.heading,
      text: p.text,
      figures: p.figures.map((f) => ({
        kind: f.kind,
        text: f.text,
        unit: f.unit,
        start: f.start,
        end: f.end,
        ...f.source,
        ...(f.base ? { base: { ...f.base } } : {}),
      })),
    })),
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

/**
 * Writes a package document as canonical JSON (RFC 8785) with its `sha256` member: the SHA-256 of
 * the canonical JSON of the document without that member, in lowercase hex. The pieces are encoded
 * and hashed as they are made, kept as UTF-8 buffers, and written after with the seal in its place
 * ("sha256" sorts between "problems" and "source").
 */
function writeSealed(doc: Record<string, unknown>, write: (chunk: Uint8Array) => void, sha256?: () => ByteHash): void {
  const keys = Object.keys(doc)
    .filter((k) => doc[k] !== undefined && k !== "sha256")
    .sort();
  const before = keys.filter((k) => k < "sha256");
  const after = keys.filter((k) => k > "sha256");
  const hash = new TextHash(sha256?.(), true);
  const push = (s: string) => hash.update(s);
  const members = (ks: string[]) =>
    ks.forEach((k, i) => {
      push((i ? "," : "") + JSON.stringify(k) + ":");
      writeCanonical(doc[k], push, hash);
    });
  push("{");
  members(before);
  // the separator between the two halves stands alone in its buffer, to be replaced by the seal
  const from = hash.mark();
  push(before.length && after.length ? "," : "");
  const to = hash.mark();
  members(after);
  push("}");
  const seal = `"sha256":${JSON.stringify(hash.hex())}`;
  const sealed = before.length && after.length ? `,${seal},` : before.length ? `,${seal}` : after.length ? `${seal},` : seal;
  const chunks = hash.chunks();
  for (let i = 0; i < from; i++) write(chunks[i]);
  write(new TextEncoder().encode(sealed));
  for (let i = to; i < chunks.length; i++) write(chunks[i]);
}

/** The SHA-256 a package should carry: of its canonical JSON without `sha256` (what validate-package checks). */
export function packageSha256(pkg: object, sha256?: () => ByteHash): string {
  const rest = { ...(pkg as Record<string, unknown>) };
  delete rest.sha256;
  const h = new TextHash(sha256?.());
  writeJcs(rest, h);
  return h.hex();
}

/** packageDoc's members as objects, those left undefined removed (as JSON leaves them out). */
function definedDoc(recognition: RecognitionResult, report: Report, opts: PackageOptions, rows: false | "count"): Record<string, unknown> {
  const doc = packageDoc(recognition, report, opts, rows);
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc;
}

export function buildPackage(recognition: RecognitionResult, report: Report, opts: PackageOptions = {}): DisclosurePackage {
  const doc = definedDoc(recognition, report, opts, false);
  if (opts.seal === false) return doc as unknown as DisclosurePackage;
  return { ...doc, sha256: packageSha256(doc, opts.sha256) } as unknown as DisclosurePackage;
}

/** A table as the text report reads it: its rows only counted. */
export type ReportTable = Omit<PackageTable, "rows"> & { rows: { readonly length: number } };
/** What the text report reads: a package (a DisclosurePackage is one) or `reportPackage`'s. */
export type ReportPackage = Omit<DisclosurePackage, "tables"> & { tables: ReportTable[] };

/**
 * `buildPackage(…, { seal: false })` for the text report, which shows a table's number of rows but
 * none of them: the rows are not built (for a batch of text reports of the sample, ~340 KB of row
 * objects a file, ~7 % of all it allocated).
 */
export function reportPackage(recognition: RecognitionResult, report: Report): ReportPackage {
  return definedDoc(recognition, report, { seal: false }, "count") as unknown as ReportPackage;
}

/**
 * Writes the package as canonical JSON — the same bytes as `canonicalJson(buildPackage(…))` — as
 * UTF-8, in buffers of about 64 KB. A 100,000-row workbook then never becomes one giant string.
 */
export function writePackageBytes(recognition: RecognitionResult, report: Report, write: (chunk: Uint8Array) => void, opts: PackageOptions = {}): void {
  writeSealed(packageDoc(recognition, report, opts, true), write, opts.sha256);
}

/** The same as text, a piece of about 64 KB at a time (each buffer holds whole characters). */
export function writePackageJson(recognition: RecognitionResult, report: Report, write: (chunk: string) => void, opts: PackageOptions = {}): void {
  const dec = new TextDecoder();
  writePackageBytes(recognition, report, (b) => write(dec.decode(b)), opts);
}
