/**
 * The pane's part of `npm run bench`: the initial JavaScript each page loads (gzipped), built in
 * production mode into a scratch folder. Target (issue 11): taskpane.html ≤ 200 KB gzipped. The
 * analysis worker and the panels loaded on demand are listed beside it, not counted in it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export function benchPane(root: string, outDir: string, line: (label: string, value: string, note?: string) => void): void {
  const webpack = join(root, "node_modules", "webpack-cli", "bin", "cli.js");
  if (!existsSync(webpack)) {
    line("pane initial JavaScript", "skipped", "webpack-cli not installed");
    return;
  }
  const build = spawnSync(process.execPath, [webpack, "--mode", "production", "--env", `outDir=${outDir}`], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) {
    line("pane initial JavaScript", "build failed", (build.stderr || build.stdout).split("\n").slice(-3).join(" "));
    return;
  }
  const gz = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const initial = new Set<string>();
  for (const page of ["taskpane", "browser"]) {
    const html = readFileSync(join(outDir, `${page}.html`), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]).filter((s) => !/^https?:|office\.js$/.test(s));
    scripts.forEach((s) => initial.add(s));
    const total = scripts.reduce((n, s) => n + gz(s), 0);
    line(`${page}.html initial JavaScript (gzipped)`, kb(total), page === "taskpane" ? "target ≤ 200 KB" : undefined);
  }
  const others = readdirSync(outDir).filter((f) => f.endsWith(".js") && !initial.has(f));
  for (const f of others.sort((a, b) => gz(b) - gz(a))) line(`  on demand: ${f}`, kb(gz(f)));
}
