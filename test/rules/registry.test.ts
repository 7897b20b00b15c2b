import * as fs from "fs";
import * as path from "path";
import { allRules } from "../../src/core/rules/all";
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

describe("the README's rule list", () => {
  // The README lists every rule (id, severity, title) as `budget-disclosure rules` does; a rule added,
  // removed or renamed without the README following fails here.
  const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
  const listed = [...readme.matchAll(/^\| `([a-z]+\/[a-z0-9-]+)` \| (error|warning|info) \| ([^|]+) \|/gm)].map((m) => ({ id: m[1], severity: m[2], title: m[3].trim() }));

  test("names every rule once, with its severity and Chinese title, and no rule that does not exist", () => {
    const rules = allRules();
    expect(listed.map((r) => r.id).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const r of rules) expect(listed.find((x) => x.id === r.id)).toEqual({ id: r.id, severity: r.severity, title: r.title.zh });
  });
});
