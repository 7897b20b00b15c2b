import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import type { Simulator } from "../excel-sim";

/**
 * Opens the built taskpane.html inside the Excel simulator: the page's office.js request is
 * answered with the simulator bundle, `/__sim/<name>.xlsx` with the workbook, every other request
 * leaves only for the test server (anything else is refused and recorded in `remote`).
 */
export interface ExcelPane {
  page: Page;
  pageErrors: string[];
  /** The page's console errors and warnings, for a failing test's message. */
  consoleLines: string[];
  remote: string[];
  /** Runs `f` on the simulator in the page (window.__excelSim) and returns its plain-data result. */
  sim<T, A = undefined>(f: (s: Simulator & { ready: Promise<void> }, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  close(): Promise<void>;
}

export interface ExcelPaneOptions {
  api: string;
  workbook: string;
  /** Extra query parameters for taskpane.html (payloadLimit, persist). */
  query?: Record<string, string>;
  viewport?: { width: number; height: number };
}

export async function openExcelPane(browser: Browser, serverUrl: string, simScript: string, opts: ExcelPaneOptions): Promise<ExcelPane> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 320, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  // The page's long tasks (main thread busy over 50 ms), for the bench.
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
    w.__longTasks = [];
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: "longtask", buffered: true });
    } catch {
      // no long task API: the list stays empty
    }
  });
  const pageErrors: string[] = [];
  const consoleLines: string[] = [];
  const remote: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") consoleLines.push(`${m.type()}: ${m.text()}`);
  });
  page.on("requestfailed", (r) => consoleLines.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("crash", () => consoleLines.push("page crashed"));
  const bookName = encodeURIComponent(path.basename(opts.workbook));
  await page.route("**/*", (route) => {
    const u = route.request().url();
    // The development build loads office-js/office.js from the server, production the CDN's.
    if (u.startsWith(`${serverUrl}/office-js/office.js`) || /^https:\/\/[^/]+\/lib\/1\/hosted\/office\.js/.test(u)) {
      return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: fs.readFileSync(simScript, "utf8") });
    }
    if (u.startsWith(`${serverUrl}/__sim/`)) {
      return route.fulfill({ status: 200, contentType: "application/octet-stream", body: fs.readFileSync(opts.workbook) });
    }
    if (u.startsWith(serverUrl + "/") || u.startsWith("blob:") || u.startsWith("data:")) return route.continue();
    remote.push(u);
    return route.abort();
  });
  const query = new URLSearchParams({ api: opts.api, xlsx: `/__sim/${bookName}`, ...(opts.query ?? {}) });
  // Two busy cores shared by many: loading the page may take a while.
  await page.goto(`${serverUrl}/taskpane.html?${query}`, { waitUntil: "domcontentloaded", timeout: 120_000 });
  await page.waitForFunction(() => (window as unknown as { __excelSim?: unknown }).__excelSim !== undefined, undefined, { timeout: 120_000 });
  return {
    page,
    pageErrors,
    consoleLines,
    remote,
    sim: (f, arg) =>
      page.evaluate(
        ([src, a]) => {
          const fn = new Function(`return (${src})`)() as (s: unknown, a: unknown) => unknown;
          return fn((window as unknown as { __excelSim: unknown }).__excelSim, a);
        },
        [f.toString(), arg] as const,
      ) as never,
    close: () => context.close(),
  };
}

/**
 * Runs a test's steps; if one fails, the error says what the page knew then: its errors and console
 * warnings, failed requests, the simulator's last round trips and pending events, and the test ids
 * drawn (with busy/disabled state). A step that times out on a busy CI machine is then diagnosable
 * from the log alone.
 */
export async function diagnosed<T>(pane: ExcelPane, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (e) {
    let state = "";
    try {
      state = await pane.page.evaluate(() => {
        const w = window as unknown as { __excelSim?: { host: { syncs: number; reads: number; delivered: number; history: Array<{ reads: boolean; commands: number; at: number }> } } };
        const h = w.__excelSim?.host;
        const drawn = [...document.querySelectorAll("[data-testid]")].map((el) => {
          const b = el as HTMLButtonElement;
          const flags = [b.disabled ? "disabled" : "", el.getAttribute("aria-busy") === "true" ? "busy" : ""].filter(Boolean).join(",");
          return el.getAttribute("data-testid") + (flags ? `(${flags})` : "");
        });
        return JSON.stringify({
          now: Math.round(performance.now()),
          sim: h ? { syncs: h.syncs, reads: h.reads, delivered: h.delivered, last: h.history.slice(-6).map((x) => `${x.reads ? "read" : "write"}:${x.commands}@${Math.round(x.at)}`) } : null,
          drawn: [...new Set(drawn)],
        });
      });
    } catch (inner) {
      state = `(page state unavailable: ${String(inner)})`;
    }
    const why = [`page errors: ${JSON.stringify(pane.pageErrors)}`, `console: ${JSON.stringify(pane.consoleLines.slice(-20))}`, `state: ${state}`].join("\n");
    if (e instanceof Error) {
      // Jest prints the stack, which holds the message as it was when the error was made.
      const was = e.message;
      e.message = `${was}\n--- the page then ---\n${why}`;
      if (e.stack) e.stack = e.stack.includes(was) ? e.stack.replace(was, e.message) : `${e.message}\n${e.stack}`;
      throw e;
    }
    throw new Error(`${String(e)}\n--- the page then ---\n${why}`);
  }
}
