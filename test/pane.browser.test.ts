/**
 * The pane in a real headless Chromium: the browser page (browser.html) is built with webpack,
 * served from 127.0.0.1, given the sample workbook through its file input, and checked.
 * The expected figures come from running the same analysis in Node on the same file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import { analyse } from "../src/core/analyse";
import { parseUserEditionCsv } from "../src/core/catalogue/user-edition";
import { readWorkbookFile } from "../src/node/read-file";
import { isTail } from "../src/taskpane/model";
import { sha256Hex } from "../src/core/report/canonical";
import { writePackageJson } from "../src/core/report/package";
import { buildSampleWorkbook } from "../scripts/sample/build";
import { expectValidPackage } from "./package-valid";
import { describeWithChromium, openTails, pageErrorsOf, serverOnly, shownFindings } from "./browser/chromium";
import { newRig, useRig } from "./browser/rig";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");
const OUT = path.join(ROOT, ".tmp", "pane-build");
const SCREENSHOT = path.join(ROOT, ".tmp", "pane.png");
const shotPath = (name: string) => path.join(ROOT, ".tmp", `pane-${name}.png`);
/** A still picture for a person to look at: panels opened, tooltips away. */
async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(310, 890);
  // A focused button keeps its tooltip open (the language toggle after a switch).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: shotPath(name), animations: "disabled" });
}
const haveSample = fs.existsSync(SAMPLE);
if (!haveSample) console.warn(`pane.browser.test: sample tests skipped, the sample workbook is not there yet: ${SAMPLE}`);
const withChromium = describeWithChromium("pane.browser.test");
const withSample = haveSample ? describe : describe.skip;

const rig = newRig();

async function openPage(url: string): Promise<{ page: Page; requests: string[]; pageErrors: string[] }> {
  const context = await rig.browser.newContext({ viewport: { width: 320, height: 900 }, locale: "zh-CN", acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: rig.server.url });
  const page = await context.newPage();
  const pageErrors = pageErrorsOf(page);
  // Record every request; anything not for the test server is refused, so the test stays offline.
  const requests = await serverOnly(page, rig.server.url);
  await page.goto(url);
  return { page, requests, pageErrors };
}

const isLocal = (u: string) => u.startsWith(rig.server.url + "/") || u.startsWith("blob:") || u.startsWith("data:");

withChromium("pages in headless Chromium", () => {
  useRig(rig, OUT, ["taskpane", "browser"]);

  test("taskpane.html outside Office loads the local office.js and says where to open the pane", async () => {
    const { page, requests, pageErrors } = await openPage(`${rig.server.url}/taskpane.html`);
    await page.getByText("未在 Excel 中运行").waitFor({ timeout: 90_000 });
    expect(await page.getByTestId("check").isDisabled()).toBe(true);
    expect(requests).toContain(`${rig.server.url}/office-js/office.js`);
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
      ({ page, requests, pageErrors } = await openPage(`${rig.server.url}/browser.html`));
    });

    // Node runs the same analysis on the same file: the pane must show what the core found.
    const expected = haveSample ? analyse(readWorkbookFile(SAMPLE)) : null;

    test("opens the sample, checks it and lists the 13 tables and 3 performance target tables", async () => {
      await page.getByTestId("file-input").setInputFiles(SAMPLE);
      await page.getByTestId("file-name").waitFor();
      expect(await page.getByTestId("file-name").textContent()).toBe(path.basename(SAMPLE));
      // Choosing the file starts the check: no click on 校验.
      await page.getByTestId("summary").waitFor({ timeout: 90_000 });

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
      // Rounding tails: one folded line per table holding two or more, "N 处尾差，均在允许范围内".
      const perTable = new Map<string, number>();
      for (const f of tails) perTable.set(`${f.table}|${f.tableLabel ?? ""}`, (perTable.get(`${f.table}|${f.tableLabel ?? ""}`) ?? 0) + 1);
      const foldedCounts = [...perTable.values()].filter((n) => n >= 2);
      const folded = page.getByTestId("tails-folded");
      expect(await folded.count()).toBe(foldedCounts.length);
      expect(await folded.allTextContents()).toEqual(foldedCounts.map((n) => `${n} 处尾差，均在允许范围内展开`));
      expect(await page.getByTestId("tail-badge").count()).toBe(tails.length - foldedCounts.reduce((a, b) => a + b, 0));
      const texts = await page.getByTestId("finding").allTextContents();
      expect(texts).toHaveLength(expected!.report.findings.length - foldedCounts.reduce((a, b) => a + b, 0));
      // The findings come warnings first (the sample has no errors), then infos; each says its figures once.
      const order = await page.getByTestId("finding").evaluateAll((els) => els.map((e) => e.getAttribute("data-severity")));
      const firstInfo = order.indexOf("info");
      expect(order.slice(0, Math.max(0, firstInfo)).every((s) => s === "warning")).toBe(true);
      expect(order[0]).toBe("warning");
      for (const x of texts) expect(x).not.toMatch(/应为 .*实为/);

      // Opened, a table's tails show one by one, each with its badge.
      await folded.first().getByRole("button").click();
      expect(await page.getByTestId("tails-folded").count()).toBe(foldedCounts.length - 1);
      expect(await page.getByTestId("tail-badge").count()).toBe(foldedCounts[0]);
      await shot(page, "findings");
    });

    test("a summary tile shows that severity only; clicked again, all", async () => {
      await page.getByTestId("count-warning").click();
      const sev = await page.getByTestId("finding").evaluateAll((els) => els.map((e) => e.getAttribute("data-severity")));
      expect(sev.length).toBe(expected!.report.summary.warnings);
      expect(new Set(sev)).toEqual(new Set(["warning"]));
      expect(await page.getByTestId("count-warning").getAttribute("aria-pressed")).toBe("true");
      await shot(page, "filter-warnings");
      await page.getByTestId("count-warning").click();
      expect(await page.getByTestId("count-warning").getAttribute("aria-pressed")).toBe("false");
      expect(await page.getByTestId("finding").count()).toBeGreaterThan(expected!.report.summary.warnings);
    });

    test("clicking a finding shows its cell in the preview, with its related cells marked", async () => {
      const f = expected!.report.findings.find(isTail)!;
      const folded = page.getByTestId("tails-folded");
      while ((await folded.count()) > 0) await folded.first().getByRole("button").click();
      await page.getByTestId("finding").filter({ hasText: f.message }).first().getByRole("button", { name: f.message }).click();
      const preview = page.getByTestId("sheet-preview");
      await preview.waitFor();
      expect(await preview.textContent()).toContain(`!${f.cell}`);
      const target = preview.locator(`td[data-cell="${f.cell}"]`);
      expect(await target.textContent()).toBe(f.actual);
      // The children of the sum are marked (same sheet), as far as the window shows them.
      const sameSheet = (f.related ?? []).filter((r) => !r.includes("!") || r.startsWith(`${f.sheet}!`)).map((r) => r.split("!").pop()!);
      expect(sameSheet.length).toBeGreaterThan(0);
      const marked = await preview.locator("td[data-related=true]").evaluateAll((els) => els.map((e) => e.getAttribute("data-cell")));
      expect(marked.length).toBeGreaterThan(0);
      for (const c of marked) expect(sameSheet).toContain(c);
      await shot(page, "preview");
    });

    test("exports the JSON package as a download and copies it to the clipboard", async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
      expect(download.suggestedFilename()).toBe("2026-单位预算公开-样例-校验结果.json");
      const file = await download.path();
      const pkg = JSON.parse(fs.readFileSync(file!, "utf8"));
      expect(pkg.format).toBe("budget-disclosure-package");
      expect(pkg.tables).toHaveLength(expected!.recognition.tables.length);
      expect(pkg.findings).toHaveLength(expected!.report.findings.length);
      // the browser page's package is the CLI's, byte for byte (canonical JSON, SHA-256 in pure JS)
      let node = "";
      writePackageJson(expected!.recognition, expected!.report, (c) => (node += c), { sourceSha256: sha256Hex(new Uint8Array(fs.readFileSync(SAMPLE))) });
      expect(fs.readFileSync(file!, "utf8")).toBe(node);
      expect("forced" in pkg).toBe(false);

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

    const stats = (r: { report: { stats: { rulesRun: number; tablesChecked: number } } }, off?: number) =>
      `运行 ${r.report.stats.rulesRun} 条规则，检查 ${r.report.stats.tablesChecked} 张表` + (off ? `，已关闭 ${off} 条规则` : "");

    test("switching off sum/children in 规则设置 removes the rounding tails; the summary says one rule is off, across re-checks", async () => {
      const off = analyse(readWorkbookFile(SAMPLE), { disabledRules: ["sum/children"] });
      // The sample's tails come from sum/children: without it the core finds none.
      expect(expected!.report.findings.filter(isTail).every((f) => f.ruleId === "sum/children")).toBe(true);
      expect(off.report.findings.filter(isTail)).toEqual([]);
      expect((await page.getByTestId("tail-badge").count()) + (await page.getByTestId("tails-folded").count())).toBeGreaterThan(0);

      await page.getByTestId("settings-rules").click();
      const toggle = page.locator('input[data-rule="sum/children"]');
      await toggle.waitFor();
      expect(await toggle.isChecked()).toBe(true);
      // Grouped by family, in the fixed order, every rule listed once.
      const families = await page.getByTestId("rule-group").evaluateAll((els) => els.map((e) => e.getAttribute("data-family")));
      expect(families).toEqual(["sum", "cross", "structure", "performance", "narrative", "code"]);
      expect(await page.getByTestId("rule-toggle").count()).toBe(expected!.report.stats.rulesRun);

      await toggle.click();
      await page.getByTestId("stats").filter({ hasText: "已关闭 1 条规则" }).waitFor();
      expect(await page.getByTestId("stats").textContent()).toBe(stats(off, 1));
      expect(await page.getByTestId("rules-off-badge").textContent()).toBe("已关闭 1");
      expect(await page.getByTestId("tail-badge").count()).toBe(0);
      expect(await page.getByTestId("finding").count()).toBe(off.report.findings.length);
      expect(await page.getByTestId("count-info-n").textContent()).toBe(String(off.report.summary.infos));
      await shot(page, "rules-off");

      // Collapsed, the header still says so; a fresh check keeps the rule off.
      await page.getByTestId("settings-rules").click();
      await page.getByRole("button", { name: "重新校验" }).click();
      await page.getByRole("button", { name: "重新校验" }).waitFor();
      expect(await page.getByTestId("stats").textContent()).toBe(stats(off, 1));
      expect(await page.getByTestId("tail-badge").count()).toBe(0);
      expect(await page.getByTestId("rules-off-badge").textContent()).toBe("已关闭 1");

      await page.getByTestId("settings-rules").click();
      await toggle.click();
      await page.getByTestId("stats").filter({ hasText: /张表$/ }).waitFor();
      expect(await page.getByTestId("stats").textContent()).toBe(stats(expected!));
      const foldedTails = (await page.getByTestId("tails-folded").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-count"))))).reduce((a, b) => a + b, 0);
      expect((await page.getByTestId("tail-badge").count()) + foldedTails).toBe(expected!.report.findings.filter(isTail).length);
      expect(await page.getByTestId("rules-off-badge").count()).toBe(0);
      await page.getByTestId("settings-rules").click();
    });

    test("不再检查此规则 on a finding switches its rule off; 全部开启 brings it back", async () => {
      const f = expected!.report.findings.find(isTail)!;
      await openTails(page);
      const item = page.locator(`[data-testid=finding][data-rule="${f.ruleId}"]`).first();
      await item.getByTestId("finding-menu").click();
      await page.getByTestId("disable-rule").click();
      await page.getByTestId("stats").filter({ hasText: "已关闭 1 条规则" }).waitFor();
      expect(await page.locator(`[data-testid=finding][data-rule="${f.ruleId}"]`).count()).toBe(0);
      expect(await page.getByTestId("notice").textContent()).toContain("上级科目等于下级之和");
      // The menu's click must not have travelled on to the finding and opened its preview.
      expect(await page.getByTestId("sheet-preview").count()).toBe(0);
      await shot(page, "rule-menu-off");

      await page.getByTestId("settings-rules").click();
      await page.getByTestId("rules-all-on").click();
      await page.getByTestId("stats").filter({ hasText: /张表$/ }).waitFor();
      expect(await shownFindings(page)).toBe(expected!.report.findings.length);
      await page.getByTestId("settings-rules").click();
    });

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pane-catalogue-"));
    afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

    test("a malformed catalogue CSV shows its line number and loads nothing", async () => {
      const bad = path.join(tmp, "坏目录.csv");
      fs.writeFileSync(bad, "科目编码,科目名称\n2010699,其他财政事务支出\n20101\n");
      const before = await page.getByTestId("finding").allTextContents();
      const statsBefore = await page.getByTestId("stats").textContent();

      await page.getByTestId("settings-catalogue").click();
      await page.getByTestId("catalogue-input").setInputFiles(bad);
      const error = page.getByTestId("catalogue-error");
      await error.waitFor();
      expect(await error.textContent()).toContain("第 3 行有误");
      expect(await error.textContent()).toContain("20101");
      expect(await page.getByTestId("catalogue-loaded").count()).toBe(0);
      expect(await page.getByTestId("catalogue-badge").count()).toBe(0);
      expect(await page.getByTestId("finding").allTextContents()).toEqual(before);
      expect(await page.getByTestId("stats").textContent()).toBe(statsBefore);
      expect(await page.evaluate(() => localStorage.getItem("budget-disclosure.catalogue"))).toBeNull();
      await shot(page, "catalogue-error");

      await page.getByTestId("lang-toggle").click();
      expect(await error.textContent()).toContain("Line 3 is wrong");
      await page.getByTestId("lang-toggle").click();
      await page.getByRole("button", { name: "重新校验" }).waitFor();
    });

    test("a good catalogue CSV is imported, counted by classification, used by the check and removable", async () => {
      const good = path.join(tmp, "目录.csv");
      const text = "\ufeff科目编码,科目名称\n2010699,其他财政事务支出\n30101,基本工资\n";
      fs.writeFileSync(good, text);
      const parsed = parseUserEditionCsv(text);
      if (!parsed.ok) throw new Error("the test's own CSV must parse");
      const withCatalogue = analyse(readWorkbookFile(SAMPLE), { catalogueEntries: parsed.data.entries });

      await page.getByTestId("catalogue-input").setInputFiles(good);
      const loaded = page.getByTestId("catalogue-loaded");
      await loaded.waitFor();
      // The check with the new catalogue has answered and its findings are drawn (staged after it).
      await page.waitForFunction(() => !document.querySelector("[data-settling], [data-list-pending]"));
      expect(await loaded.textContent()).toContain("已导入科目目录：2 条（功能分类 1，部门经济分类 1）");
      expect(await loaded.textContent()).toContain("目录.csv");
      expect(await page.getByTestId("catalogue-error").count()).toBe(0);
      expect(await page.getByTestId("catalogue-badge").textContent()).toBe("已导入 2 条");
      expect(await shownFindings(page)).toBe(withCatalogue.report.findings.length);
      await shot(page, "catalogue-loaded");

      // Remembered for the next session on this computer.
      const stored = await page.evaluate(() => localStorage.getItem("budget-disclosure.catalogue"));
      expect(JSON.parse(stored!).name).toBe("目录.csv");

      await page.getByTestId("catalogue-remove").click();
      await page.getByTestId("catalogue-loaded").waitFor({ state: "detached" });
      expect(await page.getByTestId("catalogue-badge").count()).toBe(0);
      expect(await page.evaluate(() => localStorage.getItem("budget-disclosure.catalogue"))).toBeNull();
      await page.getByTestId("settings-catalogue").click();
    });

    test("a workbook with errors: exporting asks first, and the package then says forced", async () => {
      const bad = path.join(ROOT, ".tmp", "pane-errors.xlsx");
      fs.mkdirSync(path.dirname(bad), { recursive: true });
      fs.writeFileSync(bad, await buildSampleWorkbook({ edits: [{ table: "T03", row: "2010607", column: "total", value: 100.5 }] }));
      await page.getByTestId("file-input").setInputFiles(bad);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="count-error-n"]')?.textContent ?? "0") > 0);
      await page.getByTestId("export-json").click();
      await page.getByTestId("export-confirm").waitFor();
      // cancelled: nothing exported
      await page.getByTestId("export-confirm").getByRole("button").last().click();
      await page.getByTestId("export-confirm").waitFor({ state: "detached" });
      await page.getByTestId("export-json").click();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-anyway").click()]);
      const pkg = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
      expect(pkg.forced).toBe(true);
      expect(pkg.summary.errors).toBeGreaterThan(0);
      expectValidPackage(pkg);
    });

    test("no request leaves 127.0.0.1 and the page raised no errors", async () => {
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(requests.some((u) => u.includes("office"))).toBe(false);
      expect(rig.server.requested).toContain("/browser.html");
      expect(pageErrors).toEqual([]);
    });
  });
});
