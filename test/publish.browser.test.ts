/**
 * 公开材料 in real headless Chromium: the charts drawn as accessible SVG on the browser page and in
 * the task pane; in a simulated Excel (test/excel-sim, the real taskpane.html) 插入为 Excel 图表 adds
 * a sheet with the data and native charts and 写入新工作表 writes the package into a new sheet, and a
 * check afterwards shows the findings it showed before; the open-data package downloads as a .zip
 * holding the files the CLI's `export --fdp` writes, byte for byte.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { analyse } from "../src/core/analyse";
import { disclosureCharts } from "../src/core/publish/charts";
import { reassemblePackage, SHEET_MARKERS } from "../src/core/publish/addin-sheets";
import type { WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { readWorkbookFile } from "../src/node/read-file";
import { diagnosed, openExcelPane, type ExcelPane } from "./browser/excel-pane";
import { describeWithChromium, openTails, pageErrorsOf } from "./browser/chromium";
import { newRig, useRig } from "./browser/rig";
import { runCli } from "./cli/run";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");
const OUT = path.join(ROOT, ".tmp", "publish-build");
const SIM_OUT = path.join(ROOT, ".tmp", "publish-sim-bundle");
const withChromium = describeWithChromium("publish.browser.test");

const sample = readWorkbookFile(SAMPLE);
const expected = analyse(sample);
const charts = disclosureCharts(expected.recognition);

const rig = newRig();
/** The CLI's `export --fdp` of the sample: file name → bytes. */
let cliFdp: Map<string, Buffer>;

/** Every finding the pane lists (rule, severity, text), tails unfolded. */
async function shownFindings(page: Page): Promise<string[]> {
  await page.getByTestId("tab-findings").click();
  await openTails(page);
  const items = await page.getByTestId("finding").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-severity")} ${e.getAttribute("data-rule")} ${e.textContent ?? ""}`));
  return items.sort();
}

/** The charts as the pane draws them: id, type, the SVG's accessible name, the legend or bar texts. */
async function drawnCharts(page: Page) {
  await page.getByTestId("charts-toggle").click();
  await page.getByTestId("chart").first().waitFor({ timeout: 30_000 });
  return page.getByTestId("chart").evaluateAll((els) =>
    els.map((e) => {
      const svg = e.querySelector("svg[role=img]");
      return {
        id: e.getAttribute("data-chart-id"),
        type: e.getAttribute("data-chart-type"),
        label: svg?.getAttribute("aria-label") ?? "",
        title: svg?.querySelector("title")?.textContent ?? "",
        items: [...e.querySelectorAll("[data-testid=chart-item]")].map((x) => x.textContent),
        bars: e.querySelectorAll("[data-testid=chart-bar]").length,
        width: e.getBoundingClientRect().width,
      };
    }),
  );
}

function expectChartsDrawn(got: Awaited<ReturnType<typeof drawnCharts>>) {
  expect(got.map((c) => [c.id, c.type, c.title])).toEqual(charts.map((c) => [c.id, c.type, c.title.zh]));
  for (const [i, c] of charts.entries()) {
    // The accessible name reads every item with its amount and share.
    for (const p of c.points) expect(got[i].label).toContain(`${p.label}：${p.amount}万元，占 ${p.share}%`);
    if (c.type === "pie") expect(got[i].items).toEqual(c.points.map((p) => `${p.label} ${p.amount}万元（${p.share}%）`));
    else expect(got[i].bars).toBe(c.points.length);
    // Inside the 320 px pane.
    expect(got[i].width).toBeLessThanOrEqual(320);
  }
}

/** What live checking said after its last burst: findings added, resolved. */
async function liveDiff(page: Page): Promise<Array<string | null>> {
  const d = page.getByTestId("live-diff");
  return [await d.getAttribute("data-added"), await d.getAttribute("data-resolved")];
}

/** The files of a downloaded zip. */
async function zipOf(page: Page, click: () => Promise<unknown>): Promise<{ name: string; files: Map<string, Buffer> }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const bytes = fs.readFileSync((await download.path())!);
  return { name: download.suggestedFilename(), files: new Map(Object.entries(unzipSync(new Uint8Array(bytes))).map(([k, v]) => [k, Buffer.from(v)])) };
}

withChromium("公开材料 in headless Chromium", () => {
  useRig(rig, OUT, ["taskpane", "browser"], { simOut: SIM_OUT });
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-fdp-"));
    const r = await runCli(["export", SAMPLE, "--fdp", dir]);
    expect(r.code).toBe(0);
    cliFdp = new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
  }, 300_000);

  test("browser page: the charts as accessible SVG, and the open-data zip byte for byte the CLI's export --fdp", async () => {
    const context = await rig.browser.newContext({ viewport: { width: 320, height: 900 }, locale: "zh-CN", acceptDownloads: true });
    const page = await context.newPage();
    const remote: string[] = [];
    await page.route("**/*", (route) => {
      const u = route.request().url();
      if (u.startsWith(rig.server.url + "/") || u.startsWith("blob:") || u.startsWith("data:")) return route.continue();
      remote.push(u);
      return route.abort();
    });
    const errors = pageErrorsOf(page);
    try {
      await page.goto(`${rig.server.url}/browser.html`);
      await page.getByTestId("file-input").setInputFiles(SAMPLE);
      await page.getByTestId("summary").waitFor({ timeout: 120_000 });
      expectChartsDrawn(await drawnCharts(page));
      // No Excel here: nothing to insert into.
      expect(await page.getByTestId("chart-insert").count()).toBe(0);
      expect(await page.getByTestId("package-sheet").count()).toBe(0);
      await page.getByTestId("charts").screenshot({ path: path.join(ROOT, ".tmp", "publish-charts.png") });

      const zip = await zipOf(page, () => page.getByTestId("fdp-download").click());
      expect(zip.name).toBe("2026-单位预算公开-样例-开放数据包.zip");
      expect([...zip.files.keys()].sort()).toEqual([...cliFdp.keys()].sort());
      for (const [name, bytes] of cliFdp) expect(zip.files.get(name)!.equals(bytes)).toBe(true);
      expect(await page.getByTestId("publish-notice").textContent()).toContain(`${cliFdp.size - 1} 个 CSV`);
      expect(remote).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("Excel (simulated, ExcelApi 1.7): insert the charts and write the package into new sheets; a check afterwards gives the same findings", async () => {
    const pane: ExcelPane = await openExcelPane(rig.browser, rig.server.url, rig.simScript, { api: "1.7", workbook: SAMPLE });
    const { page } = pane;
    try {
      await diagnosed(pane, async () => {
        await page.getByTestId("check").click();
        await page.getByTestId("summary").waitFor({ timeout: 60_000 });
        const before = await shownFindings(page);
        expect(before.length).toBe(expected.report.findings.length);
        expectChartsDrawn(await drawnCharts(page));
        const sheetsBefore = await pane.sim((s) => s.model.sheets.map((x) => x.name));

        // 插入为 Excel 图表: a new sheet with the data and the native charts; no other sheet changed.
        const cellsBefore = await pane.sim((s) => JSON.stringify(s.model.sheets.map((x) => x.rows)));
        await page.getByTestId("chart-insert").click();
        await page.getByTestId("publish-notice").waitFor({ timeout: 30_000 });
        expect(await page.getByTestId("publish-notice").textContent()).toContain("图表数据");
        const after = await pane.sim((s) => ({
          names: s.model.sheets.map((x) => x.name),
          a1: s.driver.value("图表数据", "A1"),
          charts: s.driver.charts("图表数据").map((c) => ({ type: c.chartType, title: c.title, series: c.series })),
          oldCells: JSON.stringify(s.model.sheets.slice(0, -1).map((x) => x.rows)),
        }));
        expect(after.names).toEqual([...sheetsBefore, "图表数据"]);
        expect(after.a1).toBe(SHEET_MARKERS.charts);
        expect(after.oldCells).toBe(cellsBefore);
        expect(after.charts.map((c) => [c.type, c.title])).toEqual(charts.map((c) => [c.type === "pie" ? "Pie" : "ColumnClustered", c.title.zh]));
        after.charts.forEach((c, i) => {
          expect(c.series[0].categories).toEqual(charts[i].points.map((p) => p.label));
          expect(c.series[0].values).toEqual(charts[i].points.map((p) => Number(p.amount)));
        });

        // Live checking heard the new sheet, read it and checked again: nothing new, nothing resolved.
        await page.getByTestId("live-diff").waitFor({ timeout: 30_000 });
        expect(await liveDiff(page)).toEqual(["0", "0"]);

        // 写入新工作表: the package, as 导出 JSON gives it (the Excel pane's package: no source hash).
        const readsAtPackage = await pane.sim((x) => x.host.reads);
        await page.getByTestId("package-sheet").click();
        await page.getByTestId("publish-notice").filter({ hasText: "数据包JSON" }).waitFor({ timeout: 30_000 });
        const notice = (await page.getByTestId("publish-notice").textContent()) ?? "";
        expect(notice).toMatch(/把 A2 至 A\d+ 各单元格依次连接/);
        const written = await pane.sim((s) => JSON.stringify(s.model.sheets.find((x) => x.name === "数据包JSON")!.rows.map((r) => (r ?? []).map((c) => c?.value ?? null))));
        const rows = JSON.parse(written) as Array<Array<string | null>>;
        const snapshotSheet: WorkbookSnapshot["sheets"][number] = { name: "数据包JSON", visibility: "visible", merges: [], rows: rows.map((r) => r.map((v) => (v === null ? undefined : { v }))) };
        // The same bytes as 导出 JSON downloads.
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
        const exported = fs.readFileSync((await download.path())!);
        expect(Buffer.from(reassemblePackage(snapshotSheet), "utf8").equals(exported)).toBe(true);
        expect(notice).toContain(`A${rows.length}`);

        await page.waitForFunction((r0) => (window as unknown as { __excelSim: { host: { reads: number } } }).__excelSim.host.reads > r0, readsAtPackage, { timeout: 30_000 });
        await page.waitForFunction(() => !document.querySelector("[data-testid=live-busy]") && !!document.querySelector("[data-testid=live-diff]"), undefined, { timeout: 30_000 });
        expect(await liveDiff(page)).toEqual(["0", "0"]);
        expect((await shownFindings(page)).length).toBe(before.length);

        // A check of the workbook with both sheets: the same findings.
        await page.getByTestId("check").click();
        await page.waitForFunction(() => !document.querySelector("[data-testid=progress]") && !!document.querySelector("[data-testid=summary]"), undefined, { timeout: 60_000 });
        expect(await shownFindings(page)).toEqual(before);

        // The open-data zip from Excel: every CSV the CLI's; datapackage.json differs only where the
        // CLI names the file's hash (no file in Excel).
        const zip = await zipOf(page, () => page.getByTestId("fdp-download").click());
        for (const [name, bytes] of cliFdp) if (name.endsWith(".csv")) expect(zip.files.get(name)!.equals(bytes)).toBe(true);
        const dp = JSON.parse(zip.files.get("datapackage.json")!.toString("utf8"));
        const cliDp = JSON.parse(cliFdp.get("datapackage.json")!.toString("utf8"));
        expect(dp.resources).toEqual(cliDp.resources);
        expect(pane.pageErrors).toEqual([]);
        expect(pane.remote).toEqual([]);
      });
    } finally {
      await pane.close();
    }
  });
});
