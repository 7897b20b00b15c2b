/**
 * taskpane.html where Office is not what we assume, in headless Chromium: office.js refused or
 * hanging, Office never ready, a host below ExcelApi 1.7, a webview below the floor, a bundle that
 * cannot run. Every case must end in a message, never a blank pane. office.js is replaced by a
 * small stand-in where a case needs an Office host (the Office.js boundary).
 */
import * as path from "path";
import type { Page, Route } from "playwright-core";
import { describeWithChromium, pageErrorsOf } from "./browser/chromium";
import { newRig, useRig } from "./browser/rig";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, ".tmp", "pane-start-build");
const withChromium = describeWithChromium("pane-start.browser.test");

const rig = newRig();

/** A stand-in office.js: inside Excel, ready at once, supporting ExcelApi up to `maxMinor`. */
const fakeOffice = (maxMinor: number) => `
  window.Office = {
    HostType: { Excel: "Excel" },
    onReady: function () { return Promise.resolve({ host: "Excel", platform: "PC" }); },
    context: { requirements: { isSetSupported: function (n, v) { return n === "ExcelApi" && Number(String(v).split(".")[1]) <= ${maxMinor}; } } }
  };`;

interface Opened {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
}

async function open(opts: { officeJs?: (route: Route) => unknown; bundle?: (route: Route) => unknown; init?: string }): Promise<Opened> {
  const context = await rig.browser.newContext({ viewport: { width: 320, height: 700 }, locale: "zh-CN" });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  const pageErrors = pageErrorsOf(page);
  if (opts.init) await page.addInitScript(opts.init);
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (!u.startsWith(rig.server.url + "/")) return route.abort();
    if (opts.officeJs && u === `${rig.server.url}/office-js/office.js`) return opts.officeJs(route);
    if (opts.bundle && /\/taskpane\.js$/.test(u)) return opts.bundle(route);
    return route.continue();
  });
  await page.goto(`${rig.server.url}/taskpane.html`, { waitUntil: "commit" });
  return { page, consoleErrors, pageErrors };
}

const reasonOf = async (page: Page, testId: string) => {
  const el = page.getByTestId(testId);
  await el.waitFor({ timeout: 90_000 });
  return { reason: await el.getAttribute("data-reason"), text: (await el.textContent()) ?? "" };
};
const cspRefusals = (o: Opened) => o.consoleErrors.filter((m) => /Content Security Policy/.test(m) && /script/i.test(m));

withChromium("taskpane.html when Office is not what we assume", () => {
  useRig(rig, OUT, ["taskpane", "browser"]);

  test("outside Office with the real office.js: outsideOffice; the inline check runs under the policy, no script is refused", async () => {
    const o = await open({});
    const r = await reasonOf(o.page, "unavailable");
    expect(r.reason).toBe("outsideOffice");
    expect(r.text).toContain("未在 Excel 中运行");
    expect(cspRefusals(o)).toEqual([]);
    expect(o.pageErrors).toEqual([]);
    expect(await o.page.getByTestId("boot-message").count()).toBe(0);
    await o.page.context().close();
  }, 120_000);

  test("office.js refused by the network: the pane says office.js could not be loaded", async () => {
    const o = await open({ officeJs: (route) => route.abort("blockedbyclient") });
    const r = await reasonOf(o.page, "unavailable");
    expect(r.reason).toBe("officeJsMissing");
    expect(r.text).toContain("无法加载 Office 脚本库");
    await o.page.context().close();
  }, 120_000);

  test("office.js hanging (a firewall dropping the request): a message appears although the page never finishes loading", async () => {
    const o = await open({ officeJs: () => new Promise(() => undefined) });
    const r = await reasonOf(o.page, "boot-message");
    expect(r.reason).toBe("officeHang");
    expect(r.text).toContain("office.js");
    expect(r.text).toContain("could not be loaded");
    expect(await o.page.getByTestId("boot-message").isVisible()).toBe(true);
    await o.page.context().close();
  }, 120_000);

  test("office.js loaded but Office never ready: officeJsMissing after the time-out", async () => {
    const o = await open({
      officeJs: (route) => route.fulfill({ contentType: "text/javascript", body: `window.Office = { HostType: { Excel: "Excel" }, onReady: function () { return new Promise(function () {}); } };` }),
    });
    const r = await reasonOf(o.page, "unavailable");
    expect(r.reason).toBe("officeJsMissing");
    await o.page.context().close();
  }, 120_000);

  test("Excel below ExcelApi 1.7: hostTooOld, and the check button is off", async () => {
    const o = await open({ officeJs: (route) => route.fulfill({ contentType: "text/javascript", body: fakeOffice(6) }) });
    const r = await reasonOf(o.page, "unavailable");
    expect(r.reason).toBe("hostTooOld");
    expect(r.text).toContain("ExcelApi 1.7");
    expect(await o.page.getByTestId("check").isDisabled()).toBe(true);
    await o.page.context().close();
  }, 120_000);

  test("Excel with ExcelApi 1.7: the pane starts normally", async () => {
    const o = await open({ officeJs: (route) => route.fulfill({ contentType: "text/javascript", body: fakeOffice(7) }) });
    await o.page.getByTestId("check").waitFor({ timeout: 90_000 });
    expect(await o.page.getByTestId("unavailable").count()).toBe(0);
    expect(await o.page.getByTestId("check").isDisabled()).toBe(false);
    await o.page.context().close();
  }, 120_000);

  test("a webview below the floor (no ES2021 built-ins) that still runs the bundle: hostTooOld from the pane", async () => {
    const o = await open({ init: "delete String.prototype.replaceAll; delete Promise.allSettled;", officeJs: (route) => route.fulfill({ contentType: "text/javascript", body: fakeOffice(7) }) });
    const r = await reasonOf(o.page, "unavailable");
    expect(r.reason).toBe("hostTooOld");
    expect(await o.page.getByTestId("boot-message").count()).toBe(0);
    await o.page.context().close();
  }, 120_000);

  test("a webview that cannot parse the bundle: the plain message names the webview floor", async () => {
    const o = await open({
      init: "delete String.prototype.replaceAll;",
      bundle: (route) => route.fulfill({ contentType: "text/javascript", body: "const a = b ?.. c;" }),
    });
    const r = await reasonOf(o.page, "boot-message");
    expect(r.reason).toBe("old");
    expect(r.text).toContain("WebView2");
    expect(r.text).toContain("Excel 2019 volume licence");
    await o.page.context().close();
  }, 120_000);

  test("the bundle not loading at all in a current webview: the plain message says the script did not load", async () => {
    const o = await open({ bundle: (route) => route.abort() });
    const r = await reasonOf(o.page, "boot-message");
    expect(r.reason).toBe("failed");
    expect(r.text).toContain("页面的脚本没有加载");
    await o.page.context().close();
  }, 120_000);
});
