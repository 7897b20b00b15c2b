import type { RecognisedTable, TableId } from "../recognise/model";
import { shanghaiDepartment, shanghaiUnit } from "./shanghai";
import { shanxiUnit2026 } from "./shanxi-unit-2026";
import type { LayoutSet, TableKind, TableLayout } from "./types";

/**
 * Every layout set the product knows, the default first. Recognition picks the set whose titles
 * match most tables of a workbook (or the one forced with --layout / the pane's setting); a new
 * region is a set here: tables with their kinds and column roles, and the relations between them.
 */
export const LAYOUT_SETS: readonly LayoutSet[] = [shanxiUnit2026, shanghaiUnit, shanghaiDepartment];

export const DEFAULT_LAYOUT_SET = shanxiUnit2026;

export function layoutSetById(id: string): LayoutSet | undefined {
  return LAYOUT_SETS.find((s) => s.id === id);
}

export function layoutSetIds(): string[] {
  return LAYOUT_SETS.map((s) => s.id);
}

const byTableId = new Map<TableId, TableLayout>();
for (const set of LAYOUT_SETS) for (const t of set.tables) if (!byTableId.has(t.id)) byTableId.set(t.id, t);

/** The layout of a table id (ids are unique across sets; the unit and department sets share theirs). */
export function tableLayoutOf(id: TableId): TableLayout | undefined {
  return byTableId.get(id);
}

/** The layout of a recognised table, by its layout key ("shanghai-unit/SH2"), else by its id. */
export function layoutOfKey(key: string, id: TableId): TableLayout | undefined {
  for (const set of LAYOUT_SETS) {
    if (!key.startsWith(set.id + "/")) continue;
    const t = set.tables.find((x) => x.key === key);
    if (t) return t;
  }
  return byTableId.get(id);
}

/** What a recognised table is (income summary, functional table, 三公 …), from its layout. */
export function kindOfTable(t: Pick<RecognisedTable, "layoutId" | "id">): TableKind | undefined {
  return layoutOfKey(t.layoutId, t.id)?.kind;
}

/** Ids of every table, of every set, whose layout passes `pred` (for rules' `reads`). */
export function tableIdsWhere(pred: (t: TableLayout) => boolean): TableId[] {
  const out: TableId[] = [];
  for (const set of LAYOUT_SETS) for (const t of set.tables) if (pred(t) && !out.includes(t.id)) out.push(t.id);
  return out;
}
