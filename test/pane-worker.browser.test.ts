/**
 * The browser page with its analysis Web Worker, in a real headless Chromium over the real webpack
 * build: the worker is used (from the page's own origin), progress is shown, 填写编码 previews the
 * plan and downloads a corrected copy made by the patcher, and a finding dismissed as 已核实 stays
 * dismissed after a reload. Expected figures come from the same code run in Node.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { buildSample } from "../scripts/sample/build";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { defaultTicks } from "../src/taskpane/ledger";
import { AnalysisSession } from "../src/taskpane/worker/session";
import { describeWithChromium, pageErrorsOf, serverOnly, shownFindings } from "./browser/chromium";
import { newRig, useRig } from "./browser/rig";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");
const OUT = path.join(ROOT, ".tmp", "pane-worker-build");
const TMP = path.join(ROOT, ".tmp", "pane-worker-files");
const shotPath = (name: string) => path.join(ROOT, ".tmp", `pane-${name}.png`);

const withChromium = fs.existsSync(SAMPLE) ? describeWithChromium("pane-worker.browser.test") : describe.skip;

const rig = newRig();

const toArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

async function openPage(): Promise<{ page: Page; requests: string[]; workers: string[]; pageErrors: string[] }> {
  const context = await rig.browser.newContext({ viewport: { width: 320, height: 900 }, locale: "zh-CN", acceptDownloads: true });
  const page = await context.newPage();
  const workers: string[] = [];
  const pageErrors = pageErrorsOf(page);
  page.on("worker", (w) => workers.push(w.url()));
  const requests = await serverOnly(context, rig.server.url);
  // Records every progress stage the worker reports (__reported) and every one the pane shows,
  // however briefly (__stages). Two reports arriving within one of React's render tasks are drawn
  // once, as the later stage: on a busy machine the pane may skip showing one, never reorder them.
  await page.addInitScript(() => {
    const seen: string[] = [];
    const reported: string[] = [];
    (window as unknown as { __stages: string[] }).__stages = seen;
    (window as unknown as { __reported: string[] }).__reported = reported;
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener("message", (e: MessageEvent) => {
          const progress = (e.data as { progress?: unknown } | null)?.progress;
          if (typeof progress === "string") reported.push(progress);
        });
      }
    };
    new MutationObserver(() => {
      const el = document.querySelector("[data-testid=progress]");
      const stage = el?.getAttribute("data-stage");
      if (stage && seen[seen.length - 1] !== stage) seen.push(stage);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-stage"] });
  });
  await page.goto(`${rig.server.url}/browser.html`);
  return { page, requests, workers, pageErrors };
}

async function openAndCheck(page: Page, file: string): Promise<void> {
  await page.getByTestId("file-input").setInputFiles(file);
  await page.getByTestId("file-name").waitFor();
  // Choosing a file starts the check by itself.
  await page.getByTestId("summary").waitFor({ timeout: 90_000 });
}

withChromium("browser page with the analysis worker", () => {
  useRig(rig, OUT, ["browser"]);
  beforeAll(() => fs.mkdirSync(TMP, { recursive: true }));

  test("the check runs in a Web Worker from the page's origin, with progress, and nothing leaves the machine", async () => {
    const { page, requests, workers, pageErrors } = await openPage();
    await openAndCheck(page, SAMPLE);
    expect(workers.length).toBe(1);
    expect(workers[0].startsWith(rig.server.url + "/")).toBe(true);
    const { stages, reported } = await page.evaluate(() => ({
      stages: (window as unknown as { __stages: string[] }).__stages,
      reported: (window as unknown as { __reported: string[] }).__reported,
    }));
    expect(reported).toEqual(["reading", "recognising", "checking"]);
    // What the pane drew: some of those, in that order, at least the first (drawn before the worker answers).
    expect(stages[0]).toBe("reading");
    expect(stages.filter((s) => !reported.includes(s))).toEqual([]);
    expect([...stages].sort((a, b) => reported.indexOf(a) - reported.indexOf(b))).toEqual(stages);
    // The page's JavaScript never held the analysis: its bundle has no rule and no reader in it.
    const session = new AnalysisSession();
    session.open({ bytes: toArrayBuffer(fs.readFileSync(SAMPLE)), name: path.basename(SAMPLE) }, () => undefined);
    const view = session.analyse({ options: { disabledRules: [] } }, () => undefined);
    expect(await shownFindings(page)).toBe(view.report.findings.length);
    expect(requests.filter((u) => !u.startsWith(rig.server.url + "/"))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  test("填写编码: the preview lists the plan with ticks, and the corrected copy has the codes", async () => {
    const { buffer } = await buildSample({ noCodes: "empty", performance: false, narrative: false });
    const file = path.join(TMP, "空编码样例.xlsx");
    fs.writeFileSync(file, buffer);
    const session = new AnalysisSession();
    session.open({ bytes: toArrayBuffer(buffer), name: "空编码样例.xlsx" }, () => undefined);
    session.analyse({ options: { disabledRules: [] } }, () => undefined);
    const plan = session.planFill();
    expect(plan.length).toBeGreaterThan(0);

    const { page, pageErrors } = await openPage();
    await openAndCheck(page, file);
    expect(await page.getByTestId("fill-open").textContent()).toBe(`填写编码（${plan.length}）`);
    await page.getByTestId("fill-open").click();
    await page.getByTestId("fill-panel").waitFor();
    const items = page.getByTestId("fill-item");
    expect(await items.count()).toBe(plan.length);
    const ticked = await items.evaluateAll((els) => els.filter((e) => e.getAttribute("data-ticked") === "true").map((e) => e.getAttribute("data-cell")));
    expect(ticked).toEqual([...defaultTicks(plan)]);
    const first = plan[0];
    expect(await items.first().textContent()).toContain(`${first.cell} （空） → ${first.after}`);
    await page.screenshot({ path: shotPath("fill-preview"), animations: "disabled" });

    // Untick the first, write the rest into a copy.
    await items.first().locator("input[type=checkbox]").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("fill-apply").click()]);
    expect(download.suggestedFilename()).toBe("空编码样例-已填写编码.xlsx");
    const copy = readWorkbookBytes(new Uint8Array(fs.readFileSync((await download.path())!)), "copy.xlsx");
    const cellOf = (sheet: string, cell: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
      return copy.sheets.find((s) => s.name === sheet)!.rows[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65];
    };
    const written = plan.filter((c) => ticked.includes(c.id) && c.id !== first.id);
    for (const c of written) expect(String(cellOf(c.sheet, c.cell)?.v)).toBe(c.after);
    expect(cellOf(first.sheet, first.cell)?.v ?? null).toBeNull();
    // The original file is untouched.
    expect(fs.readFileSync(file).equals(buffer)).toBe(true);
    expect(await page.getByTestId("notice").textContent()).toContain("已下载");
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  test("a finding dismissed as 已核实 stays dismissed after a reload, and the JSON package says so", async () => {
    const { page, pageErrors } = await openPage();
    await openAndCheck(page, SAMPLE);
    const first = page.getByTestId("finding").first();
    const rule = await first.getAttribute("data-rule");
    await first.getByTestId("finding-menu").click();
    await page.getByTestId("dismiss").click();
    await page.getByTestId("dismiss-dialog").waitFor();
    expect(await page.getByTestId("dismiss-confirm").isDisabled()).toBe(true);
    await page.getByTestId("dismiss-note").fill("与财政批复一致");
    await page.screenshot({ path: shotPath("dismiss-dialog"), animations: "disabled" });
    await page.getByTestId("dismiss-confirm").click();
    await page.getByTestId("dismissed-badge").waitFor();
    expect(await page.locator("[data-testid=finding][data-dismissed=true]").count()).toBe(1);
    expect(await page.getByTestId("dismissed-count").textContent()).toContain("已核实 1 条");
    // Shown, not deleted.
    const count = await shownFindings(page);

    await page.reload();
    await openAndCheck(page, SAMPLE);
    const dismissed = page.locator("[data-testid=finding][data-dismissed=true]");
    await dismissed.first().waitFor();
    expect(await dismissed.count()).toBe(1);
    expect(await dismissed.getAttribute("data-rule")).toBe(rule);
    expect(await dismissed.getByTestId("dismissed-note").textContent()).toContain("与财政批复一致");
    expect(await shownFindings(page)).toBe(count);
    await page.screenshot({ path: shotPath("dismissed"), animations: "disabled", fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
    const pkg = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as { findings: Array<{ ruleId: string; dismissed?: { reason: string; note: string } }> };
    const marked = pkg.findings.filter((f) => f.dismissed);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatchObject({ ruleId: rule, dismissed: { reason: "verified", note: "与财政批复一致" } });
    expect(pkg.findings).toHaveLength(count);

    // 取消“已核实” brings it back as an ordinary finding.
    await dismissed.first().getByTestId("finding-menu").click();
    await page.getByTestId("undismiss").click();
    await page.getByTestId("dismissed-badge").waitFor({ state: "detached" });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});

const SHANGHAI = path.join(ROOT, "assets", "samples", "2026-上海单位预算公开-样例.xlsx");

withChromium("设置 › 报表版式 in the browser page", () => {
  useRig(rig, OUT, ["browser"]);

  /** What the core finds in the Shanghai sample, by the best match or with a layout set forced. */
  function expected(layoutSet?: string) {
    const session = new AnalysisSession();
    session.open({ bytes: toArrayBuffer(fs.readFileSync(SHANGHAI)), name: path.basename(SHANGHAI) }, () => undefined);
    const view = session.analyse({ options: { disabledRules: [], ...(layoutSet ? { layoutSet } : {}) } }, () => undefined);
    return { layoutSet: view.recognition.layoutSet, errors: view.report.summary.errors, warnings: view.report.summary.warnings, infos: view.report.summary.infos, tables: view.recognition.tables.length };
  }
  async function shown(page: Page) {
    const n = async (k: string) => Number(await page.getByTestId(`count-${k}-n`).textContent());
    return { errors: await n("error"), warnings: await n("warning"), infos: await n("info") };
  }

  test("a Shanghai workbook is read as shanghai-unit; forcing the Shanxi set gives the core's findings for it, is remembered across a reload, and 自动 brings the best match back", async () => {
    const auto = expected();
    const forced = expected("shanxi-unit-2026");
    expect(auto.layoutSet).toBe("shanghai-unit");
    expect(forced.layoutSet).toBe("shanxi-unit-2026");
    // Forcing the wrong region must change what is found (else this test could not fail).
    expect(forced.errors).toBeGreaterThan(auto.errors);

    const { page, pageErrors } = await openPage();
    await openAndCheck(page, SHANGHAI);
    await page.getByTestId("settings-layout").click();
    expect(await page.getByTestId("layout-recognised").textContent()).toBe("本工作簿按“shanghai-unit”识别");
    expect(await page.getByTestId("layout-badge").textContent()).toBe("自动");
    expect(await shown(page)).toEqual({ errors: auto.errors, warnings: auto.warnings, infos: auto.infos });

    await page.getByTestId("layout-select").selectOption("shanxi-unit-2026");
    await page.getByTestId("layout-recognised").filter({ hasText: "shanxi-unit-2026" }).waitFor();
    await page.getByTestId("count-error-n").filter({ hasText: new RegExp(`^${forced.errors}$`) }).waitFor();
    expect(await shown(page)).toEqual({ errors: forced.errors, warnings: forced.warnings, infos: forced.infos });
    expect(await page.getByTestId("layout-badge").textContent()).toBe("shanxi-unit-2026");
    await page.screenshot({ path: shotPath("layout-forced"), animations: "disabled" });

    await page.reload();
    await openAndCheck(page, SHANGHAI);
    await page.getByTestId("settings-layout").click();
    expect(await page.getByTestId("layout-badge").textContent()).toBe("shanxi-unit-2026");
    expect(await page.getByTestId("layout-recognised").textContent()).toBe("本工作簿按“shanxi-unit-2026”识别");
    expect(await shown(page)).toEqual({ errors: forced.errors, warnings: forced.warnings, infos: forced.infos });

    await page.getByTestId("layout-select").selectOption("");
    await page.getByTestId("layout-recognised").filter({ hasText: "shanghai-unit" }).waitFor();
    await page.getByTestId("count-error-n").filter({ hasText: new RegExp(`^${auto.errors}$`) }).waitFor();
    expect(await shown(page)).toEqual({ errors: auto.errors, warnings: auto.warnings, infos: auto.infos });
    expect(await page.getByTestId("layout-badge").textContent()).toBe("自动");
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
