/**
 * The pane's part of `npm run bench`: the initial JavaScript each page loads (gzipped), built in
 * production mode into a scratch folder. Target (issue 11): taskpane.html ≤ 200 KB gzipped. The
 * analysis worker and the panels loaded on demand are listed beside it, not counted in it.
 */
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Page } from "playwright-core";
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
 * choosing the file (which starts its check) to the findings on screen and the main thread's longest task meanwhile (PerformanceObserver
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
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __tasks: number };
      w.__longest = 0;
      w.__tasks = 0;
    });
    const profiler = process.env.BENCH_PROFILE ? await startProfile(page, join(process.env.BENCH_PROFILE, "browser-page.cpuprofile")) : null;
    // Choosing the file starts its check: timed from the choice to the findings on screen.
    const started = Date.now();
    await page.getByTestId("file-input").setInputFiles(workbook);
    await page.locator("[data-testid=summary], [data-testid=failure]").first().waitFor({ timeout: 600_000 });
    if (await page.getByTestId("failure").count()) {
      line(`pane (browser page): check ${rows.toLocaleString()} rows`, "failed", (await page.getByTestId("failure").textContent()) ?? "");
      return;
    }
    await page.locator("[data-testid=findings], [data-testid=no-findings]").first().waitFor({ timeout: 600_000 });
    const ms = Date.now() - started;
    // Tasks still running after the findings appear (drawing them) count too.
    await page.waitForTimeout(1500);
    if (profiler) await profiler.stop(line);
    const { longest, tasks } = await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __tasks: number };
      return { longest: w.__longest, tasks: w.__tasks };
    });
    line(`pane (browser page): check ${rows.toLocaleString()} rows, file chosen → findings`, `${ms.toFixed(0)} ms`);
    line("  main thread longest task meanwhile", `${longest.toFixed(0)} ms`, `target ≤ 50 ms (${tasks} tasks over 50 ms)`);
  } finally {
    await browser.close();
    server.close();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * BENCH_PROFILE=<folder>: a CPU profile of the page's main thread (Chrome DevTools Protocol), written
 * as .cpuprofile (open it in Chrome's DevTools), and the functions with the most self time printed.
 */
export async function startProfile(page: Page, file: string): Promise<{ stop(line: Line): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  return {
    async stop(line: Line) {
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
      const byName = new Map<string, number>();
      for (const n of profile.nodes) {
        const ms = self.get(n.id) ?? 0;
        const f = n.callFrame;
        if (f.functionName === "(idle)" || f.functionName === "(program)") continue;
        const name = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
        byName.set(name, (byName.get(name) ?? 0) + ms);
      }
      line(`  CPU profile written`, file.split("/").pop() ?? file, "functions with the most self time:");
      for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12)) line(`    ${name.slice(0, 60)}`, `${ms.toFixed(0)} ms`);
    },
  };
}
