import { coreRules, defaultRules } from "../../src/core/rules/index";
import type { Rule } from "../../src/core/rules/types";

describe("rule registry", () => {
  test("ids are unique and name their area", () => {
    const ids = coreRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(sum|cross|structure|performance)\/[a-z0-9-]+$/);
  });

  test.each(coreRules.map((r) => [r.id, r] as [string, Rule]))("%s documents itself", (_id, r) => {
    expect(r.title.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.title.en).toMatch(/^[A-Z]/);
    expect(r.doc.length).toBeGreaterThan(10);
    expect(r.reads.length).toBeGreaterThan(0);
    expect(["error", "warning", "info"]).toContain(r.severity);
  });

  test("the areas the checks issue asks for are all there", () => {
    const ids = new Set(coreRules.map((r) => r.id));
    for (const id of [
      "sum/children", "sum/total-row", "sum/columns", "sum/summary-table", "sum/vehicle",
      "cross/summary-totals", "cross/income-sources", "cross/class-rows", "cross/gpb-expenditure", "cross/basic-economic",
      "cross/project-total", "cross/economic-functional", "cross/govfund",
      "performance/annual-vs-t12", "performance/funding-split", "performance/cost-cap", "performance/in-t12",
      "structure/all-tables", "structure/empty-note", "structure/same-year", "structure/same-unit", "structure/money-unit",
      "structure/duplicate-code", "structure/missing-parent", "structure/text-number", "structure/excel-error",
      "structure/excess-decimals", "structure/negative", "structure/formula-sum",
    ]) expect(ids.has(id)).toBe(true);
  });

  test("defaultRules appends the extra rules after the core ones", () => {
    const extra: Rule = { id: "narrative/x", severity: "info", title: { zh: "甲", en: "A" }, doc: "test rule", reads: ["narrative"], check: () => undefined };
    const all = defaultRules([extra]);
    expect(all).toHaveLength(coreRules.length + 1);
    expect(all[all.length - 1]).toBe(extra);
    expect(defaultRules()).toEqual(coreRules);
    expect(defaultRules()).not.toBe(coreRules);
  });
});
