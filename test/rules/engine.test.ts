import { isTableLocal, makeRuleContext, mergeReports, runRules, tableLocal } from "../../src/core/rules/engine";
import type { Rule } from "../../src/core/rules/types";
import { EMPTY_WORKBOOK, recognition, table } from "./helpers";

const t02 = table("T02", { cols: ["total"], rows: [["=合计", "1.00"], ["201 一般公共服务支出", "1.00"]], sheet: "表二" });
const t03 = table("T03", { cols: ["total"], rows: [["=合计", "1.00"], ["201 一般公共服务支出", "1.00"]], sheet: "表三" });
const pt1 = table("PT", { cols: [], rows: [], sheet: "绩效1" });
const pt2 = table("PT", { cols: [], rows: [], sheet: "绩效2" });
const rec = recognition([t02, t03, pt1, pt2]);

function rule(id: string, reads: Rule["reads"], check: Rule["check"], severity: Rule["severity"] = "warning"): Rule {
  return { id, severity, title: { zh: `规则${id}`, en: `rule ${id}` }, doc: "test", reads, check };
}

const pointAtEveryRow = rule("t/rows", ["T02", "T03"], (ctx, report) => {
  // reported in reverse so that the engine's sorting is what puts them in order
  for (const id of ["T03", "T02"] as const) {
    const t = ctx.table(id)!;
    for (const row of [...t.rows].reverse()) {
      report({ table: id, sheet: t.sheet, cell: `C${row.r + 1}`, message: "甲", messageEn: "a" });
    }
  }
});

describe("makeRuleContext", () => {
  test("table() gives the first table of an id, tablesOf() all of them", () => {
    const ctx = makeRuleContext(rec, EMPTY_WORKBOOK, { x: 1 });
    expect(ctx.table("T02")).toBe(t02);
    expect(ctx.table("T07")).toBeUndefined();
    expect(ctx.tablesOf("PT")).toEqual([pt1, pt2]);
    expect(ctx.tablesOf("T09")).toEqual([]);
    expect(ctx.services.x).toBe(1);
  });
});

describe("runRules", () => {
  const ctx = makeRuleContext(rec, EMPTY_WORKBOOK);

  test("stamps rule id and default severity, keeps an explicit severity", () => {
    const r = runRules(ctx, [
      rule("t/a", ["T02"], (_c, report) => {
        report({ table: "T02", sheet: "表二", cell: "C6", message: "甲", messageEn: "a" });
        report({ table: "T02", sheet: "表二", cell: "C7", message: "乙", messageEn: "b", severity: "info" });
      }),
    ]);
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.cell])).toEqual([
      ["t/a", "warning", "C6"],
      ["t/a", "info", "C7"],
    ]);
    expect(r.summary).toEqual({ errors: 0, warnings: 1, infos: 1 });
  });

  test("sorts findings by table order, then row", () => {
    const r = runRules(ctx, [pointAtEveryRow]);
    expect(r.findings.map((f) => `${f.table}!${f.cell}`)).toEqual(["T02!C6", "T02!C7", "T03!C6", "T03!C7"]);
  });

  test("counts rules run and tables checked, even with no findings", () => {
    const quiet = rule("t/quiet", ["T02"], () => undefined);
    const all = rule("t/all", ["*"], () => undefined);
    expect(runRules(ctx, [quiet]).stats).toMatchObject({ rulesRun: 1, tablesChecked: 1, ruleIds: ["t/quiet"] });
    expect(runRules(ctx, [quiet, all]).stats).toMatchObject({ rulesRun: 2, tablesChecked: 4 });
    expect(runRules(ctx, []).stats).toMatchObject({ rulesRun: 0, tablesChecked: 0 });
    const none = runRules(ctx, [rule("t/t07", ["T07"], () => undefined)]);
    expect(none.stats).toMatchObject({ rulesRun: 1, tablesChecked: 0 });
  });

  test("a disabled rule does not run and is listed", () => {
    const r = runRules(ctx, [pointAtEveryRow], { disabled: ["t/rows"] });
    expect(r.findings).toHaveLength(0);
    expect(r.stats.rulesRun).toBe(0);
    expect(r.stats.disabled).toEqual(["t/rows"]);
  });

  test("a rule that throws becomes one error finding naming it; the others still run", () => {
    const boom = rule("t/boom", ["T02"], (_c, report) => {
      report({ table: "T02", sheet: "表二", cell: "C6", message: "半途", messageEn: "half" });
      throw new Error("坏了");
    });
    const r = runRules(ctx, [boom, pointAtEveryRow]);
    const failed = r.findings.filter((f) => f.ruleId === "t/boom");
    expect(failed).toHaveLength(1);
    expect(failed[0].severity).toBe("error");
    expect(failed[0].message).toContain("规则执行失败");
    expect(failed[0].message).toContain("t/boom");
    expect(failed[0].messageEn).toContain("坏了");
    expect(r.findings.filter((f) => f.ruleId === "t/rows")).toHaveLength(4);
    expect(r.stats.rulesRun).toBe(2);
  });

  test("onlyTables runs the rules reading an edited table, or everything", () => {
    const seen: string[] = [];
    const rules = [
      rule("t/02", ["T02"], () => void seen.push("t/02")),
      rule("t/03", ["T03"], () => void seen.push("t/03")),
      rule("t/star", ["*"], () => void seen.push("t/star")),
      rule("t/narr", ["narrative", "T03"], () => void seen.push("t/narr")),
    ];
    const r = runRules(ctx, rules, { onlyTables: ["T02"] });
    expect(seen).toEqual(["t/02", "t/star"]);
    expect(r.stats.ruleIds).toEqual(["t/02", "t/star"]);
    expect(r.stats.tablesChecked).toBe(1);
  });

  test("mergeReports swaps the findings of the re-run rules", () => {
    let n = 0;
    const counting = rule("t/count", ["T02"], (_c, report) => {
      n++;
      report({ table: "T02", sheet: "表二", cell: "C6", message: `第${n}次`, messageEn: `run ${n}` });
    });
    const full = runRules(ctx, [counting, pointAtEveryRow]);
    const partial = runRules(ctx, [counting, pointAtEveryRow], { onlyTables: ["T02"] });
    const merged = mergeReports(rec, full, partial);
    expect(merged.findings.filter((f) => f.ruleId === "t/count").map((f) => f.message)).toEqual(["第2次"]);
    expect(merged.findings).toHaveLength(5);
    expect(merged.stats).toEqual(full.stats);
  });
});

describe("table-local rules in a live re-check", () => {
  const seenTables: string[] = [];
  const local = tableLocal(
    rule("t/local", ["*"], (ctx, report) => {
      for (const t of ctx.recognition.tables) {
        seenTables.push(t.id);
        report({ table: t.id, sheet: t.sheet, cell: "A1", message: `甲${t.id}`, messageEn: "a" });
      }
    }),
  );

  test("run on the edited tables only, and merge only their findings", () => {
    const ctx = makeRuleContext(rec, EMPTY_WORKBOOK);
    const full = runRules(ctx, [local]);
    expect(full.findings.map((f) => f.table)).toEqual(["T02", "T03", "PT", "PT"]);
    seenTables.length = 0;
    const partial = runRules(ctx, [local], { onlyTables: ["T03"] });
    expect(seenTables).toEqual(["T03"]);
    expect(partial.findings.map((f) => f.table)).toEqual(["T03"]);
    const merged = mergeReports(rec, full, partial);
    expect(merged.findings.map((f) => f.table)).toEqual(["T02", "T03", "PT", "PT"]);
    expect(isTableLocal(local)).toBe(true);
  });

  test("a rule reading across tables still sees them all", () => {
    let seen = 0;
    const across = rule("t/across", ["T03"], (ctx) => void (seen = ctx.recognition.tables.length));
    runRules(makeRuleContext(rec, EMPTY_WORKBOOK), [across], { onlyTables: ["T03"] });
    expect(seen).toBe(4);
    expect(isTableLocal(across)).toBe(false);
  });

  test("a local rule's finding that went away on the edited table is dropped", () => {
    let broken = true;
    const sometimes = tableLocal(
      rule("t/sometimes", ["*"], (ctx, report) => {
        for (const t of ctx.recognition.tables) if (broken || t.id !== "T03") report({ table: t.id, sheet: t.sheet, cell: "B2", message: "乙", messageEn: "b" });
      }),
    );
    const ctx = makeRuleContext(rec, EMPTY_WORKBOOK);
    const full = runRules(ctx, [sometimes]);
    broken = false;
    const merged = mergeReports(rec, full, runRules(ctx, [sometimes], { onlyTables: ["T03"] }));
    expect(merged.findings.map((f) => f.table)).toEqual(["T02", "PT", "PT"]);
  });
});
