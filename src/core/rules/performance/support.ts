import Decimal from "decimal.js";
import { toHalfWidth } from "../../money/amount";
import { tableIdsWhere } from "../../layouts/registry";
import type { PerformanceForm, RecognisedTable, TableId, TableRow } from "../../recognise/model";
import type { RuleContext } from "../types";

/**
 * The tables these rules read, by what they are in any layout set: performance forms (Shanxi's PT,
 * Shanghai's SHPT 财政项目支出绩效目标填报表), project lists of the year (表十二) and carried over (表十三).
 * A set without project lists (Shanghai) has its forms checked within themselves only.
 */
export const FORM_IDS: TableId[] = tableIdsWhere((t) => t.kind === "performanceForm");
export const PROJECT_LIST_IDS: TableId[] = tableIdsWhere((t) => t.kind === "projectList");
export const PROJECT_CARRY_IDS: TableId[] = tableIdsWhere((t) => t.kind === "projectListCarry");

/** Every performance form recognised, set by set in layout order (Shanxi's PT forms as before). */
export function formsOf(ctx: RuleContext): RecognisedTable[] {
  return FORM_IDS.flatMap((id) => ctx.tablesOf(id));
}

/** A project name for matching a performance table with 表十二: no spaces, quotes or bracket variants. */
export function normName(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s\u00a0"“”'‘’《》〈〉]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .toLowerCase();
}

export interface ProjectRow {
  table: RecognisedTable;
  row: TableRow;
}

/**
 * The 表十二 (then 表十三) project row of a performance table: same normalised name, or failing that
 * the only project whose name contains the other (a shortened or lengthened name).
 */
export function findProject(ctx: RuleContext, name: string, tables: TableId[] = [...PROJECT_LIST_IDS, ...PROJECT_CARRY_IDS]): ProjectRow | null {
  const key = normName(name);
  if (key === "") return null;
  const loose: ProjectRow[] = [];
  for (const id of tables) {
    for (const t of ctx.tablesOf(id)) {
      for (const row of t.rows) {
        if (row.kind !== "project") continue;
        const k = normName(row.label || row.name.text);
        if (k === key) return { table: t, row };
        if (k.length >= 4 && key.length >= 4 && (k.includes(key) || key.includes(k))) loose.push({ table: t, row });
      }
    }
  }
  return loose.length === 1 ? loose[0] : null;
}

export function projectName(form: PerformanceForm | undefined): string {
  return form?.projectName?.text.trim() ?? "";
}

/** 1800000 → "1,800,000"; keeps the figure's own decimals. */
export function fmtYuan(d: Decimal, decimals = 0): string {
  const s = d.abs().toFixed(decimals);
  const [int, frac] = s.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${d.isNegative() && !d.isZero() ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

export interface MoneyTarget {
  /** The figure in 元. */
  yuan: Decimal;
  /** True for ≤ / < / 不超过 or a bare figure: the target is a ceiling. */
  cap: boolean;
}

const TARGET = /^(≤|<=|=<|<|≦|不超过|不高于|不大于|小于等于|低于|控制在|≥|>=|>|≧|不低于|不少于|大于等于|高于|=)?([0-9][0-9,]*(?:\.[0-9]+)?)(万元|万|元)(以内|以下|以上)?$/;

/** Parses a cost target such as "≤145万元", "<=10.3万元", "不超过50,000元"; null when it is no money figure. */
export function parseMoneyTarget(text: string): MoneyTarget | null {
  const s = toHalfWidth(text).replace(/[\s\u00a0]/g, "").replace(/，/g, ",");
  const m = TARGET.exec(s);
  if (!m) return null;
  const [, op, num, unit, tail] = m;
  const value = new Decimal(num.replace(/,/g, ""));
  const yuan = unit === "元" ? value : value.times(10000);
  const floor = (op !== undefined && /≥|>|≧|不低于|不少于|大于等于|高于/.test(op)) || tail === "以上";
  return { yuan, cap: !floor };
}
