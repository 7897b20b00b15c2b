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
