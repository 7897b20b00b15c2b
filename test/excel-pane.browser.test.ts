/**
 * The real task pane (taskpane.html, built with webpack) in headless Chromium, inside a simulated
 * Excel: the page's request for office.js is answered with the Excel simulator (test/excel-sim),
 * over the sample workbook, at the ExcelApi level the test names. The pane must find what the CLI
 * finds in the same file at every level the manifest admits, in few round trips.
 */
import * as fs from "fs";
import * as path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { analyse, type AnalysisResult } from "../src/core/analyse";
import { readWorkbookFile } from "../src/node/read-file";
import { buildPages } from "./browser/build";
import { serveDir, type StaticServer } from "./browser/serve";
import { buildSimBundle } from "./browser/sim-bundle";
import { openExcelPane, type ExcelPane } from "./browser/excel-pane";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");
const OUT = path.join(ROOT, ".tmp", "excel-pane-build");
const SIM_OUT = path.join(ROOT, ".tmp", "excel-sim-bundle");
const CHROMIUM = "/usr/bin/chromium";
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`excel-pane.browser.test: skipped, no Chromium at ${CHROMIUM}`);
const withChromium = haveChromium ? describe : describe.skip;

let server: StaticServer;
let browser: Browser;
let simScript: string;
const expected: AnalysisResult = analyse(readWorkbookFile(SAMPLE));

withChromium("the task pane in a simulated Excel", () => {
  beforeAll(async () => {
    await buildPages(OUT, ["taskpane"]);
    simScript = await buildSimBundle(SIM_OUT);
    server = await serveDir(OUT);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = (api: string, workbook = SAMPLE): Promise<ExcelPane> => openExcelPane(browser, server.url, simScript, { api, workbook });

  /** What the pane shows: counts and every finding's rule, severity and text. */
  async function shown(page: Page) {
    const count = async (k: string) => Number(await page.getByTestId(`count-${k}-n`).textContent());
    const items = await page.getByTestId("finding").evaluateAll((els) =>
      els.map((e) => ({ rule: e.getAttribute("data-rule"), severity: e.getAttribute("data-severity"), text: e.textContent ?? "" })),
    );
    return { errors: await count("error"), warnings: await count("warning"), infos: await count("info"), items };
  }

  test.each(["1.7", "1.9", "1.13"])("ExcelApi %s: 校验 on the sample gives the CLI's findings, opening in at most 3 round trips", async (api) => {
    const pane = await open(api);
    try {
      const { page } = pane;
      await page.getByTestId("check").click();
      await page.getByTestId("summary").waitFor({ timeout: 30_000 });
      await page.getByTestId("tab-findings").click();
      const got = await shown(page);
      const sum = expected.report.summary;
      const rulesOf = (list: Array<{ rule: string | null; severity: string | null }>) => list.map((f) => `${f.severity} ${f.rule}`).sort();
      expect(rulesOf(got.items)).toEqual(rulesOf(expected.report.findings.map((f) => ({ rule: f.ruleId, severity: f.severity }))));
      expect({ errors: got.errors, warnings: got.warnings, infos: got.infos }).toEqual({ errors: sum.errors, warnings: sum.warnings, infos: sum.infos });
      for (const f of expected.report.findings) expect(got.items.some((x) => x.rule === f.ruleId && x.text.includes(f.message))).toBe(true);
      expect(await pane.sim((s) => s.host.syncs)).toBeLessThanOrEqual(3);
      expect(pane.pageErrors).toEqual([]);
      expect(pane.remote).toEqual([]);
    } finally {
      await pane.close();
    }
  });
});
