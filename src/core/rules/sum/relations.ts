import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import type { RuleContext } from "../types";
import { layoutOfKey, tableIdsWhere } from "../../layouts/registry";
import { rolesOf, sidesOf, type SumWording } from "./support";

/**
 * Which figures of a table are sums of which others. The sum rules check these relations; the
 * formula rule compares them with the SUM formulas of the workbook. Computed in one pass per table
 * side with a Map from code to row, so a 100,000-row table costs a few milliseconds.
 */

export type Side = TableRow["side"];

export interface Hierarchy {
  /** Subject rows of the side, in order. */
  rows: TableRow[];
  /** Index (into rows) of the nearest present ancestor — by code prefix, or by depth for rows without a code — or −1. */
  parent: Int32Array;
  /** Children of rows[i], or undefined for a leaf. */
  children: Array<TableRow[] | undefined>;
  /** Rows without a present ancestor: the 类 rows, and 款/项 whose ancestors are all missing. */
  roots: TableRow[];
  /** Whether any row has children. */
  nested: boolean;
}

const SHANXI_HIERARCHY: readonly TableId[] = ["T02", "T03", "T05", "T06", "T07", "T08", "T09"];

/** Tables of the other layout sets, by what their layouts say: subject tables have a hierarchy and a 合计 of their classes. */
const OTHER_SUBJECT_TABLES: readonly TableId[] = tableIdsWhere((t) => !t.key.startsWith("shanxi-") && (t.rowModel === "subjects" || t.rowModel === "economic" || t.rowModel === "twoSided"));

/** Tables with a 类/款/项 (or economic class/item) hierarchy of subject rows: Shanxi's, and every other set's subject tables. */
export const HIERARCHY_TABLES: readonly TableId[] = [...SHANXI_HIERARCHY, ...OTHER_SUBJECT_TABLES];

/** Tables whose total rows sum their top rows (sum/total-row). */
export const TOTAL_ROW_TABLES: readonly TableId[] = ["T02", "T03", "T05", "T06", "T07", "T08", "T09", "T10", "T11", "T12", "T13", ...OTHER_SUBJECT_TABLES];

export function buildHierarchy(t: RecognisedTable, side: Side): Hierarchy {
  const rows: TableRow[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    if (r.kind === "subject" && r.side === side) rows.push(r);
  }
  const n = rows.length;
  const parent = new Int32Array(n).fill(-1);
  const children: Array<TableRow[] | undefined> = new Array(n);
  const roots: TableRow[] = [];
  let byCode: Map<string, number> | null = null; // built only if a row is out of order
  // Rows come parent first, so the nearest ancestor is normally on a stack of open code prefixes.
  const codeStack: number[] = [];
  // Rows without a code hang under the nearest preceding shallower row, as indentation shows.
  const depthStack: number[] = [];
  let nested = false;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    while (depthStack.length && rows[depthStack[depthStack.length - 1]].depth >= r.depth) depthStack.pop();
    let p = -1;
    const code = r.code?.text;
    if (code) {
      while (codeStack.length) {
        const top = rows[codeStack[codeStack.length - 1]].code!.text;
        if (code.length > top.length && code.startsWith(top)) break;
        codeStack.pop();
      }
      if (codeStack.length) p = codeStack[codeStack.length - 1];
      else if (code.length > 3) {
        // Not under the open prefixes: an orphan, or a row out of order; look for any present prefix.
        byCode ??= indexCodes(rows);
        for (let len = code.length - 1; len >= 1 && p < 0; len--) {
          const j = byCode.get(code.slice(0, len));
          if (j !== undefined && j !== i) p = j;
        }
      }
      codeStack.push(i);
    } else if (depthStack.length) {
      p = depthStack[depthStack.length - 1];
    }
    depthStack.push(i);
    parent[i] = p;
    if (p >= 0) {
      nested = true;
      const list = children[p];
      if (list) list.push(r);
      else children[p] = [r];
    } else {
      roots.push(r);
    }
  }
  return { rows, parent, children, roots, nested };
}

function indexCodes(rows: TableRow[]): Map<string, number> {
  const m = new Map<string, number>();
  rows.forEach((r, i) => {
    const c = r.code?.text;
    if (c && !m.has(c)) m.set(c, i);
  });
  return m;
}

// The hierarchy is wanted by several rules, and again by every live re-check: cache it per table.
// It depends only on the rows' codes, kinds and depths. The live re-check of a typed figure
// (analyse.ts recheckEdit) changes a table in place, but only its figures; anything else builds new
// table objects. The row count guards against a table whose rows were replaced wholesale.
const cache = new WeakMap<RecognisedTable, { rows: TableRow[]; count: number; bySide: Map<Side, Hierarchy> }>();

export function hierarchyOf(ctx: RuleContext | null, t: RecognisedTable, side: Side): Hierarchy {
  if (!ctx) return buildHierarchy(t, side);
  let entry = cache.get(t);
  if (!entry || entry.rows !== t.rows || entry.count !== t.rows.length) cache.set(t, (entry = { rows: t.rows, count: t.rows.length, bySide: new Map() }));
  let h = entry.bySide.get(side);
  if (!h) entry.bySide.set(side, (h = buildHierarchy(t, side)));
  return h;
}

export type VerticalKind = "children" | "total" | "summary" | "vehicle";

/** parent = Σ children in each of `roles`, within one table. */
export interface VerticalSum {
  kind: VerticalKind;
  parent: TableRow;
  children: TableRow[];
  roles: string[];
  wording: SumWording;
}

const CHILDREN: SumWording = { zh: "下级之和", en: "the sum of its children" };
const CLASSES: SumWording = { zh: "各类之和", en: "the sum of the class rows" };
const ITEMS: SumWording = { zh: "各项之和", en: "the sum of the items" };
const PROJECTS: SumWording = { zh: "各项目之和", en: "the sum of the projects" };
const UNITS: SumWording = { zh: "各单位之和", en: "the sum of the units" };

const TOTAL_KINDS = new Set(["合计", "部门合计", "单位合计", "总计"]);

export function isTableTotal(r: TableRow): boolean {
  return r.kind === "total" && (r.totalKind === undefined || TOTAL_KINDS.has(r.totalKind));
}

/** 类 = Σ 款, 款 = Σ 项 (表二/三/五/七/八/九), economic class = Σ items (表六). */
export function childSums(ctx: RuleContext | null, t: RecognisedTable): VerticalSum[] {
  if (!HIERARCHY_TABLES.includes(t.id)) return [];
  const out: VerticalSum[] = [];
  for (const side of sidesOf(t)) {
    const h = hierarchyOf(ctx, t, side);
    if (!h.nested) continue;
    const roles = rolesOf(t, side);
    for (let i = 0; i < h.rows.length; i++) {
      const kids = h.children[i];
      if (kids) out.push({ kind: "children", parent: h.rows[i], children: kids, roles, wording: CHILDREN });
    }
  }
  return out;
}

/**
 * The relations of `childSums` a figure of `row` takes part in: the row's own (row = Σ its
 * children) and its parent's (parent = Σ the row and its siblings). Each parent is checked against
 * its immediate children only, so no other relation reads the row's figures.
 */
export function childSumsAround(ctx: RuleContext | null, t: RecognisedTable, row: TableRow): VerticalSum[] {
  if (!HIERARCHY_TABLES.includes(t.id) || row.kind !== "subject") return [];
  const h = hierarchyOf(ctx, t, row.side);
  if (!h.nested) return [];
  const i = h.rows.indexOf(row);
  if (i < 0) return [];
  const roles = rolesOf(t, row.side);
  const out: VerticalSum[] = [];
  const p = h.parent[i];
  // In childSums' order (parents before their children), which the findings' sort does not rely on.
  if (p >= 0) out.push({ kind: "children", parent: h.rows[p], children: h.children[p]!, roles, wording: CHILDREN });
  const kids = h.children[i];
  if (kids) out.push({ kind: "children", parent: row, children: kids, roles, wording: CHILDREN });
  return out;
}

/** 合计 row = Σ 类 rows; 表十 合计 = the three items; 表十一 = Σ units; 表十二/十三 = Σ projects. */
export function totalRowSums(ctx: RuleContext | null, t: RecognisedTable): VerticalSum[] {
  if (t.id === "T01" || t.id === "T04" || t.id === "PT") return [];
  if (!t.id.startsWith("T") && !OTHER_SUBJECT_TABLES.includes(t.id)) return [];
  const out: VerticalSum[] = [];
  for (const side of sidesOf(t)) {
    const totals = t.rows.filter((r) => r.side === side && isTableTotal(r));
    if (totals.length === 0) continue;
    let kids: TableRow[];
    let wording: SumWording;
    if (t.id === "T12" || t.id === "T13") {
      kids = t.rows.filter((r) => r.side === side && r.kind === "project");
      wording = PROJECTS;
    } else if (t.id === "T10") {
      kids = t.rows.filter((r) => r.side === side && r.kind === "line" && r.depth === 0);
      wording = ITEMS;
    } else if (t.id === "T11") {
      kids = t.rows.filter((r) => r.side === side && r.kind === "line" && r.depth === 0);
      wording = UNITS;
    } else {
      kids = hierarchyOf(ctx, t, side).roots;
      wording = CLASSES;
    }
    // A 表十一 with only 部门合计 lists no units: the total stands alone.
    if (kids.length === 0 && t.id === "T11") continue;
    const roles = rolesOf(t, side);
    for (const total of totals) out.push({ kind: "total", parent: total, children: kids, roles, wording });
  }
  return out;
}

function totalRow(t: RecognisedTable, side: Side, kind: string): TableRow | undefined {
  return t.rows.find((r) => r.kind === "total" && r.side === side && r.totalKind === kind);
}

/** 表一/表四: 本年收入合计, 收入总计, 本年支出合计, 支出总计 and 表四's 上年财政拨款结转. */
export function summarySums(ctx: RuleContext | null, t: RecognisedTable): VerticalSum[] {
  if (t.id !== "T01" && t.id !== "T04") return [];
  const out: VerticalSum[] = [];
  const inRoles = rolesOf(t, "income");
  const exRoles = rolesOf(t, "expenditure");
  const incomeLines = t.rows.filter((r) => r.side === "income" && r.kind === "line");
  const currentIncome = totalRow(t, "income", "本年收入合计");
  if (currentIncome) {
    const lines = incomeLines.filter((r) => r.group !== "carry");
    if (lines.length) out.push({ kind: "summary", parent: currentIncome, children: lines, roles: inRoles, wording: { zh: "各收入项目之和", en: "the sum of the income lines" } });
  }
  const carry = totalRow(t, "income", "上年财政拨款结转") ?? totalRow(t, "income", "上年结转");
  if (t.id === "T04" && carry) {
    const lines = incomeLines.filter((r) => r.group === "carry");
    if (lines.length) out.push({ kind: "summary", parent: carry, children: lines, roles: inRoles, wording: { zh: "各来源结转之和", en: "the sum of the carry-over lines" } });
  }
  const grandIncome = totalRow(t, "income", "收入总计");
  if (grandIncome && currentIncome) {
    const kids = carry ? [currentIncome, carry] : [currentIncome];
    out.push({ kind: "summary", parent: grandIncome, children: kids, roles: inRoles, wording: { zh: "本年收入合计与上年结转之和", en: "current income plus carry-over" } });
  }
  const currentExp = totalRow(t, "expenditure", "本年支出合计");
  if (currentExp) {
    const classes = hierarchyOf(ctx, t, "expenditure").roots;
    if (classes.length) out.push({ kind: "summary", parent: currentExp, children: classes, roles: exRoles, wording: CLASSES });
  }
  const grandExp = totalRow(t, "expenditure", "支出总计");
  if (grandExp && currentExp) {
    const yearEnd = totalRow(t, "expenditure", "年终结转");
    const kids = yearEnd ? [currentExp, yearEnd] : [currentExp];
    out.push({ kind: "summary", parent: grandExp, children: kids, roles: exRoles, wording: { zh: "本年支出合计与年终结转之和", en: "current expenditure plus year-end carry-over" } });
  }
  return out;
}

/** 表十: 公务用车购置及运行费 = ①购置费 + ②运行维护费. */
export function vehicleSums(t: RecognisedTable): VerticalSum[] {
  if (t.id !== "T10") return [];
  const out: VerticalSum[] = [];
  const rows = t.rows;
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i];
    if (p.kind !== "line" || !p.label.includes("公务用车购置及运行")) continue;
    const kids: TableRow[] = [];
    for (let j = i + 1; j < rows.length && rows[j].depth > p.depth && rows[j].kind === "line"; j++) kids.push(rows[j]);
    if (kids.length === 0) {
      for (const r of rows) if (r !== p && r.kind === "line" && /公务用车(购置费|运行维护费)/.test(r.label)) kids.push(r);
    }
    if (kids.length) out.push({ kind: "vehicle", parent: p, children: kids, roles: rolesOf(t, p.side), wording: { zh: "购置费与运行维护费之和", en: "purchase plus running costs" } });
  }
  return out;
}

/** total column = Σ part columns, per row. */
export interface ColumnSum {
  side: Side | "any";
  total: string;
  parts: string[];
}

const SOURCES3 = ["gpb", "govFund", "soe"];
const SOURCES5 = ["gpb", "govFund", "soe", "specialAccount", "unitFunds"];
const BASIC_PROJECT = ["basic", "project"];

export const COLUMN_SUMS: Partial<Record<TableId, ColumnSum[]>> = {
  T01: [{ side: "expenditure", total: "total", parts: ["current", "carry"] }],
  T02: [{ side: "any", total: "total", parts: SOURCES5 }],
  T03: [{ side: "any", total: "total", parts: BASIC_PROJECT }],
  T04: [{ side: "expenditure", total: "total", parts: SOURCES3 }],
  T05: [{ side: "any", total: "total", parts: BASIC_PROJECT }],
  T06: [{ side: "any", total: "total", parts: ["personnel", "public"] }],
  T08: [{ side: "any", total: "total", parts: BASIC_PROJECT }],
  T09: [{ side: "expenditure", total: "total", parts: BASIC_PROJECT }],
  T10: [{ side: "any", total: "total", parts: SOURCES3 }],
  T11: [{ side: "any", total: "total", parts: SOURCES3 }],
  T12: [{ side: "any", total: "total", parts: SOURCES5 }],
  T13: [{ side: "any", total: "total", parts: SOURCES3 }],
};

/** Tables whose rows have column sums: Shanxi's (above) and every other set's that declares them. */
export const COLUMN_SUM_TABLES: readonly TableId[] = [...(Object.keys(COLUMN_SUMS) as TableId[]), ...tableIdsWhere((t) => !t.key.startsWith("shanxi-") && (t.columnSums?.length ?? 0) > 0)];

/**
 * The column sums of a table: Shanxi's fixed ones, or those its layout declares — of which only
 * those whose total and at least one part the table has (the department's 收支总表 has no 人员经费 column).
 */
export function columnSumsOf(t: RecognisedTable): ColumnSum[] | undefined {
  const fixed = COLUMN_SUMS[t.id];
  if (fixed) return fixed;
  const declared = layoutOfKey(t.layoutId, t.id)?.columnSums;
  if (!declared) return undefined;
  const has = (role: string) => t.columns.some((c) => c.role === role);
  return declared.filter((d) => has(d.total) && d.parts.some(has));
}

/** The column sums that apply to a row (a two-sided table's income rows have none). */
export function columnSumsFor(t: RecognisedTable, row: TableRow): ColumnSum[] {
  const defs = columnSumsOf(t);
  if (!defs) return [];
  return defs.filter((d) => d.side === "any" || d.side === row.side);
}
