/**
 * The workbooks the metamorphic suite starts from: the sample builder's variants (scripts/sample),
 * turned into WorkbookSnapshots in memory (no .xlsx round trip, for speed), each with the SampleMap that
 * says where every table row, figure, form field and narrative paragraph landed, and a "semantic" index
 * of that map: cell → what the cell is (T03 row 7 total, PT1 annual.total, narrative paragraph 12), so
 * that a finding's cell in one variant can be carried to the same thing in another.
 */
import { planSample, type SampleMap, type SampleOptions } from "../../scripts/sample/build";
import type { CellSpec, SheetPlan } from "../../scripts/sample/grid";
import { sumFormula } from "../../scripts/sample/grid";
import type { Cell, SheetSnapshot, WorkbookSnapshot } from "../../src/core/workbook/snapshot";

const FORMATS: Partial<Record<CellSpec["kind"], string>> = { amount: "0.00", yuan: "#,##0", text: "@", code: "@" };

function toCell(spec: CellSpec): Cell | undefined {
  const z = FORMATS[spec.kind];
  if (spec.raw) return { v: spec.raw.result ?? null, f: spec.raw.formula.replace(/^=/, ""), ...(z ? { z } : {}) };
  if (spec.sum) return { v: spec.sum.result, f: sumFormula(spec.sum.refs), ...(z ? { z } : {}) };
  if (spec.v === null) return undefined;
  return { v: spec.v, ...(z ? { z } : {}) };
}

/** A sheet plan as our .xlsx reader would give it back (values, formulas with cached results, formats, merges). */
export function planToSheet(plan: SheetPlan): SheetSnapshot {
  const rows: SheetSnapshot["rows"] = [];
  const covered = new Set<string>();
  for (const [r0, c0, r1, c1] of plan.merges) {
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) covered.add(`${r}:${c}`);
  }
  plan.rows.forEach((src, r) => {
    if (!src) return;
    const out: Array<Cell | undefined> = [];
    src.forEach((spec, c) => {
      if (!spec || covered.has(`${r}:${c}`)) return;
      const cell = toCell(spec);
      if (cell) out[c] = cell;
    });
    if (out.length) rows[r] = out;
  });
  return { name: plan.name, visibility: "visible", rows, merges: plan.merges.map(([r0, c0, r1, c1]) => ({ r0, c0, r1, c1 })) };
}

export interface Base {
  name: string;
  opts: SampleOptions;
  wb: WorkbookSnapshot;
  map: SampleMap;
  /** sheet!A1 → semantic key */
  keyOf: Map<string, string>;
  /** semantic key → sheet!A1 */
  cellOf: Map<string, string>;
}

/** Semantic keys of every addressable thing in a SampleMap. */
export function semanticIndex(map: SampleMap): { keyOf: Map<string, string>; cellOf: Map<string, string> } {
  const keyOf = new Map<string, string>();
  const cellOf = new Map<string, string>();
  const add = (sheet: string, cell: string | undefined, key: string) => {
    if (!cell) return;
    const at = `${sheet}!${cell}`;
    if (!keyOf.has(at)) keyOf.set(at, key);
    cellOf.set(key, at);
  };
  for (const [id, t] of Object.entries(map.tables)) {
    if (!t) continue;
    add(t.sheet, t.titleCell, `${id}|title`);
    add(t.sheet, t.unitNameCell, `${id}|unitName`);
    add(t.sheet, t.moneyUnitCell, `${id}|moneyUnit`);
    t.noteCells.forEach((c, i) => add(t.sheet, c, `${id}|note${i}`));
    t.rows.forEach((row, i) => {
      add(t.sheet, row.nameCell, `${id}|${i}|name`);
      add(t.sheet, row.codeCell, `${id}|${i}|code`);
      for (const [role, c] of Object.entries(row.cells)) add(t.sheet, c, `${id}|${i}|${role}`);
    });
  }
  for (const [id, p] of Object.entries(map.performance)) {
    if (!p) continue;
    add(p.sheet, p.titleCell, `${id}|title`);
    add(p.sheet, p.yearCell, `${id}|year`);
    for (const [field, c] of Object.entries(p.cells)) add(p.sheet, c, `${id}|${field}`);
    p.indicators.forEach((ind, i) => {
      add(p.sheet, ind.nameCell, `${id}|ind${i}|name`);
      add(p.sheet, ind.targetCell, `${id}|ind${i}|target`);
      add(p.sheet, ind.level1Cell, `${id}|ind${i}|level1`);
      add(p.sheet, ind.level2Cell, `${id}|ind${i}|level2`);
    });
  }
  map.narrative?.paragraphs.forEach((p, i) => add(map.narrative!.sheet, p.cell, `N|${i}`));
  return { keyOf, cellOf };
}

const cache = new Map<string, Base>();

/** A builder variant as a snapshot with its map (memoised by options). */
export function base(name: string, opts: SampleOptions = {}): Base {
  const key = JSON.stringify(opts);
  let b = cache.get(key);
  if (!b) {
    const { plans, map } = planSample(opts);
    const wb: WorkbookSnapshot = { name: "sample.xlsx", sheets: plans.map(planToSheet) };
    b = { name, opts, wb, map, ...semanticIndex(map) };
    cache.set(key, b);
  }
  return b;
}

/**
 * The workbooks: each a correct disclosure laid out differently by the builder. Every one must give
 * the seed's findings, carried over through the maps.
 */
export const BASES: Array<[string, SampleOptions]> = [
  ["seed", {}],
  ["headers repeated over their areas", { mergedHeaders: false }],
  ["headers written once, unmerged", { mergedHeaders: "once" }],
  ["headers written once, two-row labels low", { mergedHeaders: "bottom" }],
  ["codes as numbers", { codesAsNumbers: true }],
  ["code cells empty, names indented", { noCodes: "empty" }],
  ["code columns dropped, names indented", { noCodes: "drop" }],
  ["parent rows as SUM formulas", { formulas: true }],
  ["表六 named for a 机关 by item", { economicNames: "agencyItem" }],
  ["表六 named for a 机关 by class, class rows too", { economicNames: "agencyClass", economicClassRows: true }],
  ["表六 named for a 事业单位 by class", { economicNames: "institutionClass" }],
  ["another year and unit", { year: 2025, unitName: "某某县教育局" }],
  ["all on one sheet, shuffled", { layout: "singleSheet", order: "shuffled", seed: 5 }],
  ["sheets 预算公开表N with captions", { sheetNames: "预算公开表", captions: true }],
];
