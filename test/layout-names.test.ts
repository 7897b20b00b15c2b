import { LAYOUT_SETS } from "../src/core/layouts/registry";
import { LAYOUT_SET_NAMES, TABLE_NAMES, layoutSetIds, tableNameOf } from "../src/core/layouts/names";
import * as registry from "../src/core/layouts/registry";

// The pane names layout sets and tables from names.ts (registry.ts stays out of its initial script):
// the two must say the same.
describe("layout names for the pane", () => {
  test("every layout set, in the registry's order, with its descriptions", () => {
    expect(LAYOUT_SET_NAMES).toEqual(LAYOUT_SETS.map((s) => ({ id: s.id, description: s.description, ...(s.descriptionEn ? { descriptionEn: s.descriptionEn } : {}) })));
    expect(layoutSetIds()).toEqual(registry.layoutSetIds());
  });

  test("every table outside 表一…表十三, of every set, with the registry's number and English name", () => {
    const expected: Record<string, { number: string; standardNameEn?: string }> = {};
    for (const set of LAYOUT_SETS)
      for (const t of set.tables) {
        if (/^T\d/.test(t.id) || t.id in expected) continue;
        const l = registry.tableLayoutOf(t.id)!;
        expected[t.id] = { number: l.number, ...(l.standardNameEn ? { standardNameEn: l.standardNameEn } : {}) };
      }
    expect(TABLE_NAMES).toEqual(expected);
    expect(tableNameOf("SH3")).toEqual({ number: "表3", standardNameEn: "Expenditure budget summary" });
    expect(tableNameOf("T05")).toBeUndefined();
  });
});
