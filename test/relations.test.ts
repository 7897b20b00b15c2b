/**
 * Relations as data (issue 8 §1): the cross/* rules are one evaluator over the relations the layout
 * sets declare, so no rule module names a table; and the evaluator's live fast path (a typed figure
 * re-evaluates only the relations of its table) gives what a full check gives, for the Shanghai
 * relations as for the Shanxi ones (test/analyse.test.ts, test/live-core.test.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { analyse, recheckEdit } from "../src/core/analyse";
import { LAYOUT_SETS } from "../src/core/layouts/registry";
import { relationTables } from "../src/core/layouts/types";
import { coreRules } from "../src/core/rules/index";
import { a1, parseA1, type WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { buildShanghaiWorkbook } from "../scripts/sample/shanghai";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { cloneWorkbook } from "./metamorphic/transforms";

const CROSS_DIR = path.resolve(__dirname, "../src/core/rules/cross");

describe("the cross-table rules know no table", () => {
  test("no module of rules/cross names a table id of any set", () => {
    const ids = new Set(LAYOUT_SETS.flatMap((s) => s.tables.map((t) => t.id)));
    for (const file of fs.readdirSync(CROSS_DIR)) {
      const text = fs.readFileSync(path.join(CROSS_DIR, file), "utf8");
      const named = [...text.matchAll(/"([A-Z]{1,2}\w*)"/g)].map((m) => m[1]).filter((x) => ids.has(x as never));
      expect(`${file}: ${named.join(", ")}`).toBe(`${file}: `);
    }
  });

  test("each cross/* rule reads exactly the tables of the relations that name it", () => {
    for (const rule of coreRules.filter((r) => r.id.startsWith("cross/"))) {
      const tables = new Set<string>();
      for (const set of LAYOUT_SETS) for (const rel of set.relations ?? []) if ((rel.rule ?? "cross/declared-relations") === rule.id) relationTables(rel).forEach((t) => tables.add(t));
      expect(tables.size).toBeGreaterThan(0);
      expect([...rule.reads].sort()).toEqual([...tables].sort());
    }
  });
});

describe("the live re-check of a figure in a Shanghai table equals a full check", () => {
  async function sample(): Promise<WorkbookSnapshot> {
    const { buffer } = await buildShanghaiWorkbook({});
    return readWorkbookBytes(new Uint8Array(buffer), "sh.xlsx");
  }

  test("every third figure of the sample's tables, nudged by 1 元 and by 10,000 元", async () => {
    const wb0 = await sample();
    const first = analyse(wb0);
    const cells: Array<[string, number, number]> = [];
    for (const t of first.recognition.tables) {
      if (t.form) continue;
      for (const row of t.rows) {
        for (const a of Object.values(row.amounts)) {
          const p = parseA1(a.cell)!;
          cells.push([t.sheet, p.r, p.c]);
        }
      }
    }
    const picked = cells.filter((_, i) => i % 3 === 0);
    expect(picked.length).toBeGreaterThan(30);
    let compared = 0;
    for (const [sheet, r, c] of picked) {
      for (const delta of [1, 10000]) {
        const wb = cloneWorkbook(wb0);
        const before = analyse(wb);
        const cell = wb.sheets.find((s) => s.name === sheet)!.rows[r]![c]!;
        cell.v = (cell.v as number) + delta;
        const live = recheckEdit(wb, before, sheet, a1(r, c));
        const full = analyse(wb);
        expect({ at: `${sheet}!${a1(r, c)} +${delta}`, findings: live.report.findings }).toEqual({ at: `${sheet}!${a1(r, c)} +${delta}`, findings: full.report.findings });
        compared++;
      }
    }
    expect(compared).toBe(picked.length * 2);
  });
});
