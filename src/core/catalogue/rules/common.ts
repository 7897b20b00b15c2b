import type { RecognisedTable, TableId, TableRow } from "../../recognise/model";
import type { RuleContext } from "../../rules/types";
import { Catalogue, type MatchResult } from "../catalogue";
import { cleanCode, parentCode } from "../codes";
import type { ClassificationKind } from "../types";
import { tableIdsWhere, tableLayoutOf } from "../../layouts/registry";
import type { ColumnSpec, TableKind, TableLayout } from "../../layouts/types";

/**
 * What the catalogue rules share: where the catalogue comes from and which rows carry codes.
 *
 * The catalogue reaches the rules as `ctx.services.catalogue`, a `Catalogue` instance for the budget
 * year (the shells build it with `Catalogue.forYear(year, userEntries)`). When the service is absent
 * the rules fall back to the built-in edition of the recognised year; when there is none either, they
 * check nothing (code/unknown says so once).
 */

export const CATALOGUE_SERVICE = "catalogue";

type Side = "income" | "expenditure";

/**
 * The classification a table's subject codes belong to, by what the table is: functional tables
 * (收入总表 and 支出总表 included: both list 功能分类 subjects), the economic table, the revenue of the
 * 政府性基金 income table, and both sides of the two-sided 国有资本经营 table. Other kinds carry no
 * subject codes (summaries, 三公, project lists, forms).
 */
const CLASSIFICATION_OF_KIND: Partial<Record<TableKind, ClassificationKind | Record<Side, ClassificationKind>>> = {
  incomeSummary: "functional",
  expenditureSummary: "functional",
  gpbFunctional: "functional",
  gpbBasicEconomic: "deptEconomic",
  govFundIncome: "revenue",
  govFundFunctional: "functional",
  soeIncomeExpenditure: { income: "revenue", expenditure: "functional" },
  soeFunctional: "functional",
};

const isCodeColumn = (c: ColumnSpec): boolean => c.kind === "code";

export interface CodedTableSpec {
  id: TableId;
  kind: ClassificationKind;
  side?: Side;
}

/** A layout's coded sides: its kind has a classification and it declares a code column (on that side). */
function specsOf(t: TableLayout): CodedTableSpec[] {
  const cls = CLASSIFICATION_OF_KIND[t.kind];
  if (!cls) return [];
  if (typeof cls === "string") return t.columns.some(isCodeColumn) ? [{ id: t.id, kind: cls }] : [];
  return (["income", "expenditure"] as const).filter((side) => t.columns.some((c) => isCodeColumn(c) && c.side === side)).map((side) => ({ id: t.id, kind: cls[side], side }));
}

/**
 * Tables whose rows carry subject codes, and the classification of each side, derived from every
 * layout set's declarations (table kind and code columns): Shanxi's 表二/三/五/六/七/八/九 and Shanghai's
 * 表2/3/5/6/7/8 alike. Set order, so the Shanxi tables come first, as they always did.
 */
export const CODED_TABLES: CodedTableSpec[] = tableIdsWhere((t) => specsOf(t).length > 0).flatMap((id) => specsOf(tableLayoutOf(id)!));

export const CODED_TABLE_IDS: TableId[] = [...new Set(CODED_TABLES.map((t) => t.id))];

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
  // a plain loop: this runs for every coded row, several times a check (find's callback was a closure a row)
  const side = row.side ?? "expenditure";
  for (let i = 0; i < CODED_TABLES.length; i++) {
    const t = CODED_TABLES[i];
    if (t.id === table.id && (t.side === undefined || t.side === side)) return t.kind ?? null;
  }
  return null;
}

/**
 * Subject rows with a non-empty code in the coded tables, in table and row order, each handed to
 * `visit` with its classification and its code as typed, cleaned (full-width digits and spaces
 * removed); return true to stop. No object a row: the two code rules walked an array of ~100,000
 * such rows each (a `codedRows` list) for a 100,000-row workbook, alive (so copied by the
 * scavenges) while the rule ran.
 */
export function eachCodedRow(ctx: RuleContext, visit: (table: RecognisedTable, row: TableRow, kind: ClassificationKind, code: string) => boolean | void): void {
  for (let i = 0; i < CODED_TABLE_IDS.length; i++) {
    const tables = ctx.tablesOf(CODED_TABLE_IDS[i]);
    for (let ti = 0; ti < tables.length; ti++) {
      const table = tables[ti];
      const rows = table.rows;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        if (row.kind !== "subject" || !row.code) continue;
        const code = cleanCode(row.code.text);
        const kind = kindOfRow(table, row);
        if (code && kind && visit(table, row, kind, code) === true) return;
      }
    }
  }
}

/**
 * Rows of a table grouped by side (one group for one-sided tables), each in sheet order; read only: a
 * one-sided table's rows in order come back as they are (`table.rows`), not copied.
 */
export function rowsBySide(table: RecognisedTable): ReadonlyArray<readonly TableRow[]> {
  const all = table.rows;
  let oneSide = true;
  for (let i = 1; i < all.length && oneSide; i++) if (all[i].side !== all[0].side) oneSide = false;
  if (oneSide && inOrder(all)) return [all];
  const sides = new Map<string, TableRow[]>();
  for (const row of all) {
    const k = row.side ?? "";
    const list = sides.get(k);
    if (list) list.push(row);
    else sides.set(k, [row]);
  }
  // the lists are this function's own: sorted in place, and only when out of order (sort copies them)
  return [...sides.values()].map((rows) => (inOrder(rows) ? rows : rows.sort((a, b) => a.r - b.r)));
}

function inOrder(rows: readonly TableRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i - 1].r > rows[i].r) return false;
  return true;
}

/** The table's number in its layout (表二, 表5, 绩效目标表). */
export function tableLabel(id: TableId): string {
  return tableLayoutOf(id)?.number ?? id;
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
