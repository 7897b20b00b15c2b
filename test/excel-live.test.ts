/**
 * The Excel adapter and the pane's live pieces together, in Node: the simulator over the sample,
 * the adapter reading and watching it, the live plan (src/taskpane/live.ts) and the worker's
 * session re-checking. After each burst the findings must equal a full analysis of the workbook as
 * the adapter reads it then, in one read per burst.
 */
import * as path from "path";
import { readWorkbookFile } from "../src/node/read-file";
import { createExcelHost } from "../src/excel/host";
import { analyse } from "../src/core/analyse";
import type { ChangeEvent, ExcelHost } from "../src/taskpane/host";
import { opsOf, planReads } from "../src/taskpane/live";
import { AnalysisSession } from "../src/taskpane/worker/session";
import { createSimulator, installGlobals, type Simulator } from "./excel-sim";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { buildHierarchy } from "../src/core/rules/sum/relations";
import { buildLargeWorkbook } from "../scripts/sample/large";
import { catalogueEntriesOf } from "../scripts/bench-lib";

const SAMPLE = path.join(__dirname, "..", "assets", "samples", "2026-单位预算公开-样例.xlsx");
const sample = readWorkbookFile(SAMPLE);
const summary = (r: { report: { summary: { errors: number; warnings: number; infos: number } } }) => {
  const { errors, warnings, infos } = r.report.summary;
  return { errors, warnings, infos };
};
const keys = (r: { report: { findings: ReadonlyArray<{ ruleId: string; sheet?: string | null; cell?: string | null; message: string }> } }) =>
  r.report.findings.map((f) => `${f.ruleId} ${f.sheet ?? ""}!${f.cell ?? ""} ${f.message}`).sort();

describe.each(["1.7", "1.13"])("live re-check through the adapter at ExcelApi %s", (level) => {
  let sim: Simulator;
  let host: ExcelHost;
  let session: AnalysisSession;
  let restore: () => void;
  const events: ChangeEvent[] = [];

  beforeAll(async () => {
    sim = createSimulator(sample, { apiVersion: level });
    restore = installGlobals(sim);
    host = createExcelHost(level);
    session = new AnalysisSession();
    session.load({ snapshot: await host.readWorkbook() });
    session.analyse({ options: { disabledRules: [] } }, () => undefined);
    await host.watch({ onChange: (e) => events.push(e) });
  });
  afterAll(() => restore());

  /** One burst as the pane runs it; returns the re-checked view and the reads spent. */
  async function burst(act: () => void) {
    events.length = 0;
    act();
    await sim.driver.settled();
    await new Promise((r) => setTimeout(r, 30));
    const reads0 = sim.host.reads;
    const tables = (session as unknown as { result: { recognition: { tables: Array<{ sheet: string; box: never }> } } }).result.recognition.tables;
    const plan = planReads(events, tables);
    const data = await host.readRegions(plan.requests);
    const reads = sim.host.reads - reads0;
    const out = session.live({ ops: opsOf(plan, data) });
    const fresh = analyse(await host.readWorkbook());
    return { out, fresh, reads };
  }

  test("a wrong figure, then its fix: the findings are those of a full analysis each time", async () => {
    const wrong = await burst(() => sim.driver.type("表一", "D6", 434.68));
    expect(wrong.reads).toBe(1);
    expect(wrong.fresh.report.summary.errors).toBeGreaterThan(0);
    expect(summary(wrong.out.view)).toEqual(summary(wrong.fresh));
    expect(keys(wrong.out.view)).toEqual(keys(wrong.fresh));
    const fixed = await burst(() => sim.driver.type("表一", "D6", 434.67));
    expect(summary(fixed.out.view)).toEqual(summary(fixed.fresh));
    expect(keys(fixed.out.view)).toEqual(keys(fixed.fresh));
    expect(fixed.fresh.report.summary).toEqual(analyse(sample).report.summary);
  });
});

describe("a large table whose parents are SUM formulas, recalculated by the simulator as Excel does", () => {
  test("a typed figure reads its row, its ancestors and the totals in one read, and the findings are a full analysis's", async () => {
    const snapshot = readWorkbookBytes(new Uint8Array(await buildLargeWorkbook({ subjectRows: 3000, projects: 50 })), "large.xlsx");
    const t03 = analyse(snapshot).recognition.tables.find((t) => t.id === "T03")!;
    const h = buildHierarchy(t03, undefined);
    const col = t03.columns.find((c) => c.role === "total")!;
    const sheet = snapshot.sheets.find((s) => s.name === t03.sheet)!;
    // 类 and 款 rows add up their children, as a clerk's workbook does.
    let formulas = 0;
    h.rows.forEach((row, i) => {
      const kids = h.children[i];
      if (!kids?.length) return;
      sheet.rows[row.r]![col.c] = { ...sheet.rows[row.r]![col.c]!, f: `SUM(${kids.map((k) => `${col.letter}${k.r + 1}`).join(",")})` };
      formulas++;
    });
    expect(formulas).toBeGreaterThan(10);
    const sim = createSimulator(snapshot, { apiVersion: "1.13" });
    const restore = installGlobals(sim);
    try {
      const host = createExcelHost("1.13");
      const session = new AnalysisSession();
      session.load({ snapshot: await host.readWorkbook() });
      // The synthetic codes as a user edition (as the bench does): a few findings, all in the view.
      const catalogueEntries = catalogueEntriesOf(analyse(snapshot).recognition);
      let view = session.analyse({ options: { disabledRules: [], catalogueEntries } }, () => undefined);
      const table = view.recognition.tables.find((t) => t.id === "T03")!;
      expect(table.reads).toBeDefined();
      const events: ChangeEvent[] = [];
      await host.watch({ onChange: (e) => events.push(e) });
      const item = h.rows.find((r, i) => h.parent[i] >= 0 && !h.children[i] && r.amounts.total)!;
      const lei = h.rows[h.parent[h.parent[h.rows.indexOf(item)]]];
      const leiBefore = sim.driver.value(t03.sheet, lei.amounts.total.cell);
      for (const delta of [5, -5]) {
        events.length = 0;
        const typed = Number(sim.driver.value(t03.sheet, item.amounts.total.cell)) + delta;
        sim.driver.type(t03.sheet, item.amounts.total.cell, typed);
        await sim.driver.settled();
        await new Promise((r) => setTimeout(r, 30));
        // Excel recalculated the 类 above it, without an event for it.
        expect(Number(sim.driver.value(t03.sheet, lei.amounts.total.cell))).toBeCloseTo(Number(leiBefore) + (delta > 0 ? 5 : 0), 6);
        expect(events).toEqual([{ kind: "cells", sheet: t03.sheet, address: item.amounts.total.cell }]);
        const plan = planReads(events, view.recognition.tables);
        const rows = plan.requests.reduce((n, q) => n + (q.box ? q.box.r1 - q.box.r0 + 1 : Infinity), 0);
        expect(rows).toBeLessThan(10);
        const reads0 = sim.host.reads;
        const data = await host.readRegions(plan.requests);
        expect(sim.host.reads - reads0).toBe(1);
        const out = session.live({ ops: opsOf(plan, data) });
        view = out.view;
        const fresh = analyse(await host.readWorkbook(), { catalogueEntries });
        expect(out.view.groups).toBeUndefined();
        expect(summary(out.view)).toEqual(summary(fresh));
        expect(keys(out.view)).toEqual(keys(fresh));
      }
    } finally {
      restore();
    }
  });
});
