/**
 * Built-in catalogue editions. The JSON files are imported statically so that webpack bundles
 * them and the add-in needs no network or file access. 2026 is stored in full; 2025 is stored as
 * the 2026 lists plus a small changes file, because the two editions differ in only a few codes
 * and a second full copy would hide those differences in review.
 */
import type { CatalogueEdition, CatalogueEntry, EconomicMapping } from "./types";

import edition2026 from "./data/2026/edition.json";
import functional2026 from "./data/2026/functional.json";
import deptEconomic2026 from "./data/2026/dept-economic.json";
import govEconomic2026 from "./data/2026/gov-economic.json";
import econMapping2026 from "./data/2026/econ-mapping.json";
import revenue2026 from "./data/2026/revenue.json";

import edition2025 from "./data/2025/edition.json";
import changes2025 from "./data/2025/changes.json";

type EntryListKey = "functional" | "deptEconomic" | "govEconomic" | "revenue";

interface ListChanges {
  /** Codes present in this edition but not in the base edition. */
  added: CatalogueEntry[];
  /** Codes of the base edition that this edition does not have. */
  removed: string[];
  /** Codes whose name in this edition differs from the base edition. */
  renamed: { code: string; name: string; aliases?: string[] }[];
}

/** An edition described as differences from another (earlier or later) built-in edition. */
export interface EditionChanges {
  base: number;
  functional: ListChanges;
  deptEconomic: ListChanges;
  govEconomic: ListChanges;
  revenue: ListChanges;
  econMapping: { set: EconomicMapping[]; removed: string[] };
}

const ENTRY_LISTS: readonly EntryListKey[] = ["functional", "deptEconomic", "govEconomic", "revenue"];

const edition2026Full: CatalogueEdition = {
  year: edition2026.year,
  note: edition2026.note,
  functional: functional2026 as CatalogueEntry[],
  deptEconomic: deptEconomic2026 as CatalogueEntry[],
  govEconomic: govEconomic2026 as CatalogueEntry[],
  econMapping: econMapping2026 as EconomicMapping[],
  revenue: revenue2026 as CatalogueEntry[],
};

const derived: Record<number, { year: number; note: string; changes: EditionChanges }> = {
  2025: { year: edition2025.year, note: edition2025.note, changes: changes2025 as EditionChanges },
};

const full: Record<number, CatalogueEdition> = { 2026: edition2026Full };

function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function copyEntry(e: CatalogueEntry): CatalogueEntry {
  return e.aliases && e.aliases.length > 0
    ? { code: e.code, name: e.name, aliases: [...e.aliases] }
    : { code: e.code, name: e.name };
}

function withAlias(aliases: string[] | undefined, extra: string[], name: string): string[] | undefined {
  const out: string[] = [];
  for (const a of [...(aliases ?? []), ...extra]) {
    if (a !== name && !out.includes(a)) out.push(a);
  }
  return out.length > 0 ? out : undefined;
}

function applyListChanges(base: CatalogueEntry[], ch: ListChanges): CatalogueEntry[] {
  const removed = new Set(ch.removed);
  const map = new Map<string, CatalogueEntry>();
  for (const e of base) if (!removed.has(e.code)) map.set(e.code, copyEntry(e));
  for (const r of ch.renamed) {
    const e = map.get(r.code);
    if (!e) continue;
    // The other edition's name stays findable: users paste tables made with either list.
    const aliases = withAlias(e.aliases, [e.name, ...(r.aliases ?? [])], r.name);
    map.set(r.code, aliases ? { code: r.code, name: r.name, aliases } : { code: r.code, name: r.name });
  }
  for (const a of ch.added) map.set(a.code, copyEntry(a));
  return [...map.values()].sort(byCode);
}

/** Builds an edition from `base` and a changes file; exported for the data tests. */
export function applyChanges(
  base: CatalogueEdition,
  year: number,
  note: string,
  ch: EditionChanges,
): CatalogueEdition {
  const lists = {} as Record<EntryListKey, CatalogueEntry[]>;
  for (const key of ENTRY_LISTS) lists[key] = applyListChanges(base[key], ch[key]);
  const removedMaps = new Set(ch.econMapping.removed);
  const mapping = new Map<string, EconomicMapping>();
  for (const m of base.econMapping) if (!removedMaps.has(m.dept)) mapping.set(m.dept, { ...m });
  for (const m of ch.econMapping.set) mapping.set(m.dept, { ...m });
  return {
    year,
    note,
    ...lists,
    econMapping: [...mapping.values()].sort((a, b) => byCode({ code: a.dept }, { code: b.dept })),
  };
}

function copyEdition(e: CatalogueEdition): CatalogueEdition {
  return {
    year: e.year,
    note: e.note,
    functional: e.functional.map(copyEntry),
    deptEconomic: e.deptEconomic.map(copyEntry),
    govEconomic: e.govEconomic.map(copyEntry),
    econMapping: e.econMapping.map((m) => ({ ...m })),
    revenue: e.revenue.map(copyEntry),
  };
}

function resolve(year: number, seen: number[] = []): CatalogueEdition | null {
  if (full[year]) return full[year];
  const d = derived[year];
  if (!d || seen.includes(year)) return null;
  const base = resolve(d.changes.base, [...seen, year]);
  if (!base) return null;
  const built = applyChanges(base, d.year, d.note, d.changes);
  full[year] = built;
  return built;
}

/** The built-in edition for a budget year, or null when none is bundled. Returns a fresh copy. */
export function builtInEdition(year: number): CatalogueEdition | null {
  const e = resolve(year);
  return e ? copyEdition(e) : null;
}

/** Budget years with a built-in edition, ascending. */
export function builtInYears(): number[] {
  const years = new Set<number>([...Object.keys(full), ...Object.keys(derived)].map(Number));
  return [...years].sort((a, b) => a - b);
}
