import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import type { RuleContext } from "../../rules/types";
import { Catalogue, type MatchResult } from "../catalogue";
import { cleanCode, parentCode } from "../codes";
import type { ClassificationKind } from "../types";

/**
 * What the catalogue rules share: where the catalogue comes from and which rows carry codes.
 *
 * The catalogue reaches the rules as `ctx.services.catalogue`, a `Catalogue` instance for the budget
 * year (the shells build it with `Catalogue.forYear(year, userEntries)`). When the service is absent
 * the rules fall back to the built-in edition of the recognised year; when there is none either, they
 * check nothing (code/unknown says so once).
 */

export const CATALOGUE_SERVICE = "catalogue";

/** Tables whose rows carry subject codes, and the classification of each side. */
export const CODED_TABLES: Array<{ id: TableId; kind: ClassificationKind; side?: "income" | "expenditure" }> = [
  { id: "T02", kind: "functional" },
  { id: "T03", kind: "functional" },
  { id: "T05", kind: "functional" },
  { id: "T06", kind: "deptEconomic" },
  { id: "T07", kind: "revenue" },
  { id: "T08", kind: "functional" },
  { id: "T09", kind: "revenue", side: "income" },
  { id: "T09", kind: "functional", side: "expenditure" },
];

export const CODED_TABLE_IDS: TableId[] = ["T02", "T03", "T05", "T06", "T07", "T08", "T09"];

function isCatalogue(x: unknown): x is Catalogue {
  return x instanceof Catalogue || (typeof x === "object" && x !== null && typeof (x as Catalogue).matchName === "function");
}

const fallback = new Map<number, Catalogue | null>();

export function catalogueOf(ctx: RuleContext): Catalogue | null {
  const given = ctx.services[CATALOGUE_SERVICE];
  if (isCatalogue(given)) return given;
  const year = ctx.recognition.year ?? ctx.recognition.tables.find((t) => t.year)?.year ?? null;
  if (year === null) return null;
  if (!fallback.has(year)) fallback.set(year, Catalogue.forYear(year));
  return fallback.get(year) ?? null;
}

/** The classification a row's code belongs to in its table. */
export function kindOfRow(table: RecognisedTable, row: TableRow): ClassificationKind | null {
  const spec = CODED_TABLES.find((t) => t.id === table.id && (t.side === undefined || t.side === (row.side ?? "expenditure")));
  return spec?.kind ?? null;
}

export interface CodedRow {
  table: RecognisedTable;
  row: TableRow;
  kind: ClassificationKind;
  /** The code as typed, cleaned (full-width digits and spaces removed). */
  code: string;
}

/** Subject rows with a non-empty code in the coded tables, in table and row order. */
export function codedRows(ctx: RuleContext): CodedRow[] {
  const out: CodedRow[] = [];
  for (const id of CODED_TABLE_IDS) {
    for (const table of ctx.tablesOf(id)) {
      for (const row of table.rows) {
        if (row.kind !== "subject" || !row.code) continue;
        const code = cleanCode(row.code.text);
        const kind = kindOfRow(table, row);
        if (code && kind) out.push({ table, row, kind, code });
      }
    }
  }
  return out;
}

/** Rows of a table grouped by side (one group for one-sided tables), each in sheet order. */
export function rowsBySide(table: RecognisedTable): TableRow[][] {
  const sides = new Map<string, TableRow[]>();
  for (const row of table.rows) {
    const k = row.side ?? "";
    const list = sides.get(k);
    if (list) list.push(row);
    else sides.set(k, [row]);
  }
  return [...sides.values()].map((rows) => [...rows].sort((a, b) => a.r - b.r));
}

export function tableLabel(id: TableId): string {
  const n = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];
  return id === "PT" ? "绩效目标表" : `表${n[Number(id.slice(1)) - 1]}`;
}

/** The nearest ancestor of a code that the catalogue knows (20106 for 2010699), or null. */
export function knownAncestor(cat: Catalogue, code: string, kind: ClassificationKind): string | null {
  for (let p = parentCode(code); p; p = parentCode(p)) if (cat.has(p, kind)) return p;
  return null;
}

/**
 * The code a written name points to, for suggestions: first among the descendants of the row code's
 * known ancestor (a wrong 项 under the right 款), then anywhere. Null unless exactly one code fits.
 */
export function suggestCode(cat: Catalogue, name: string, code: string, kind: ClassificationKind): MatchResult | null {
  const codeLength = [3, 5, 7, 9].includes(code.length) ? code.length : undefined;
  const near = cat.matchName(name, { kind, parentCode: knownAncestor(cat, code, kind), codeLength });
  if (near?.code) return near;
  const far = cat.matchName(name, { kind, codeLength });
  return far?.code ? far : null;
}
