import Decimal from "decimal.js";
import { Interval } from "../../money/interval";
import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import type { RuleContext } from "../types";
import {
  DEFAULT_SECTION_TABLES,
  GLOSSARY,
  GLOSSARY_FIRST_SECTIONS,
  NAMED_ROW_TABLES,
  ROLE_NAMES,
  SECTION_TABLES,
  tableNameOf,
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

/** A table whose figures are in 元 (its unit line says so): the narrative's 万元 are compared after ÷10000. Forms are in 元 by design. */
export function inYuan(t: RecognisedTable): boolean {
  return !t.form && t.moneyUnit?.unit === "元";
}

/** The figure of `row` in column `role`; a blank cell reads as an exact zero at the table's precision. */
export function figureOf(t: RecognisedTable, row: TableRow, role: string): TableFigure {
  const a = row.amounts[role];
  const r = roleName(t, role, row.side);
  const name = tableNameOf(t.id);
  const where = { zh: `${name.zh}“${row.label}”行${r.zh}列`, en: `${name.en}, row ${row.label}, column ${r.en}` };
  if (a) {
    // The text states 万元: a table in 元 (Shanghai's, or any table whose unit line says 元) is read in 万元.
    if (inYuan(t)) {
      const d = a.amount.decimals;
      return { value: a.amount.value.div(10000), decimals: d + 4, interval: Interval.fromAmount(a.amount).times(new Decimal("0.0001")), table: t.id, sheet: t.sheet, cell: a.cell, label: row.label, where };
    }
    return { value: a.amount.value, decimals: a.amount.decimals, interval: Interval.fromAmount(a.amount), table: t.id, sheet: t.sheet, cell: a.cell, label: row.label, where };
  }
  const col = t.columns.find((c) => c.role === role && (!row.side || !c.side || c.side === row.side));
  const cell = col ? `${col.letter}${row.r + 1}` : row.name.cell;
  return { value: ZERO, decimals: 2, interval: Interval.exact(0), table: t.id, sheet: t.sheet, cell, label: row.label, where };
}

function emptyFigure(t: RecognisedTable, label: string): TableFigure {
  const name = tableNameOf(t.id);
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
  const name = tableNameOf(t.id);
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
  for (let i = 0; i < PHRASES.length; i++) if (subject.endsWith(PHRASES[i].phrase)) return PHRASES[i].entry;
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

/**
 * Resolves subjects to table figures for one recognition, with the indexes it needs built once:
 * a narrative has dozens of statements, a large workbook 100,000 rows.
 */
export class Resolver {
  private labels = new Map<RecognisedTable, Map<string, TableRow>>();
  private pools = new Map<string, Map<number, TableFigure[]>>();

  constructor(private readonly ctx: RuleContext) {}

  private tables(section: string): RecognisedTable[] {
    const out: RecognisedTable[] = [];
    for (const id of [...sectionTables(section), ...NAMED_ROW_TABLES]) {
      const t = this.ctx.table(id);
      if (t && !out.includes(t)) out.push(t);
    }
    return out;
  }

  /** label → its row nearest the top (a 类 before a 项 of the same name). */
  private byLabel(t: RecognisedTable): Map<string, TableRow> {
    let m = this.labels.get(t);
    if (!m) {
      m = new Map();
      for (const r of namedRows(t)) {
        const seen = m.get(r.label);
        if (!seen || r.depth < seen.depth) m.set(r.label, r);
      }
      this.labels.set(t, m);
    }
    return m;
  }

  /**
   * The table figure a stated amount is about: a row named exactly like the subject in the
   * section's tables (社会保障和就业支出, 办公费, a project), else the glossary (基本支出 → 表三 合计).
   */
  amount(subject: string, section: string): TableFigure | null {
    if (!subject) return null;
    if (GLOSSARY_FIRST_SECTIONS.some((h) => section.includes(h))) {
      for (const ref of glossaryEntry(subject)?.amount ?? []) {
        const f = lookupCell(this.ctx, ref);
        if (f) return f;
      }
    }
    // Shanghai's per-subject paragraphs: "1.“一般公共服务支出”科目12,789万元" names the class 一般公共服务支出.
    const bare = subject.replace(/^\d{1,2}[.、．]/, "").replace(/^(.{2,})科目$/, "$1");
    for (const t of this.tables(section)) {
      const row = this.byLabel(t).get(subject) ?? (bare !== subject ? this.byLabel(t).get(bare) : undefined);
      if (row) return figureOf(t, row, "total");
    }
    for (const ref of glossaryEntry(subject)?.amount ?? []) {
      const f = lookupCell(this.ctx, ref);
      if (f) return f;
    }
    return null;
  }

  count(subject: string): TableFigure | null {
    for (const ref of glossaryEntry(subject)?.count ?? []) {
      const f = lookupCount(this.ctx, ref);
      if (f) return f;
    }
    return null;
  }

  /**
   * Named rows (科目, items, projects) whose figure is near `value`: the rows a misnamed statement
   * may have meant. Bucketed by whole 万元 so a lookup reads a handful of rows, not the table.
   */
  near(section: string, value: Decimal): TableFigure[] {
    const key = sectionTables(section).join();
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new Map();
      for (const t of this.tables(section)) {
        for (const r of namedRows(t)) {
          const f = figureOf(t, r, "total");
          if (f.value.isZero()) continue;
          const b = f.value.floor().toNumber();
          const list = pool.get(b);
          if (list) list.push(f); // not a copy per row: in a 元 table read in 万元 many rows share a bucket
          else pool.set(b, [f]);
        }
      }
      this.pools.set(key, pool);
    }
    const b = value.floor().toNumber();
    return [...(pool.get(b - 1) ?? []), ...(pool.get(b) ?? []), ...(pool.get(b + 1) ?? [])];
  }
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
