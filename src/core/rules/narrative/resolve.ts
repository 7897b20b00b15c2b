import Decimal from "decimal.js";
import { Interval } from "../../money/interval";
import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import type { RuleContext } from "../types";
import {
  DEFAULT_SECTION_TABLES,
  GLOSSARY,
  NAMED_ROW_TABLES,
  ROLE_NAMES,
  SECTION_TABLES,
  TABLE_NAMES,
  type CellRef,
  type CountRef,
  type GlossaryEntry,
} from "./targets";
import { normaliseName } from "./extract";

/** A figure of the tables a statement is compared with. */
export interface TableFigure {
  value: Decimal;
  decimals: number;
  /** What the figure stands for: a blank cell is exactly zero. */
  interval: Interval;
  table: TableId;
  sheet: string;
  /** A1 address; the table's title cell when the table is empty and has no such row. */
  cell: string;
  /** The row's name, e.g. 一般公共服务支出. */
  label: string;
  where: { zh: string; en: string };
}

export function formatFigure(f: { value: Decimal; decimals: number }): string {
  return f.value.toFixed(Math.max(0, f.decimals));
}

const ZERO = new Decimal(0);

/** The column's name for messages: the standard name of its role (headers say "2026年" too often), else its header. */
function roleName(t: RecognisedTable, role: string, side?: string): { zh: string; en: string } {
  if (ROLE_NAMES[role]) return ROLE_NAMES[role];
  const col = t.columns.find((c) => c.role === role && (!side || !c.side || c.side === side));
  const zh = col?.header.filter(Boolean).slice(-1)[0] ?? role;
  return { zh, en: zh };
}

/** The figure of `row` in column `role`; a blank cell reads as an exact zero at the table's precision. */
export function figureOf(t: RecognisedTable, row: TableRow, role: string): TableFigure {
  const a = row.amounts[role];
  const r = roleName(t, role, row.side);
  const name = TABLE_NAMES[t.id];
  const where = { zh: `${name.zh}“${row.label}”行${r.zh}列`, en: `${name.en}, row ${row.label}, column ${r.en}` };
  if (a) {
    return { value: a.amount.value, decimals: a.amount.decimals, interval: Interval.fromAmount(a.amount), table: t.id, sheet: t.sheet, cell: a.cell, label: row.label, where };
  }
  const col = t.columns.find((c) => c.role === role && (!row.side || !c.side || c.side === row.side));
  const cell = col ? `${col.letter}${row.r + 1}` : row.name.cell;
  return { value: ZERO, decimals: 2, interval: Interval.exact(0), table: t.id, sheet: t.sheet, cell, label: row.label, where };
}

function emptyFigure(t: RecognisedTable, label: string): TableFigure {
  const name = TABLE_NAMES[t.id];
  return {
    value: ZERO,
    decimals: 2,
    interval: Interval.exact(0),
    table: t.id,
    sheet: t.sheet,
    cell: t.title.cell,
    label,
    where: { zh: `${name.zh}（无数据）`, en: `${name.en} (no data)` },
  };
}

function findRow(t: RecognisedTable, ref: CellRef): TableRow | undefined {
  const sel = ref.row;
  return t.rows.find((r) => {
    if (sel.side && r.side && r.side !== sel.side) return false;
    if ("total" in sel) return r.kind === "total" && sel.total.includes(r.totalKind ?? r.label);
    if (r.label !== sel.line) return false;
    return !sel.group || r.group === sel.group;
  });
}

/** The figure a glossary reference points at, or null when its table is absent or lacks the row. */
export function lookupCell(ctx: RuleContext, ref: CellRef): TableFigure | null {
  const t = ctx.table(ref.table);
  if (!t) return null;
  const row = findRow(t, ref);
  if (row) return figureOf(t, row, ref.role);
  return t.empty ? emptyFigure(t, "total" in ref.row ? ref.row.total[0] : ref.row.line) : null;
}

export function lookupCount(ctx: RuleContext, ref: CountRef): TableFigure | null {
  const tables = ctx.tablesOf(ref.table);
  if (!tables.length) return null;
  const t = tables[0];
  const name = TABLE_NAMES[t.id];
  let n: number;
  let where: { zh: string; en: string };
  if (ref.count === "tables") {
    n = tables.length;
    where = { zh: `${name.zh}的张数`, en: `the number of ${name.en}` };
  } else {
    n = t.rows.filter((r) => r.kind === "project").length;
    where = { zh: `${name.zh}的项目个数`, en: `the number of projects in ${name.en}` };
  }
  return { value: new Decimal(n), decimals: 0, interval: Interval.exact(n), table: t.id, sheet: t.sheet, cell: t.title.cell, label: name.zh, where };
}

// ---- subject → figure --------------------------------------------------------------------------------

interface Phrase {
  phrase: string;
  entry: GlossaryEntry;
}

const PHRASES: Phrase[] = GLOSSARY.flatMap((entry) => entry.phrases.map((p) => ({ phrase: normaliseName(p), entry }))).sort(
  (a, b) => b.phrase.length - a.phrase.length,
);

/** The glossary entry whose phrase ends the subject (longest first). */
export function glossaryEntry(subject: string): GlossaryEntry | null {
  for (const p of PHRASES) if (subject.endsWith(p.phrase)) return p.entry;
  return null;
}

export function sectionTables(section: string): TableId[] {
  for (const s of SECTION_TABLES) if (section.includes(s.heading)) return s.tables;
  return DEFAULT_SECTION_TABLES;
}

/** Rows that can be named in the text: classified rows (any level) and projects. */
function namedRows(t: RecognisedTable): TableRow[] {
  const twoSided = t.rows.some((r) => r.side);
  return t.rows.filter((r) => (r.kind === "subject" || r.kind === "project") && (!twoSided || r.side === "expenditure"));
}

function rowTables(ctx: RuleContext, section: string): RecognisedTable[] {
  const ids = [...sectionTables(section), ...NAMED_ROW_TABLES];
  const out: RecognisedTable[] = [];
  for (const id of ids) {
    const t = ctx.table(id);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * The table figure a stated amount is about: a row named exactly like the subject in the section's
 * tables (社会保障和就业支出, 办公费, a project), else the glossary (基本支出 → 表三 合计 基本支出).
 */
export function resolveAmount(ctx: RuleContext, subject: string, section: string): TableFigure | null {
  if (!subject) return null;
  for (const t of rowTables(ctx, section)) {
    const rows = namedRows(t).filter((r) => r.label === subject);
    if (rows.length) {
      const row = rows.reduce((a, b) => (b.depth < a.depth ? b : a));
      return figureOf(t, row, "total");
    }
  }
  const entry = glossaryEntry(subject);
  for (const ref of entry?.amount ?? []) {
    const f = lookupCell(ctx, ref);
    if (f) return f;
  }
  return null;
}

export function resolveCount(ctx: RuleContext, subject: string): TableFigure | null {
  const entry = glossaryEntry(subject);
  for (const ref of entry?.count ?? []) {
    const f = lookupCount(ctx, ref);
    if (f) return f;
  }
  return null;
}

/** Every named, non-zero figure a misnamed statement may have meant, for "did you mean …". */
export function candidates(ctx: RuleContext, section: string): TableFigure[] {
  const out: TableFigure[] = [];
  for (const t of rowTables(ctx, section)) {
    for (const r of namedRows(t)) {
      const f = figureOf(t, r, "total");
      if (!f.value.isZero()) out.push(f);
    }
  }
  for (const entry of GLOSSARY) {
    for (const ref of entry.amount ?? []) {
      const f = lookupCell(ctx, ref);
      if (!f) continue;
      if (!f.value.isZero()) out.push({ ...f, label: entry.phrases[0] });
      break;
    }
  }
  return out;
}

/** Longest common subsequence over the longer length: 一般公共预算支出 / 一般公共服务支出 = 6/8. */
export function similarity(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (!x.length || !y.length) return 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[y.length] / Math.max(x.length, y.length);
}
