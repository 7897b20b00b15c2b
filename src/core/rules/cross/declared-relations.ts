import Decimal from "decimal.js";
import { layoutSetById, LAYOUT_SETS } from "../../layouts/registry";
import type { DeclaredRelation, FigureSelector, RowSelector } from "../../layouts/types";
import type { Amount } from "../../money/amount";
import { checkSum, sameFigure, sumVerdict } from "../../money/interval";
import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import { rowLabel } from "../../recognise/normalise";
import { signed } from "../../report/words";
import type { Rule, RuleContext, RuleReport } from "../types";
import { isTableTotal } from "../sum/relations";
import { at, cellOf, figure, fmtAmount, fmtAmountEn, qualify, reportEqual, roleEn, roleZh, rowName, tableEn, tableZh } from "../sum/support";

/**
 * The relations a layout set declares between its tables (layouts/*.ts `relations`), checked with
 * the wording of the other cross-table rules. A relation whose table, row or column is absent does
 * not apply. The Shanxi set keeps its relations in the cross/* rules and declares none.
 */

interface Resolved {
  table: RecognisedTable;
  row: TableRow;
  role: string;
}

const READS: TableId[] = (() => {
  const ids = new Set<TableId>();
  for (const set of LAYOUT_SETS) {
    for (const rel of set.relations ?? []) {
      if (rel.type === "equal") [rel.a, rel.b, ...(rel.when ?? []), ...(rel.unless ?? [])].forEach((s) => ids.add(s.table));
      else if (rel.type === "sum") [rel.total, ...rel.parts].forEach((s) => ids.add(s.table));
      else [rel.a, rel.b].forEach((s) => ids.add(s.table));
    }
  }
  return [...ids];
})();

function hasRole(t: RecognisedTable, role: string, side: TableRow["side"]): boolean {
  return t.columns.some((c) => c.role === role && (side === undefined || c.side === undefined || c.side === side));
}

function findRow(t: RecognisedTable, sel: RowSelector, side: TableRow["side"]): TableRow | undefined {
  const onSide = (r: TableRow) => side === undefined || r.side === side;
  if (sel === "total") return t.rows.find((r) => onSide(r) && isTableTotal(r));
  if ("totalKind" in sel) return t.rows.find((r) => onSide(r) && r.kind === "total" && r.totalKind === sel.totalKind);
  const labels = sel.labels.map(rowLabel);
  return t.rows.find((r) => onSide(r) && r.kind !== "total" && labels.includes(r.label));
}

function resolve(ctx: RuleContext, sel: FigureSelector): Resolved | undefined {
  const table = ctx.table(sel.table);
  if (!table || !hasRole(table, sel.role, sel.side)) return undefined;
  const row = findRow(table, sel.row, sel.side);
  return row ? { table, row, role: sel.role } : undefined;
}

const amountOf = (x: Resolved): Amount | undefined => x.row.amounts[x.role]?.amount;

/** "表1 收入总计（预算数）" for messages. */
function describe(x: Resolved): { zh: string; en: string } {
  const name = x.row.kind === "total" && x.row.totalKind ? x.row.totalKind : rowName(x.row);
  return { zh: `${tableZh(x.table.id)} ${name}（${roleZh(x.table, x.role)}）`, en: `${tableEn(x.table.id)} ${name} (${roleEn(x.role)})` };
}

function checkEqual(ctx: RuleContext, rel: Extract<DeclaredRelation, { type: "equal" }>, report: (f: RuleReport) => void): void {
  const a = resolve(ctx, rel.a);
  const b = resolve(ctx, rel.b);
  if (!a || !b) return;
  if (rel.when) {
    const w0 = resolve(ctx, rel.when[0]);
    const w1 = resolve(ctx, rel.when[1]);
    if (!w0 || !w1 || !sameFigure(amountOf(w0), amountOf(w1))) return;
  }
  if (rel.unless) {
    const u0 = resolve(ctx, rel.unless[0]);
    const u1 = resolve(ctx, rel.unless[1]);
    if (u0 && u1 && sameFigure(amountOf(u0), amountOf(u1))) return;
  }
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

function checkSumRelation(ctx: RuleContext, rel: Extract<DeclaredRelation, { type: "sum" }>, report: (f: RuleReport) => void): void {
  const total = resolve(ctx, rel.total);
  if (!total) return;
  const parts = rel.parts.map((p) => resolve(ctx, p));
  const present = parts.filter((p): p is Resolved => p !== undefined);
  // A part whose row is absent counts as blank; with none present the relation says nothing.
  if (present.length === 0) return;
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

function rowsByKey(t: RecognisedTable, side: TableRow["side"], by: "code" | "label", depth: number | undefined): Map<string, TableRow> {
  const m = new Map<string, TableRow>();
  for (const r of t.rows) {
    if (r.kind !== "subject" || (side !== undefined && r.side !== side)) continue;
    if (depth !== undefined && r.depth !== depth) continue;
    const k = by === "code" ? r.code?.text : r.label;
    if (k && !m.has(k)) m.set(k, r);
  }
  return m;
}

function checkRows(ctx: RuleContext, rel: Extract<DeclaredRelation, { type: "rows" }>, report: (f: RuleReport) => void): void {
  const ta = ctx.table(rel.a.table);
  const tb = ctx.table(rel.b.table);
  if (!ta || !tb || !hasRole(ta, rel.a.role, rel.a.side) || !hasRole(tb, rel.b.role, rel.b.side)) return;
  const a = rowsByKey(ta, rel.a.side, rel.by, rel.depth);
  const b = rowsByKey(tb, rel.b.side, rel.by, rel.depth);
  if (a.size === 0 || b.size === 0) return;
  for (const [k, ra] of a) {
    const rb = b.get(k);
    if (rb) {
      reportEqual(report, figure(ta, ra, rel.a.role), figure(tb, rb, rel.b.role));
      continue;
    }
    // A row with a figure that the other table lacks altogether.
    const fa = ra.amounts[rel.a.role]?.amount;
    if (!fa || fa.value.isZero()) continue;
    const cell = cellOf(ta, ra, rel.a.role);
    report(
      at(ta, cell, `${tableZh(ta.id)}“${rowName(ra)}”${roleZh(ta, rel.a.role)} ${fmtAmount(fa)}，${tableZh(tb.id)}中没有这一行`, `${tableEn(ta.id)} “${rowName(ra)}” ${roleEn(rel.a.role)} ${fmtAmountEn(fa)} has no row in ${tableEn(tb.id)}`, {
        related: [qualify(ta.sheet, cell)],
        actual: fa.value.toFixed(fa.decimals),
      }),
    );
  }
}

export const crossDeclaredRelations: Rule = {
  id: "cross/declared-relations",
  severity: "error",
  title: { zh: "版式声明的表间关系", en: "Relations the layout declares between tables" },
  doc:
    "按所识别版式声明的表间关系核对（山西的关系在其余 cross/* 规则中）：上海版式中各表总数一致（收支总表、收入总表、支出总表、财政拨款收支总表与三张功能分类表），" +
    "收入与支出按科目逐行一致，经济分类表合计等于一般公共预算基本支出，人员经费/公用经费的划分与收支总表一致（基本支出全为一般公共预算时），收支总表收入各行之和等于收入总计。" +
    "同一数字必须分毫不差，求和在尾差范围内提示。",
  reads: READS,
  check(ctx, report) {
    const set = layoutSetById(ctx.recognition.layoutSet);
    for (const rel of set?.relations ?? []) {
      if (rel.type === "equal") checkEqual(ctx, rel, report);
      else if (rel.type === "sum") checkSumRelation(ctx, rel, report);
      else checkRows(ctx, rel, report);
    }
  },
};
