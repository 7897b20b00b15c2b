/**
 * The pane in a real headless Chromium: the browser page (browser.html) is built with webpack,
 * served from 127.0.0.1, given the sample workbook through its file input, and checked.
 * The expected figures come from running the same analysis in Node on the same file.
 */
import * as fs from "fs";
import * as path from "path";
import { chromium, type Browser, type Page } from "playwright-core";
import { analyse } from "../src/core/analyse";
import { readWorkbookFile } from "../src/node/read-file";
import { isTail } from "../src/taskpane/model";
import { buildPages } from "./browser/build";
import { serveDir, type StaticServer } from "./browser/serve";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");
const OUT = path.join(ROOT, ".tmp", "pane-build");
const SCREENSHOT = path.join(ROOT, ".tmp", "pane.png");
const CHROMIUM = "/usr/bin/chromium";

const haveSample = fs.existsSync(SAMPLE);
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveSample) console.warn(`pane.browser.test: sample tests skipped, the sample workbook is not there yet: ${SAMPLE}`);
if (!haveChromium) console.warn(`pane.browser.test: skipped, no Chromium at ${CHROMIUM}`);
const withChromium = haveChromium ? describe : describe.skip;
const withSample = haveSample ? describe : describe.skip;

let server: StaticServer;
let browser: Browser;

async function openPage(url: string): Promise<{ page: Page; requests: string[]; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: "zh-CN", acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  // Record every request; anything not for the test server is refused, so the test stays offline.
  await page.route("**/*", (route) => {
    const u = route.request().url();
    requests.push(u);
    return u.startsWith(server.url + "/") ? route.continue() : route.abort();
  });
  await page.goto(url);
  return { page, requests, pageErrors };
}

const isLocal = (u: string) => u.startsWith(server.url + "/") || u.startsWith("blob:") || u.startsWith("data:");

withChromium("pages in headless Chromium", () => {
  beforeAll(async () => {
    await buildPages(OUT, ["taskpane", "browser"]);
    server = await serveDir(OUT);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 170_000); // a cold webpack cache; later runs reuse the build or the cache

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("taskpane.html outside Office loads the local office.js and says where to open the pane", async () => {
    const { page, requests, pageErrors } = await openPage(`${server.url}/taskpane.html`);
    await page.getByText("未在 Excel 中运行").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("check").isDisabled()).toBe(true);
    expect(requests).toContain(`${server.url}/office-js/office.js`);
    // office.js itself opens Microsoft's telemetry frame when it finds no Office host; nothing else may leave.
    const remote = requests.filter((u) => !isLocal(u));
    expect(remote.filter((u) => !/^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//.test(u))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  withSample("browser.html with the sample workbook", () => {
    let page: Page;
    let requests: string[];
    let pageErrors: string[];

    beforeAll(async () => {
      ({ page, requests, pageErrors } = await openPage(`${server.url}/browser.html`));
    });

    // Node runs the same analysis on the same file: the pane must show what the core found.
    const expected = haveSample ? analyse(readWorkbookFile(SAMPLE)) : null;

    test("opens the sample, checks it and lists the 13 tables and 3 performance target tables", async () => {
      await page.getByTestId("file-input").setInputFiles(SAMPLE);
      await page.getByTestId("file-name").waitFor();
      expect(await page.getByTestId("file-name").textContent()).toBe(path.basename(SAMPLE));
      await page.getByRole("button", { name: "校验" }).click();
      await page.getByTestId("summary").waitFor({ timeout: 20_000 });

      await page.getByTestId("tab-tables").click();
      const ids = await page.getByTestId("table-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-table")));
      const standard = ["T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10", "T11", "T12", "T13"];
      expect(ids.filter((id) => id !== "PT")).toEqual(standard);
      expect(ids.filter((id) => id === "PT")).toHaveLength(3);
      expect(await page.getByTestId("table-item").first().textContent()).toContain("表一");
      // The seed's empty tables carry the 空表 badge, and only they do.
      const emptyInPane = await page
        .getByTestId("table-item")
        .evaluateAll((els) => els.filter((e) => e.querySelector("[data-testid=empty-badge]")).map((e) => e.getAttribute("data-table")));
      expect(emptyInPane).toEqual(expected!.recognition.tables.filter((t) => t.empty).map((t) => t.id));
      expect(emptyInPane.length).toBeGreaterThan(0);
    });

    test("the summary shows no errors and the rounding tails, as the core found them", async () => {
      const sum = expected!.report.summary;
      expect(sum.errors).toBe(0);
      expect(await page.getByTestId("count-error-n").textContent()).toBe("0");
      expect(await page.getByTestId("count-warning-n").textContent()).toBe(String(sum.warnings));
      expect(await page.getByTestId("count-info-n").textContent()).toBe(String(sum.infos));
      expect(await page.getByTestId("stats").textContent()).toBe(
        `运行 ${expected!.report.stats.rulesRun} 条规则，检查 ${expected!.report.stats.tablesChecked} 张表`,
      );

      await page.getByTestId("tab-findings").click();
      const tails = expected!.report.findings.filter(isTail);
      expect(tails.length).toBeGreaterThan(0);
      expect(await page.getByTestId("tail-badge").count()).toBe(tails.length);
      const texts = await page.getByTestId("finding").allTextContents();
      expect(texts).toHaveLength(expected!.report.findings.length);
      for (const f of tails) expect(texts.some((x) => x.includes(f.message) && x.includes(`应为 ${f.expected}`) && x.includes(`实为 ${f.actual}`))).toBe(true);
    });

    test("clicking a finding shows its cell in the preview", async () => {
      const f = expected!.report.findings.find(isTail)!;
      await page.getByTestId("finding").filter({ hasText: f.message }).first().getByRole("button").click();
      const preview = page.getByTestId("sheet-preview");
      await preview.waitFor();
      expect(await preview.textContent()).toContain(`!${f.cell}`);
      const target = preview.locator(`td[data-cell="${f.cell}"]`);
      expect(await target.textContent()).toBe(f.actual);
    });

    test("exports the JSON package as a download and copies it to the clipboard", async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
      expect(download.suggestedFilename()).toBe("2026-单位预算公开-样例-校验结果.json");
      const file = await download.path();
      const pkg = JSON.parse(fs.readFileSync(file!, "utf8"));
      expect(pkg.format).toBe("budget-disclosure-package");
      expect(pkg.tables).toHaveLength(expected!.recognition.tables.length);
      expect(pkg.findings).toHaveLength(expected!.report.findings.length);

      await page.getByTestId("copy-json").click();
      await page.getByTestId("notice").filter({ hasText: "已复制到剪贴板" }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(JSON.parse(copied)).toEqual(pkg);
    });

    test("the English toggle changes the labels", async () => {
      await page.getByTestId("lang-toggle").click();
      await page.getByRole("button", { name: "Check again" }).waitFor();
      expect(await page.getByTestId("tab-findings").textContent()).toMatch(/^Findings \(\d+\)$/);
      expect(await page.getByTestId("count-error").textContent()).toContain("Errors");
      expect(await page.getByTestId("summary").textContent()).not.toContain("错误");
      const f = expected!.report.findings.find(isTail)!;
      expect(await page.getByTestId("findings").textContent()).toContain(f.messageEn);
      await page.getByTestId("tab-tables").click();
      expect(await page.getByTestId("table-item").first().textContent()).toContain("Table 1");

      // Back to Chinese on the findings for the screenshot.
      await page.getByTestId("lang-toggle").click();
      await page.getByTestId("tab-findings").click();
      await page.getByRole("button", { name: "重新校验" }).waitFor();
    });

    test("no request leaves 127.0.0.1 and the page raised no errors", async () => {
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(requests.some((u) => u.includes("office"))).toBe(false);
      expect(server.requested).toContain("/browser.html");
      expect(pageErrors).toEqual([]);
    });
  });
});
