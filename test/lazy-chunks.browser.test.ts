/**
 * Parts of the pane loaded on first use (the finding's "…" menu, the dialogs) when their chunk
 * cannot be loaded, in headless Chromium on the real built browser.html: the click must not end in
 * silence. The pane says 无法加载组件，请检查网络后重试 with 重试; once the chunk can be had again,
 * 重试 (or the next click) loads it and the menu or dialog opens.
 */
import * as path from "path";
import type { Page } from "playwright-core";
import { describeWithChromium, pageErrorsOf, serverOnly } from "./browser/chromium";
import { newRig, useRig } from "./browser/rig";

const ROOT = path.resolve(__dirname, "..");
const SAMPLE = path.join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");
// The same build as pane.browser.test.ts (same entries, same folder): one webpack run serves both.
const OUT = path.join(ROOT, ".tmp", "pane-build");
const MESSAGE = "无法加载组件，请检查网络后重试。";

const rig = newRig();

/** Chunk names ("rule-menu", "dialogs") whose script requests fail, and how often each was asked for. */
async function blockChunks(page: Page, blocked: Set<string>): Promise<Map<string, number>> {
  const asked = new Map<string, number>();
  // Registered after serverOnly, so seen first; anything not blocked falls through to it.
  await page.route(/\/(rule-menu|dialogs)(\.[0-9a-f]+)?\.js$/, (route) => {
    const name = /\/(rule-menu|dialogs)[.]/.exec(route.request().url())![1];
    asked.set(name, (asked.get(name) ?? 0) + 1);
    return blocked.has(name) ? route.abort("internetdisconnected") : route.fallback();
  });
  return asked;
}

/** Waits until `ok()` holds (the request is seen by the test a moment after the click). */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; !ok(); i++) {
    if (i > 600) throw new Error("condition not met within 60 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeWithChromium("lazy-chunks.browser.test")("a chunk of the pane that fails to load", () => {
  useRig(rig, OUT, ["taskpane", "browser"]);

  test("the finding menu and the 标为已核实 dialog: a message with 重试, and the next try loads them", async () => {
    const context = await rig.browser.newContext({ viewport: { width: 320, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    const pageErrors = pageErrorsOf(page);
    await serverOnly(page, rig.server.url);
    const blocked = new Set(["rule-menu", "dialogs"]);
    const asked = await blockChunks(page, blocked);
    await page.goto(`${rig.server.url}/browser.html`);
    await page.getByTestId("file-input").setInputFiles(SAMPLE);
    await page.getByTestId("summary").waitFor({ timeout: 120_000 });
    const item = page.getByTestId("finding").first();

    // "…" with its chunk unreachable: the finding says so; no menu.
    await item.getByTestId("finding-menu").click();
    const error = item.getByTestId("chunk-error");
    await error.waitFor();
    expect(await error.textContent()).toContain(MESSAGE);
    expect(await page.getByRole("menu").count()).toBe(0);
    expect(asked.get("rule-menu")).toBe(1);
    // The next click asks again (a failed load is not kept as the answer).
    await item.getByTestId("finding-menu").click();
    await until(() => asked.get("rule-menu") === 2);
    expect(await error.isVisible()).toBe(true);
    expect(await page.getByRole("menu").count()).toBe(0);

    // Reachable again: 重试 opens the menu and the message goes.
    blocked.delete("rule-menu");
    await error.getByTestId("chunk-retry").click();
    await page.getByTestId("dismiss").waitFor();
    expect(await item.getByTestId("chunk-error").count()).toBe(0);

    // 标为已核实 with the dialogs' chunk unreachable: the pane says so at its foot; no dialog.
    await page.getByTestId("dismiss").click();
    const footError = page.getByTestId("chunk-error");
    await footError.waitFor();
    expect(await footError.textContent()).toContain(MESSAGE);
    expect(await footError.isVisible()).toBe(true);
    expect(await page.getByTestId("dismiss-dialog").count()).toBe(0);
    expect(asked.get("dialogs")).toBe(1);
    // 关闭 gives up (as 取消 would); asking for the dialog again tries again.
    await footError.getByTestId("chunk-error-close").click();
    await footError.waitFor({ state: "detached" });
    await item.getByTestId("finding-menu").click();
    await page.getByTestId("dismiss").click();
    await footError.waitFor();
    expect(asked.get("dialogs")).toBe(2);
    expect(await page.getByTestId("dismiss-dialog").count()).toBe(0);

    // Reachable again: 重试 opens the dialog the user asked for.
    blocked.delete("dialogs");
    await footError.getByTestId("chunk-retry").click();
    await page.getByTestId("dismiss-dialog").waitFor();
    expect(await page.getByTestId("chunk-error").count()).toBe(0);
    expect(asked.get("dialogs")).toBe(3);
    await page.getByTestId("dismiss-dialog").getByRole("button", { name: "取消" }).click();
    await page.getByTestId("dismiss-dialog").waitFor({ state: "detached" });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
