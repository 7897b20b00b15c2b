/**
 * The pane's part of `npm run bench`: the initial JavaScript each page loads (gzipped), built in
 * production mode into a scratch folder. Target (issue 11): taskpane.html ≤ 200 KB gzipped. The
 * analysis worker and the panels loaded on demand are listed beside it, not counted in it.
 */
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

type Line = (label: string, value: string, note?: string) => void;

export function benchPane(root: string, outDir: string, line: Line): boolean {
  const webpack = join(root, "node_modules", "webpack-cli", "bin", "cli.js");
  if (!existsSync(webpack)) {
    line("pane initial JavaScript", "skipped", "webpack-cli not installed");
    return false;
  }
  const build = spawnSync(process.execPath, [webpack, "--mode", "production", "--env", `outDir=${outDir}`], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) {
    line("pane initial JavaScript", "build failed", (build.stderr || build.stdout).split("\n").slice(-3).join(" "));
    return false;
  }
  const gz = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const initial = new Set<string>();
  for (const page of ["taskpane", "browser"]) {
    const html = readFileSync(join(outDir, `${page}.html`), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((s) => !/^https?:|office\.js$/.test(s));
    scripts.forEach((s) => initial.add(s));
    const total = scripts.reduce((n, s) => n + gz(s), 0);
    line(`${page}.html initial JavaScript (gzipped)`, kb(total), page === "taskpane" ? "target ≤ 200 KB" : undefined);
  }
  const others = readdirSync(outDir).filter((f) => f.endsWith(".js") && !initial.has(f));
  for (const f of others.sort((a, b) => gz(b) - gz(a))) line(`  on demand: ${f}`, kb(gz(f)));
  return true;
}

/**
 * The browser page (production build) in headless Chromium checking a large workbook: the time from
 * 校验 to the findings on screen and the main thread's longest task meanwhile (PerformanceObserver
 * "longtask"), the Web Worker's point. Target (issue 7): longest task ≤ 50 ms.
 */
export async function benchPaneLarge(outDir: string, workbook: string, rows: number, line: Line): Promise<void> {
  const CHROMIUM = "/usr/bin/chromium";
  if (!existsSync(CHROMIUM)) {
    line("pane: large check in Chromium", "skipped", "no Chromium");
    return;
  }
  const { chromium } = await import("playwright-core");
  const server = createServer((req, res) => {
    const file = join(outDir, decodeURIComponent((req.url ?? "/").split("?")[0]).replace(/^\/+/, ""));
    if (!file.startsWith(outDir) || !existsSync(file)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader("content-type", file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "text/javascript" : "application/octet-stream");
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 320, height: 900 } })).newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __longest: number; __tasks: number };
      w.__longest = 0;
      w.__tasks = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__tasks++;
          w.__longest = Math.max(w.__longest, e.duration);
        }
      }).observe({ type: "longtask", buffered: false });
    });
    await page.goto(`${url}/browser.html`);
    await page.getByTestId("file-input").setInputFiles(workbook);
    await page.getByTestId("file-name").waitFor({ timeout: 300_000 });
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __tasks: number };
      w.__longest = 0;
      w.__tasks = 0;
    });
    const started = Date.now();
    await page.getByTestId("check").click();
    await page.locator("[data-testid=summary], [data-testid=failure]").first().waitFor({ timeout: 600_000 });
    const ms = Date.now() - started;
    if (await page.getByTestId("failure").count()) {
      line(`pane (browser page): check ${rows.toLocaleString()} rows`, "failed", (await page.getByTestId("failure").textContent()) ?? "");
      return;
    }
    const { longest, tasks } = await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __tasks: number };
      return { longest: w.__longest, tasks: w.__tasks };
    });
    line(`pane (browser page): check ${rows.toLocaleString()} rows, 校验 → findings`, `${ms.toFixed(0)} ms`);
    line("  main thread longest task meanwhile", `${longest.toFixed(0)} ms`, `target ≤ 50 ms (${tasks} tasks over 50 ms)`);
  } finally {
    await browser.close();
    server.close();
  }
}
