import type { SubjectLevel } from "../recognise/model";
import { inferKind, levelOfCode, parentCode } from "./codes";
import { builtInEdition } from "./editions";
import { looseKey, looseKeyOfNormalised, normaliseName, PrefixIndex, MIN_PREFIX_LENGTH } from "./normalise";
import type { CatalogueEdition, CatalogueEntry, ClassificationKind, EconomicMapping } from "./types";

/** A catalogue entry with the classification it belongs to. */
export interface CatalogueItem {
  code: string;
  name: string;
  kind: ClassificationKind;
  aliases: readonly string[];
}

/** An entry supplied by the user (official edition, correction); kind inferred from the code when absent. */
export interface UserEntry extends CatalogueEntry {
  kind?: ClassificationKind;
}

export type MatchReason = "exact" | "normalised" | "alias" | "prefix" | "context";

/**
 * The outcome of looking a name up. `code` is null when the name is ambiguous or does not fit under
 * the given parent: the caller gets the candidates and a low confidence, never a silent guess.
 */
export interface MatchResult {
  code: string | null;
  name: string | null;
  /** 0..1: 1 for the catalogue name exactly, lower for looser matches, ≤ 0.5 when code is null. */
  confidence: number;
  /** How the name was found; "context" when the parent row chose among several entries. */
  reason: MatchReason;
  candidates?: Array<{ code: string; name: string }>;
  /** The name exists, but only outside the given parent (the candidates say where). */
  outsideParent?: boolean;
}

export interface MatchOptions {
  kind: ClassificationKind;
  /** Code of the nearest parent row above (any level up): restricts the match to its descendants. */
  parentCode?: string | null;
  /** Code length the row's level implies (3 类, 5 款, 7 项); restricts the match when given. */
  codeLength?: number;
}

const KINDS: ClassificationKind[] = ["functional", "deptEconomic", "govEconomic", "revenue"];

/** Confidence of a unique match found at each stage. */
const STAGE_CONFIDENCE = { exact: 1, normalised: 0.97, alias: 0.9, loose: 0.85 } as const;
type Stage = keyof typeof STAGE_CONFIDENCE | "prefix";

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) {
    if (!list.includes(v)) list.push(v);
  } else m.set(k, [v]);
}

/**
 * Lookup tables of one classification. The code index is built at once; the children index on the
 * first childrenOf, and the name indexes only on the first name lookup, which a check of a workbook
 * whose codes and names agree never makes (start-up time of the CLI, and a 100,000-entry user
 * edition). Every query is a map or binary-search lookup.
 */
class KindIndex {
  private children?: Map<string, CatalogueItem[]>;
  private names?: NameIndexes;
  private ordered?: CatalogueItem[];

  /**
   * `byCode` holds the classification's items; `inCodeOrder` says whether its order is already the
   * catalogue's (an edition's list), or the items are to be sorted by code when an order is first
   * needed (a merge of user entries, which a check looks up by code only).
   */
  constructor(readonly kind: ClassificationKind, readonly byCode: Map<string, CatalogueItem>, private readonly inCodeOrder: boolean) {}

  static ofList(kind: ClassificationKind, entries: CatalogueEntry[]): KindIndex {
    return new KindIndex(kind, itemMap(kind, entries), true);
  }

  /** The items in catalogue order (not to be modified: callers get copies). */
  items(): CatalogueItem[] {
    if (this.ordered) return this.ordered;
    const items = [...this.byCode.values()];
    if (!this.inCodeOrder) items.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return (this.ordered = items);
  }

  childrenOf(code: string): CatalogueItem[] | undefined {
    if (!this.children) {
      this.children = new Map();
      for (const item of this.items()) {
        const p = parentCode(item.code);
        if (p) push(this.children, p, item);
      }
    }
    return this.children.get(code);
  }

  private nameIndexes(): NameIndexes {
    if (this.names) return this.names;
    const n: NameIndexes = { exact: new Map(), normalised: new Map(), alias: new Map(), loose: new Map(), prefix: undefined! };
    const items = this.items();
    for (const item of items) {
      push(n.exact, item.name, item);
      push(n.normalised, normaliseName(item.name), item);
      push(n.loose, looseKey(item.name), item);
      for (const a of item.aliases) {
        push(n.alias, normaliseName(a), item);
        push(n.loose, looseKey(a), item);
      }
    }
    n.prefix = new PrefixIndex(items.map((i) => [normaliseName(i.name), i] as [string, CatalogueItem]));
    return (this.names = n);
  }

  lookup(stage: Stage, keys: NameKeys): CatalogueItem[] {
    const n = this.nameIndexes();
    switch (stage) {
      case "exact":
        return n.exact.get(keys.raw) ?? [];
      case "normalised":
        return n.normalised.get(keys.norm) ?? [];
      case "alias":
        return n.alias.get(keys.norm) ?? [];
      case "loose":
        return n.loose.get(keys.loose) ?? [];
      case "prefix":
        return keys.norm.length >= MIN_PREFIX_LENGTH ? n.prefix.startingWith(keys.norm) : [];
    }
  }
}

interface NameIndexes {
  exact: Map<string, CatalogueItem[]>;
  normalised: Map<string, CatalogueItem[]>;
  alias: Map<string, CatalogueItem[]>;
  loose: Map<string, CatalogueItem[]>;
  prefix: PrefixIndex<CatalogueItem>;
}

interface NameKeys {
  raw: string;
  norm: string;
  loose: string;
}

const STAGES: Stage[] = ["exact", "normalised", "alias", "loose", "prefix"];

function reasonOf(stage: Stage): MatchReason {
  return stage === "loose" ? "normalised" : stage;
}

function stageConfidence(stage: Stage, keys: NameKeys, item: CatalogueItem): number {
  if (stage !== "prefix") return STAGE_CONFIDENCE[stage];
  // A longer surviving prefix is more certain: 机关事业单位基本养老保险缴费支 (15/16) ≈ 0.93.
  const share = keys.norm.length / normaliseName(item.name).length;
  return Math.round((0.55 + 0.4 * share) * 100) / 100;
}

/** Enough candidates to choose from in a message or a picker; 行政运行 alone has ~50. */
export const MAX_CANDIDATES = 20;

function toCandidates(items: CatalogueItem[]): Array<{ code: string; name: string }> {
  return [...items]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, MAX_CANDIDATES)
    .map((i) => ({ code: i.code, name: i.name }));
}

/**
 * The classification catalogue of one budget year: code → name, name → code with context, the
 * hierarchy, and the 部门 → 政府 economic mapping. Rules receive it as `ctx.services.catalogue`.
 */
export class Catalogue {
  readonly year: number;
  readonly note: string;
  private readonly kinds: Record<ClassificationKind, KindIndex>;
  private readonly mapping = new Map<string, EconomicMapping>();

  private merged?: CatalogueEdition;
  private readonly base?: CatalogueEdition;
  private readonly userEntries?: UserEntry[];

  /**
   * The catalogue of an edition; with user entries, of that edition extended or overridden by them
   * as mergeEdition(edition, userEntries) would (the same entries, names, aliases and order), but
   * merged straight into the code indexes: no merged edition, no sorted lists, no second copy of
   * each entry (a 100,000-entry user edition). The merged edition is made when first asked for,
   * from the entries as they are then.
   */
  constructor(edition: CatalogueEdition, userEntries?: UserEntry[]) {
    this.year = edition.year;
    if (userEntries && userEntries.length) {
      this.note = mergedNote(edition.note, userEntries.length);
      this.kinds = mergedIndexes(edition, userEntries);
      this.userEntries = userEntries;
      this.base = edition;
    } else {
      this.note = edition.note;
      this.kinds = {
        functional: KindIndex.ofList("functional", edition.functional),
        deptEconomic: KindIndex.ofList("deptEconomic", edition.deptEconomic),
        govEconomic: KindIndex.ofList("govEconomic", edition.govEconomic),
        revenue: KindIndex.ofList("revenue", edition.revenue),
      };
      this.merged = edition;
    }
    for (const m of edition.econMapping) this.mapping.set(m.dept, m);
  }

  /** The edition this catalogue holds (with user entries: the merged edition). */
  get edition(): CatalogueEdition {
    return (this.merged ??= mergeEdition(this.base as CatalogueEdition, this.userEntries as UserEntry[]));
  }

  /**
   * The built-in edition of a year, extended or overridden by the user's entries. Null when there
   * is neither a built-in edition nor any user entry for that year.
   */
  static forYear(year: number, overrides?: UserEntry[]): Catalogue | null {
    const base = builtInEdition(year);
    if (!base && !(overrides && overrides.length)) return null;
    const edition = base ?? emptyEdition(year, "用户提供的目录 / user-supplied catalogue");
    return new Catalogue(edition, overrides);
  }

  private kindsFor(code: string, kind?: ClassificationKind): KindIndex[] {
    if (kind) return [this.kinds[kind]];
    const inferred = inferKind(code);
    return inferred ? [this.kinds[inferred], ...KINDS.filter((k) => k !== inferred).map((k) => this.kinds[k])] : KINDS.map((k) => this.kinds[k]);
  }

  entry(code: string, kind?: ClassificationKind): CatalogueItem | undefined {
    // with a kind, one index: no array of one and no iterator (the code rules ask this for every coded row)
    if (kind) return this.kinds[kind].byCode.get(code);
    for (const idx of this.kindsFor(code, kind)) {
      const item = idx.byCode.get(code);
      if (item) return item;
    }
    return undefined;
  }

  has(code: string, kind?: ClassificationKind): boolean {
    return this.entry(code, kind) !== undefined;
  }

  /** The catalogue name of a code, or null when the year's catalogue does not know it. */
  name(code: string, kind?: ClassificationKind): string | null {
    return this.entry(code, kind)?.name ?? null;
  }

  /** The code one level up (2010607 → 20106), whether or not the catalogue lists it. */
  parentOf(code: string): string | null {
    return parentCode(code);
  }

  levelOf(code: string): SubjectLevel | null {
    return levelOfCode(code);
  }

  childrenOf(code: string, kind?: ClassificationKind): CatalogueItem[] {
    const k = kind ?? inferKind(code);
    return k ? [...(this.kinds[k].childrenOf(code) ?? [])] : [];
  }

  /** All entries of a classification, in catalogue order. */
  entries(kind: ClassificationKind): CatalogueItem[] {
    return [...this.kinds[kind].items()];
  }

  /** Where a 部门预算支出经济分类 item maps to in the 政府预算支出经济分类. */
  economicMapping(deptCode: string): EconomicMapping | undefined {
    return this.mapping.get(deptCode);
  }

  /** Names repeat across rows and tables (行政运行, 事业运行 …): their keys are computed once. */
  private readonly keyCache = new Map<string, NameKeys>();

  private keysOf(name: string): NameKeys {
    let keys = this.keyCache.get(name);
    if (!keys) {
      const norm = normaliseName(name);
      keys = { raw: name.trim(), norm, loose: looseKeyOfNormalised(norm) };
      if (this.keyCache.size > 20000) this.keyCache.clear();
      this.keyCache.set(name, keys);
    }
    return keys;
  }

  /**
   * Finds the code of a name. Stages from strict to loose (exact, normalised, alias, loose wording,
   * truncated prefix); at each stage the parent row's code and the row's level narrow the
   * candidates. One candidate left: a match. Several: ambiguous, candidates returned, code null.
   * Only candidates outside the parent: code null, the candidates say where the name does belong.
   */
  matchName(name: string, opts: MatchOptions): MatchResult | null {
    const idx = this.kinds[opts.kind];
    const parent = opts.parentCode ?? null;
    let outside: { stage: Stage; items: CatalogueItem[] } | null = null;
    const keys = this.keysOf(name);
    if (keys.norm === "") return null;
    for (const stage of STAGES) {
      let items = idx.lookup(stage, keys);
      const len = opts.codeLength;
      // Filters copy only when they drop something: this runs for every row of a 100,000-row table.
      if (len && !items.every((i) => i.code.length === len)) items = items.filter((i) => i.code.length === len);
      if (items.length === 0) continue;
      let fit = items;
      if (parent && !items.every((i) => i.code.length > parent.length && i.code.startsWith(parent))) {
        fit = items.filter((i) => i.code.length > parent.length && i.code.startsWith(parent));
        if (fit.length === 0) {
          outside ??= { stage, items };
          continue;
        }
      }
      if (fit.length === 1) {
        const item = fit[0];
        const conf = stageConfidence(stage, keys, item);
        const byContext = items.length > 1;
        return {
          code: item.code,
          name: item.name,
          confidence: byContext ? Math.round(conf * 0.95 * 100) / 100 : conf,
          reason: byContext ? "context" : reasonOf(stage),
        };
      }
      return { code: null, name: null, confidence: Math.round(Math.min(0.5, 1 / fit.length) * 100) / 100, reason: reasonOf(stage), candidates: toCandidates(fit) };
    }
    if (outside) {
      return { code: null, name: null, confidence: 0.2, reason: reasonOf(outside.stage), candidates: toCandidates(outside.items), outsideParent: true };
    }
    return null;
  }
}

export function emptyEdition(year: number, note: string): CatalogueEdition {
  return { year, note, functional: [], deptEconomic: [], govEconomic: [], econMapping: [], revenue: [] };
}

/**
 * Extends or overrides an edition with user entries (the official list of a new year, in-year
 * amendments). A user name replaces the built-in one, which stays as an alias so that workbooks
 * written with the old name still match. Entries whose kind cannot be told from the code are skipped
 * (the user-edition parser refuses them before they get here). The base edition is not modified.
 */
export function mergeEdition(base: CatalogueEdition, userEntries: UserEntry[]): CatalogueEdition {
  const lists: Record<ClassificationKind, Map<string, CatalogueEntry>> = {
    functional: new Map(base.functional.map((e) => [e.code, e])),
    deptEconomic: new Map(base.deptEconomic.map((e) => [e.code, e])),
    govEconomic: new Map(base.govEconomic.map((e) => [e.code, e])),
    revenue: new Map(base.revenue.map((e) => [e.code, e])),
  };
  for (const u of userEntries) {
    const kind = u.kind ?? inferKind(u.code);
    if (!kind) continue;
    const list = lists[kind];
    const old = list.get(u.code);
    if (!old) {
      list.set(u.code, { code: u.code, name: u.name, ...(u.aliases?.length ? { aliases: [...u.aliases] } : {}) });
      continue;
    }
    const aliases = replacedAliases(old, u);
    list.set(u.code, { code: u.code, name: u.name, ...(aliases.length ? { aliases } : {}) });
  }
  const sorted = (m: Map<string, CatalogueEntry>) => [...m.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    ...base,
    note: userEntries.length ? mergedNote(base.note, userEntries.length) : base.note,
    functional: sorted(lists.functional),
    deptEconomic: sorted(lists.deptEconomic),
    govEconomic: sorted(lists.govEconomic),
    econMapping: [...base.econMapping],
    revenue: sorted(lists.revenue),
  };
}

function mergedNote(note: string, n: number): string {
  return `${note}（含用户提供的 ${n} 条 / with ${n} user entries）`;
}

/** The aliases of an entry that user entry `u` replaces: its own and u's, and its name when u renames it, less u's name. */
function replacedAliases(old: { name: string; aliases?: readonly string[] }, u: UserEntry): string[] {
  const aliases = new Set([...(old.aliases ?? []), ...(u.aliases ?? [])]);
  if (old.name !== u.name) aliases.add(old.name);
  aliases.delete(u.name);
  return [...aliases];
}

/** The aliases of an item that has none: one frozen array for all of them, not one per item. */
const NO_ALIASES: readonly string[] = Object.freeze([]);

/** A classification's entries as catalogue items, by code (a later entry of a code replaces an earlier one in its place). */
function itemMap(kind: ClassificationKind, entries: CatalogueEntry[]): Map<string, CatalogueItem> {
  const m = new Map<string, CatalogueItem>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    m.set(e.code, { code: e.code, name: e.name, kind, aliases: e.aliases ?? NO_ALIASES });
  }
  return m;
}

/**
 * The code indexes of mergeEdition(base, userEntries), built without the merged edition: the same
 * items (code, name, kind, aliases as the merge gives them), each made once; sorted by code only
 * when an order is needed (KindIndex.items).
 */
function mergedIndexes(base: CatalogueEdition, userEntries: UserEntry[]): Record<ClassificationKind, KindIndex> {
  const maps: Record<ClassificationKind, Map<string, CatalogueItem>> = {
    functional: itemMap("functional", base.functional),
    deptEconomic: itemMap("deptEconomic", base.deptEconomic),
    govEconomic: itemMap("govEconomic", base.govEconomic),
    revenue: itemMap("revenue", base.revenue),
  };
  for (let i = 0; i < userEntries.length; i++) {
    const u = userEntries[i];
    const kind = u.kind ?? inferKind(u.code);
    if (!kind) continue;
    const map = maps[kind];
    const old = map.get(u.code);
    if (!old) {
      map.set(u.code, { code: u.code, name: u.name, kind, aliases: u.aliases?.length ? [...u.aliases] : NO_ALIASES });
      continue;
    }
    // as mergeEdition: the earlier name stays as an alias
    const aliases = replacedAliases(old, u);
    map.set(u.code, { code: u.code, name: u.name, kind, aliases: aliases.length ? aliases : NO_ALIASES });
  }
  return {
    functional: new KindIndex("functional", maps.functional, false),
    deptEconomic: new KindIndex("deptEconomic", maps.deptEconomic, false),
    govEconomic: new KindIndex("govEconomic", maps.govEconomic, false),
    revenue: new KindIndex("revenue", maps.revenue, false),
  };
}
