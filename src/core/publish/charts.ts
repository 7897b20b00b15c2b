import Decimal from "decimal.js";
import { kindOfTable, layoutOfKey } from "../layouts/registry";
import type { TableKind } from "../layouts/types";
import type { MoneyUnit, RecognisedTable, RecognitionResult, TableId, TableRow } from "../recognise/model";
import { isAmountRole } from "../recognise/rows";
import { shareText } from "./share";

/**
 * The disclosure's charts (收入预算图, 一般公共预算当年拨款结构图 …) as plain data, from the analysed
 * tables: each point an amount as written (a decimal string), its exact share of the chart's total
 * and the cell it came from. Which table and which figures make a chart is data (CHARTS below),
 * spoken of by table kind and column role, so every layout set that has the table has the chart.
 */

export type ChartType = "pie" | "bar";

export interface ChartPoint {
  /** The row's or the column's name as published (收入来源, or a 类 of the functional classification). */
  label: string;
  /** The figure as written, e.g. "245.48" (the table's money unit). */
  amount: string;
  /**
   * Share of the chart's total in per cent, rounded half-up to two decimals from the exact quotient
   * (decimal arithmetic, the way the 情况说明 states it: 245.48 ÷ 533.48 → "46.01"). "0.00" when
   * the total is zero.
   */
  share: string;
  /** Where the figure is: sheet and A1 cell. */
  sheet: string;
  cell: string;
}

export interface DisclosureChart {
  id: string;
  type: ChartType;
  title: { zh: string; en: string };
  /** The table the figures come from. */
  table: TableId;
  sheet: string;
  unit: MoneyUnit;
  /** Sum of the points (a decimal string at the points' precision). */
  total: string;
  points: ChartPoint[];
}

/**
 * Which points a chart takes from its table:
 * - "totalRowColumns": the table's total row, one point per amount column in `roles` (or, without
 *   `roles`, every amount column but its `total`), labelled with the column's header;
 * - "classRows": one point per 类 (depth-0 subject row), its figure in `role`, labelled with its name.
 */
type PointSource = { from: "totalRowColumns"; roles?: string[] } | { from: "classRows"; role: string };

interface ChartSpec {
  id: string;
  type: ChartType;
  title: { zh: string; en: string };
  kind: TableKind;
  points: PointSource;
}

/** The charts of a unit or department budget disclosure, in the order the 情况说明 shows them. */
export const CHARTS: readonly ChartSpec[] = [
  { id: "income", type: "pie", title: { zh: "收入预算图", en: "Budget income by source" }, kind: "incomeSummary", points: { from: "totalRowColumns" } },
  {
    id: "expenditure",
    type: "pie",
    title: { zh: "支出预算图", en: "Budget expenditure: basic and project" },
    kind: "expenditureSummary",
    points: { from: "totalRowColumns", roles: ["basic", "project"] },
  },
  {
    id: "gpbStructure",
    type: "bar",
    title: { zh: "一般公共预算当年拨款结构图", en: "General public budget appropriations by function" },
    kind: "gpbFunctional",
    points: { from: "classRows", role: "total" },
  },
];

/** The table's own total row (of a one-sided table: the first total row). */
function totalRow(t: RecognisedTable): TableRow | undefined {
  return t.rows.find((r) => r.kind === "total" && !r.side);
}

/** A point's share of the chart's total ("0.00" of a zero total: every point is zero then). */
function shareOf(amount: Decimal, total: Decimal): string {
  return shareText(amount, total) ?? "0.00";
}

function pointsOf(t: RecognisedTable, src: PointSource): Array<{ label: string; amount: Decimal; decimals: number | null; cell: string }> {
  if (src.from === "classRows") {
    return t.rows
      .filter((r) => r.kind === "subject" && r.depth === 0 && !r.side && r.amounts[src.role])
      .map((r) => {
        const a = r.amounts[src.role];
        return { label: r.label || r.name.text, amount: a.amount.value, decimals: a.amount.decimals, cell: a.cell };
      });
  }
  const row = totalRow(t);
  if (!row) return [];
  const columns = t.columns.filter((c) => !c.side && (src.roles ? src.roles.includes(c.role) : c.role !== "total" && isAmountRole(c.role)));
  const ordered = src.roles ? src.roles.map((r) => columns.find((c) => c.role === r)).filter((c): c is NonNullable<typeof c> => !!c) : columns;
  return ordered.map((c) => {
    const a = row.amounts[c.role];
    // An empty cell in the total row is a zero the table prints as blank.
    return { label: c.header[c.header.length - 1] ?? c.role, amount: a ? a.amount.value : new Decimal(0), decimals: a ? a.amount.decimals : null, cell: a ? a.cell : `${c.letter}${row.r + 1}` };
  });
}

/** The charts the recognised tables allow, each from the first table of its kind that has figures. */
export function disclosureCharts(recognition: RecognitionResult): DisclosureChart[] {
  const out: DisclosureChart[] = [];
  for (const spec of CHARTS) {
    const t = recognition.tables.find((x) => kindOfTable(x) === spec.kind && !x.empty);
    if (!t) continue;
    const pts = pointsOf(t, spec.points);
    if (pts.length === 0) continue;
    const total = pts.reduce((s, p) => s.plus(p.amount), new Decimal(0));
    const decimals = Math.max(0, ...pts.map((p) => p.decimals ?? 0));
    out.push({
      id: spec.id,
      type: spec.type,
      title: { ...spec.title },
      table: t.id,
      sheet: t.sheet,
      unit: t.moneyUnit?.unit ?? layoutOfKey(t.layoutId, t.id)?.moneyUnit ?? "万元",
      total: total.toFixed(decimals),
      points: pts.map((p) => ({ label: p.label, amount: p.amount.toFixed(p.decimals ?? decimals), share: shareOf(p.amount, total), sheet: t.sheet, cell: p.cell })),
    });
  }
  return out;
}
