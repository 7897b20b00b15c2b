/**
 * What one catalogue edition has that another has not: per classification list, the codes added,
 * removed and renamed going from `from` to `to`, and the economic mapping entries that changed.
 * Aliases are not compared (they are our matching aids, not part of the official list).
 */
import type { CatalogueEdition, CatalogueEntry, ClassificationKind, EconomicMapping } from "./types";

export const DIFF_KINDS: readonly ClassificationKind[] = ["functional", "deptEconomic", "govEconomic", "revenue"];

export interface ListDiff {
  added: CatalogueEntry[];
  removed: CatalogueEntry[];
  renamed: { code: string; from: string; to: string }[];
}

export interface EditionDiff {
  lists: Record<ClassificationKind, ListDiff>;
  /** Mapping entries (by 部门 款) whose 机关/事业单位 target differs, or that only one side has. */
  mapping: { dept: string; from: EconomicMapping | null; to: EconomicMapping | null }[];
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export function diffLists(from: CatalogueEntry[], to: CatalogueEntry[]): ListDiff {
  const a = new Map(from.map((e) => [e.code, e]));
  const b = new Map(to.map((e) => [e.code, e]));
  const added = [...b.values()].filter((e) => !a.has(e.code)).sort(byCode);
  const removed = [...a.values()].filter((e) => !b.has(e.code)).sort(byCode);
  const renamed = [...b.values()]
    .filter((e) => a.has(e.code) && a.get(e.code)!.name !== e.name)
    .map((e) => ({ code: e.code, from: a.get(e.code)!.name, to: e.name }))
    .sort(byCode);
  return { added: added.map((e) => ({ code: e.code, name: e.name })), removed: removed.map((e) => ({ code: e.code, name: e.name })), renamed };
}

/**
 * Differences from `from` to `to`. `kinds` limits the comparison (an official list in a file often
 * holds only the functional classification: the others would all look removed).
 */
export function diffEditions(from: CatalogueEdition, to: CatalogueEdition, kinds: readonly ClassificationKind[] = DIFF_KINDS): EditionDiff {
  const lists = {} as Record<ClassificationKind, ListDiff>;
  for (const k of DIFF_KINDS) lists[k] = kinds.includes(k) ? diffLists(from[k], to[k]) : { added: [], removed: [], renamed: [] };
  const mapping: EditionDiff["mapping"] = [];
  if (kinds.includes("deptEconomic") && from.econMapping.length > 0 && to.econMapping.length > 0) {
    const a = new Map(from.econMapping.map((m) => [m.dept, m]));
    const b = new Map(to.econMapping.map((m) => [m.dept, m]));
    for (const dept of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const x = a.get(dept) ?? null;
      const y = b.get(dept) ?? null;
      if (!x || !y || x.agency !== y.agency || x.institution !== y.institution) mapping.push({ dept, from: x, to: y });
    }
  }
  return { lists, mapping };
}

export function diffIsEmpty(d: EditionDiff): boolean {
  return d.mapping.length === 0 && DIFF_KINDS.every((k) => d.lists[k].added.length + d.lists[k].removed.length + d.lists[k].renamed.length === 0);
}
