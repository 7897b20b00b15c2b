import Decimal from "decimal.js";
import { layoutSetById, LAYOUT_SETS } from "../../layouts/registry";
import { conditionTables, relationTables, type DeclaredRelation, type FigureSelector, type RelationCondition, type RowSelector } from "../../layouts/types";
import type { Amount } from "../../money/amount";
import { checkSum, sameFigure, sumVerdict } from "../../money/interval";
import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import { rowLabel } from "../../recognise/normalise";
import { signed } from "../../report/words";
import type { FigureAt, FigureEdit, Rule, RuleContext, RuleMeta, RuleReport } from "../types";
import { isTableTotal } from "../sum/relations";
import { at, cellOf, figure, fmtAmount, fmtAmountEn, qualify, reportEqual, reportSum, roleEn, roleZh, rowName, tableEn, tableZh } from "../sum/support";
import { isBlank, reportUnmatched } from "./support";

/**
 * The evaluator of the relations a layout set declares between its tables (layouts/types.ts
 * `DeclaredRelation`): every cross/* rule is `relationRule(meta)`, checking the relations of the
 * recognised set that name it. The rules know no table ids; the sets say which figures agree.
 * A relation whose table, row or column is absent does not apply.
 */

type Report = (f: RuleReport) => void;
type Rel<K extends DeclaredRelation["type"]> = Extract<DeclaredRelation, { type: K }>;

/** The rule of relations that name none. */
export const DECLARED_RULE = "cross/declared-relations";

export function ruleOfRelation(rel: DeclaredRelation): string {
  return rel.rule ?? DECLARED_RULE;
}

interface Resolved {
  table: RecognisedTable;
  row: TableRow;
  role: string;
}

function hasRole(t: RecognisedTable, role: string, side: TableRow["side"]): boolean {
  return t.columns.some((c) => c.role === role && (side === undefined || c.side === undefined || c.side === side));
}

// Subject rows by code, per rows array (a figure typed live changes no code; a re-read sheet gives new rows).
const codeIndexes = new WeakMap<TableRow[], Map<string, TableRow>>();

function rowByCode(t: RecognisedTable, code: string): TableRow | undefined {
  let m = codeIndexes.get(t.rows);
  if (!m) {
    m = new Map();
    for (let i = 0; i < t.rows.length; i++) {
      const r = t.rows[i];
      if (r.kind === "subject" && r.code && !m.has(r.code.text)) m.set(r.code.text, r);
    }
    codeIndexes.set(t.rows, m);
  }
  return m.get(code);
}

const normalisedLabels = new WeakMap<object, string[]>();

function labelsOf(sel: { labels: string[] }): string[] {
  let l = normalisedLabels.get(sel);
  if (!l) normalisedLabels.set(sel, (l = sel.labels.map(rowLabel)));
  return l;
}

/** A label cut short or run on in a real table ("机关事业单位基本养老保险缴费支"): a long enough prefix matches. */
function truncatedMatch(label: string, key: string): boolean {
  return label === key || (label.length >= 4 && (key.startsWith(label) || label.startsWith(key)));
}

/** The rows a selector stands for: one row, or every line of a group for `{ group }` when `all`. */
function findRows(t: RecognisedTable, sel: RowSelector, side: TableRow["side"], all = false): TableRow[] {
  const onSide = (r: TableRow) => side === undefined || r.side === side;
  const one = (r: TableRow | undefined) => (r ? [r] : []);
  if (sel === "total") return one(t.rows.find((r) => onSide(r) && isTableTotal(r)));
  if ("totalKind" in sel) {
    for (const kind of typeof sel.totalKind === "string" ? [sel.totalKind] : sel.totalKind) {
      const r = t.rows.find((x) => onSide(x) && x.kind === "total" && x.totalKind === kind);
      if (r) return [r];
    }
    return [];
  }
  if ("code" in sel) return one(side === undefined ? rowByCode(t, sel.code) : t.rows.find((r) => onSide(r) && r.kind === "subject" && r.code?.text === sel.code));
  if ("labels" in sel) {
    const labels = labelsOf(sel);
    const truncated = sel.match === "truncated";
    return one(
      t.rows.find(
        (r) =>
          onSide(r) &&
          r.kind !== "total" &&
          (sel.group === undefined || r.group === sel.group) &&
          (sel.minDepth === undefined || r.depth >= sel.minDepth) &&
          (truncated ? labels.some((k) => truncatedMatch(r.label, k)) : labels.includes(r.label)),
      ),
    );
  }
  const inGroup = (r: TableRow) => onSide(r) && r.kind !== "total" && r.group === sel.group;
  return all ? t.rows.filter(inGroup) : one(t.rows.find(inGroup));
}

function hasColumn(t: RecognisedTable, sel: { role: string; side?: TableRow["side"]; absentColumn?: "blank" }): boolean {
  return sel.absentColumn === "blank" || hasRole(t, sel.role, sel.side);
}

function resolve(ctx: RuleContext, sel: FigureSelector): Resolved | undefined {
  const table = ctx.table(sel.table);
  if (!table || !hasColumn(table, sel)) return undefined;
  const [row] = findRows(table, sel.row, sel.side);
  return row ? { table, row, role: sel.role } : undefined;
}

const amountOf = (x: Resolved): Amount | undefined => x.row.amounts[x.role]?.amount;

function isBlankFigure(ctx: RuleContext, sel: FigureSelector): boolean {
  const table = ctx.table(sel.table);
  if (!table || !hasRole(table, sel.role, sel.side)) return true;
  return findRows(table, sel.row, sel.side, true).every((r) => isBlank(r.amounts[sel.role]?.amount));
}

function holds(ctx: RuleContext, c: RelationCondition): boolean {
  if ("someTable" in c) return c.someTable.some((id) => ctx.table(id) !== undefined);
  if ("blank" in c) return c.blank.every((s) => isBlankFigure(ctx, s));
  if ("present" in c) return c.present.every((s) => resolve(ctx, s) !== undefined);
  const [x, y] = "equal" in c ? c.equal : c.notEqual;
  const a = resolve(ctx, x);
  const b = resolve(ctx, y);
  const same = a !== undefined && b !== undefined && sameFigure(amountOf(a), amountOf(b));
  return "equal" in c ? same : !same;
}

function applies(ctx: RuleContext, rel: DeclaredRelation): boolean {
  return (rel.when ?? []).every((c) => holds(ctx, c));
}

/** "表1 收入总计（预算数）" for messages. */
function describe(x: Resolved): { zh: string; en: string } {
  const name = x.row.kind === "total" && x.row.totalKind ? x.row.totalKind : rowName(x.row);
  return { zh: `${tableZh(x.table.id)} ${name}（${roleZh(x.table, x.role)}）`, en: `${tableEn(x.table.id)} ${name} (${roleEn(x.role)})` };
}

// ---------------------------------------------------------------- equal

function checkEqual(ctx: RuleContext, rel: Rel<"equal">, report: Report): void {
  const a = resolve(ctx, rel.a);
  const b = resolve(ctx, rel.b);
  if (!a || !b || !applies(ctx, rel)) return;
  if ((rel.op ?? "equal") === "equal") {
    reportEqual(report, figure(a.table, a.row, a.role), figure(b.table, b.row, b.role));
    return;
  }
  // atMost: a part cannot exceed the whole it is part of.
  const fa = amountOf(a);
  const fb = amountOf(b);
  const va = fa?.value ?? new Decimal(0);
  const vb = fb?.value ?? new Decimal(0);
  if (va.lte(vb)) return;
  const d = Math.max(fa?.decimals ?? 0, fb?.decimals ?? 0);
  const na = describe(a);
  const nb = describe(b);
  const ca = cellOf(a.table, a.row, a.role);
  const cb = cellOf(b.table, b.row, b.role);
  report(
    at(a.table, ca, `${na.zh} ${fmtAmount(fa)}，大于${nb.zh} ${fmtAmount(fb)}（应不超过），超出 ${signed(va.minus(vb), d)}`, `${na.en} ${fmtAmountEn(fa)} exceeds ${nb.en} ${fmtAmountEn(fb)} (it cannot be more), by ${signed(va.minus(vb), d)}`, {
      related: [qualify(a.table.sheet, ca), qualify(b.table.sheet, cb)],
      expected: `≤ ${vb.toFixed(d)}`,
      actual: va.toFixed(d),
      difference: va.minus(vb).toFixed(d),
    }),
  );
}

// ---------------------------------------------------------------- sum

function checkSumRelation(ctx: RuleContext, rel: Rel<"sum">, report: Report): void {
  const total = resolve(ctx, rel.total);
  if (!total) return;
  const present = rel.parts.map((p) => resolve(ctx, p)).filter((p): p is Resolved => p !== undefined);
  // A part whose row is absent counts as blank; with none present the relation says nothing.
  if (present.length === 0 || !applies(ctx, rel)) return;
  if (present.length === 1 && rel.onePart === "equal") {
    // One figure shown twice: equal to the cent, no rounding allowance.
    reportEqual(report, figure(total.table, total.row, total.role), figure(present[0].table, present[0].row, present[0].role));
    return;
  }
  const wording = rel.wording ?? "listed";
  if (wording !== "listed") {
    const cell = cellOf(total.table, total.row, total.role);
    const t = total.table;
    const where = rel.total.row === "total" ? { zh: `${tableZh(t.id)} 合计`, en: `${tableEn(t.id)} total row` } : { zh: `${tableZh(t.id)} ${total.row.label}`, en: `${tableEn(t.id)} ${total.row.label}` };
    let parts: { zh: string; en: string };
    if (wording === "totalsOf") {
      const ids = rel.parts.map((p) => p.table);
      parts = { zh: `${ids.map(tableZh).join("与")}合计之和`, en: `${ids.map(tableEn).join(" plus ")} totals` };
    } else {
      const p0 = present[0];
      const codes = present.map((p) => p.row.code?.text ?? p.row.label).join("+");
      parts = { zh: `${tableZh(p0.table.id)} ${codes} ${roleZh(p0.table, p0.role)}`, en: `${tableEn(p0.table.id)} ${roleEn(p0.role)} of ${codes}` };
    }
    reportSum(
      report,
      () => ({
        table: t,
        cell,
        related: present.map((p) => qualify(p.table.sheet, cellOf(p.table, p.row, p.role))),
        where,
        column: { zh: roleZh(t, total.role), en: roleEn(total.role) },
      }),
      amountOf(total),
      present.map(amountOf),
      parts,
    );
    return;
  }
  const t = amountOf(total);
  const figures = present.map(amountOf);
  if (sumVerdict(t, figures) === "exact") return;
  const r = checkSum(t, figures);
  const d = r.decimals;
  const n = describe(total);
  const names = present.map(describe);
  const cell = cellOf(total.table, total.row, total.role);
  const tol = r.tolerance.toString();
  const diff = r.difference.isNegative() ? `−${r.difference.abs().toFixed(d)}` : r.difference.toFixed(d);
  const sumZh = names.map((x) => x.zh).join(" + ");
  const sumEn = names.map((x) => x.en).join(" + ");
  report(
    at(
      total.table,
      cell,
      r.consistent
        ? `${n.zh} ${r.actual.toFixed(d)}，${sumZh} 之和 ${r.expected.toFixed(d)}，差 ${diff}，在允许尾差 ±${tol} 内`
        : `${n.zh} ${r.actual.toFixed(d)}，${sumZh} 之和 ${r.expected.toFixed(d)}，差 ${diff}（允许尾差 ±${tol}）`,
      r.consistent
        ? `${n.en} ${r.actual.toFixed(d)}, the sum of ${sumEn} ${r.expected.toFixed(d)}, difference ${diff}, within the allowed rounding of ±${tol}`
        : `${n.en} ${r.actual.toFixed(d)}, the sum of ${sumEn} ${r.expected.toFixed(d)}, difference ${diff} (allowed rounding ±${tol})`,
      {
        severity: r.consistent ? "info" : "error",
        related: [qualify(total.table.sheet, cell), ...present.map((p) => qualify(p.table.sheet, cellOf(p.table, p.row, p.role)))],
        expected: r.expected.toFixed(d),
        actual: r.actual.toFixed(d),
        difference: r.difference.toFixed(d),
        tolerance: tol,
      },
    ),
  );
}

// ---------------------------------------------------------------- rows

/** Rows of a and b paired by key: `pairs[i]` is the index in `rowsB` of `rowsA[i]`'s counterpart, or −1. */
interface Pairing {
  rowsA: TableRow[];
  rowsB: TableRow[];
  pairs: Int32Array;
  matchedB: Uint8Array;
  /** Index of a row in rowsA / rowsB (for the live re-check). */
  indexA?: Map<TableRow, number>;
  indexB?: Map<TableRow, number>;
  /** For each index of rowsB, the indices of rowsA paired with it. */
  byB?: Map<number, number[]>;
}

function keyOf(rel: Rel<"rows">, r: TableRow): string | undefined {
  if (rel.by === "code") return r.code?.text || undefined;
  if (rel.by === "label") return r.label;
  return r.code?.text || `${r.depth}:${r.label}`;
}

function keyedRows(rel: Rel<"rows">, t: RecognisedTable, side: TableRow["side"]): TableRow[] {
  const out: TableRow[] = [];
  const first = (rel.pairing ?? "first") === "first";
  const seen = first ? new Set<string>() : null;
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    if (r.kind !== "subject" || (side !== undefined && r.side !== side)) continue;
    if (rel.depth !== undefined && r.depth !== rel.depth) continue;
    const k = keyOf(rel, r);
    if (k === undefined) continue;
    if (seen) {
      if (seen.has(k)) continue;
      seen.add(k);
    }
    out.push(r);
  }
  return out;
}

function pairRows(rel: Rel<"rows">, ta: RecognisedTable, tb: RecognisedTable): Pairing {
  const rowsA = keyedRows(rel, ta, rel.a.side);
  const rowsB = keyedRows(rel, tb, rel.b.side);
  const pairs = new Int32Array(rowsA.length).fill(-1);
  const matchedB = new Uint8Array(rowsB.length);
  let indexB: Map<string, number> | null = null;
  const index = () => {
    if (indexB) return indexB;
    indexB = new Map();
    rowsB.forEach((r, i) => {
      const k = keyOf(rel, r)!;
      if (!indexB!.has(k)) indexB!.set(k, i);
    });
    return indexB;
  };
  const inOrder = rel.pairing === "inOrder";
  let next = 0;
  rowsA.forEach((ra, j) => {
    const key = keyOf(rel, ra)!;
    let i: number | undefined;
    // Tables normally list the same rows in the same order: pair by position while the keys agree.
    if (inOrder && next < rowsB.length && keyOf(rel, rowsB[next]) === key) i = next++;
    else i = index().get(key);
    if (i === undefined) return;
    pairs[j] = i;
    matchedB[i] = 1;
  });
  return { rowsA, rowsB, pairs, matchedB };
}

// The pairing of the tables last checked, per relation: a typed figure changes no code or name.
const pairings = new WeakMap<TableRow[], Map<DeclaredRelation, { rowsB: TableRow[]; pairing: Pairing }>>();

function pairingOf(rel: Rel<"rows">, ta: RecognisedTable, tb: RecognisedTable): Pairing {
  let perRel = pairings.get(ta.rows);
  if (!perRel) pairings.set(ta.rows, (perRel = new Map()));
  const hit = perRel.get(rel);
  if (hit && hit.rowsB === tb.rows) return hit.pairing;
  const pairing = pairRows(rel, ta, tb);
  perRel.set(rel, { rowsB: tb.rows, pairing });
  return pairing;
}

function indexed(p: Pairing): Required<Pairing> {
  if (!p.indexA) {
    p.indexA = new Map(p.rowsA.map((r, i) => [r, i]));
    p.indexB = new Map(p.rowsB.map((r, i) => [r, i]));
    const byB = new Map<number, number[]>();
    p.pairs.forEach((i, j) => {
      if (i < 0) return;
      const list = byB.get(i);
      if (list) list.push(j);
      else byB.set(i, [j]);
    });
    p.byB = byB;
  }
  return p as Required<Pairing>;
}

function rolesOfRel(rel: Rel<"rows">, which: "a" | "b"): string[] {
  return rel.roles ?? [rel[which].role];
}

/** The same row of the two tables, figure by figure: reported at a's cells. */
function comparePair(rel: Rel<"rows">, report: Report, ta: RecognisedTable, ra: TableRow, tb: RecognisedTable, rb: TableRow): void {
  if (!rel.roles) {
    reportEqual(report, figure(ta, ra, rel.a.role), figure(tb, rb, rel.b.role));
    return;
  }
  // Walk the figures present rather than every column: rows are sparse, and equal rows must not allocate.
  const roles = rel.roles;
  const a = ra.amounts;
  const b = rb.amounts;
  for (const role in a) if (roles.includes(role) && !sameFigure(a[role].amount, b[role]?.amount)) reportEqual(report, figure(ta, ra, role), figure(tb, rb, role));
  for (const role in b) if (!(role in a) && roles.includes(role) && !sameFigure(undefined, b[role].amount)) reportEqual(report, figure(ta, ra, role), figure(tb, rb, role));
}

/** A row with a figure that the other table lacks altogether. */
function reportAlone(rel: Rel<"rows">, report: Report, t: RecognisedTable, row: TableRow, roles: string[], other: RecognisedTable): void {
  for (const role of roles) {
    if (rel.wording === "noMatchingRow") {
      reportUnmatched(report, t, row, role, other.id);
      continue;
    }
    const fa = row.amounts[role]?.amount;
    if (!fa || fa.value.isZero()) continue;
    const cell = cellOf(t, row, role);
    report(
      at(t, cell, `${tableZh(t.id)}“${rowName(row)}”${roleZh(t, role)} ${fmtAmount(fa)}，${tableZh(other.id)}中没有这一行`, `${tableEn(t.id)} “${rowName(row)}” ${roleEn(role)} ${fmtAmountEn(fa)} has no row in ${tableEn(other.id)}`, {
        related: [qualify(t.sheet, cell)],
        actual: fa.value.toFixed(fa.decimals),
      }),
    );
  }
}

function rowsTables(ctx: RuleContext, rel: Rel<"rows">): [RecognisedTable, RecognisedTable] | undefined {
  const ta = ctx.table(rel.a.table);
  const tb = ctx.table(rel.b.table);
  if (!ta || !tb || !hasColumn(ta, rel.a) || !hasColumn(tb, rel.b)) return undefined;
  return [ta, tb];
}

function checkRows(ctx: RuleContext, rel: Rel<"rows">, report: Report): void {
  const tables = rowsTables(ctx, rel);
  if (!tables || !applies(ctx, rel)) return;
  const [ta, tb] = tables;
  const { rowsA, rowsB, pairs, matchedB } = pairingOf(rel, ta, tb);
  if (rel.whenEmpty === "skip" && (rowsA.length === 0 || rowsB.length === 0)) return;
  const rolesA = rolesOfRel(rel, "a");
  rowsA.forEach((ra, j) => {
    const i = pairs[j];
    if (i >= 0) comparePair(rel, report, ta, ra, tb, rowsB[i]);
    else reportAlone(rel, report, ta, ra, rolesA, tb);
  });
  if (rel.unmatched === "both") {
    const rolesB = rolesOfRel(rel, "b");
    for (let i = 0; i < rowsB.length; i++) if (!matchedB[i]) reportAlone(rel, report, tb, rowsB[i], rolesB, ta);
  }
}

/** The live re-check of one typed figure in a rows relation: its row's comparisons only. */
function recheckRows(ctx: RuleContext, rel: Rel<"rows">, { table, row }: FigureEdit, report: Report): FigureAt[] {
  const tables = rowsTables(ctx, rel);
  if (!tables) return [];
  const [ta, tb] = tables;
  if (table !== ta && table !== tb) return [];
  const p = indexed(pairingOf(rel, ta, tb));
  const on = (rel.whenEmpty !== "skip" || (p.rowsA.length > 0 && p.rowsB.length > 0)) && applies(ctx, rel);
  const cells: FigureAt[] = [];
  const cellsOf = (t: RecognisedTable, r: TableRow, roles: string[]) => {
    for (const role of roles) cells.push({ table: t.id, sheet: t.sheet, cell: cellOf(t, r, role) });
  };
  const rolesA = rolesOfRel(rel, "a");
  const j = table === ta ? p.indexA.get(row) : undefined;
  if (j !== undefined) {
    const i = p.pairs[j];
    if (on) {
      if (i >= 0) comparePair(rel, report, ta, row, tb, p.rowsB[i]);
      else reportAlone(rel, report, ta, row, rolesA, tb);
    }
    cellsOf(ta, row, rolesA);
  }
  const i = table === tb ? p.indexB.get(row) : undefined;
  if (i !== undefined) {
    const paired = p.byB.get(i);
    if (paired) {
      for (const k of paired) {
        if (on) comparePair(rel, report, ta, p.rowsA[k], tb, row);
        cellsOf(ta, p.rowsA[k], rolesA);
      }
    } else if (rel.unmatched === "both") {
      const rolesB = rolesOfRel(rel, "b");
      if (on) reportAlone(rel, report, tb, row, rolesB, ta);
      cellsOf(tb, row, rolesB);
    }
  }
  return cells;
}

// ---------------------------------------------------------------- rules

function withSeverity(rel: DeclaredRelation, report: Report): Report {
  const sev = rel.severity;
  return sev ? (f) => report(f.severity === "error" || f.severity === undefined ? { ...f, severity: sev } : f) : report;
}

function evaluate(ctx: RuleContext, rel: DeclaredRelation, report: Report): void {
  const r = withSeverity(rel, report);
  if (rel.type === "equal") checkEqual(ctx, rel, r);
  else if (rel.type === "sum") checkSumRelation(ctx, rel, r);
  else checkRows(ctx, rel, r);
}

/** Tables in which a relation's findings stand. */
function reportTables(rel: DeclaredRelation): TableId[] {
  if (rel.type === "equal") return [rel.a.table];
  if (rel.type === "sum") return [rel.total.table];
  return rel.unmatched === "both" ? [rel.a.table, rel.b.table] : [rel.a.table];
}

/** Tables whose figures a relation compares (not its conditions). */
function figureTables(rel: DeclaredRelation): TableId[] {
  if (rel.type === "equal") return [rel.a.table, rel.b.table];
  if (rel.type === "sum") return [rel.total.table, ...rel.parts.map((p) => p.table)];
  return [rel.a.table, rel.b.table];
}

/** The cell an equal or sum relation reports at, when it resolves. */
function reportCell(ctx: RuleContext, rel: Rel<"equal"> | Rel<"sum">): FigureAt | undefined {
  const x = resolve(ctx, rel.type === "equal" ? rel.a : rel.total);
  return x && { table: x.table.id, sheet: x.table.sheet, cell: cellOf(x.table, x.row, x.role) };
}

const relationsByRule = new Map<string, Map<string, DeclaredRelation[]>>();

/** The relations of a layout set that a rule checks. */
export function relationsOf(setId: string, ruleId: string): DeclaredRelation[] {
  let bySet = relationsByRule.get(ruleId);
  if (!bySet) relationsByRule.set(ruleId, (bySet = new Map()));
  let list = bySet.get(setId);
  if (!list) bySet.set(setId, (list = (layoutSetById(setId)?.relations ?? []).filter((r) => ruleOfRelation(r) === ruleId)));
  return list;
}

/**
 * A cross-table rule made of the relations the layout sets declare under its id. It reads the tables
 * those relations name; its live re-check of a typed figure re-evaluates the relations the figure's
 * table takes part in (a rows relation for the edited row only), or the whole rule when the table
 * decides a relation's conditions.
 */
export function relationRule(meta: Omit<RuleMeta, "reads">): Rule {
  const id = meta.id;
  const reads = new Set<TableId>();
  for (const set of LAYOUT_SETS) for (const rel of set.relations ?? []) if (ruleOfRelation(rel) === id) relationTables(rel).forEach((t) => reads.add(t));
  return {
    ...meta,
    reads: [...reads],
    check(ctx, report) {
      for (const rel of relationsOf(ctx.recognition.layoutSet, id)) evaluate(ctx, rel, report);
    },
    recheckFigure(ctx, edit, report) {
      const rels = relationsOf(ctx.recognition.layoutSet, id);
      const tid = edit.table.id;
      if (rels.some((rel) => (rel.when ?? []).some((c) => conditionTables(c).includes(tid)))) return null;
      const found: RuleReport[] = [];
      const keep = (f: RuleReport) => found.push(f);
      const cells: FigureAt[] = [];
      const done = new Set<DeclaredRelation>();
      for (const rel of rels) {
        if (!figureTables(rel).includes(tid)) continue;
        done.add(rel);
        if (rel.type === "rows") cells.push(...recheckRows(ctx, rel, edit, withSeverity(rel, keep)));
        else {
          evaluate(ctx, rel, keep);
          const c = reportCell(ctx, rel);
          if (c) cells.push(c);
        }
      }
      // A relation left alone must not report where the re-checked ones do (its findings there would be dropped).
      const where = new Set(cells.map((c) => c.table));
      if (rels.some((rel) => !done.has(rel) && reportTables(rel).some((t) => where.has(t)))) return null;
      for (const f of found) report(f);
      return cells;
    },
  };
}
