/**
 * `npm run build` (webpack) and `npm run build:node` (tsc) share dist/: a page build must leave the
 * CLI in dist/node alone. The test takes webpack's real clean setting from webpack.config.js and the
 * CLI's output folder from tsconfig.node.json, and runs webpack's clean over a folder holding both.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import * as ts from "typescript";
import webpack from "webpack";
import { runWebpack } from "../browser/build";

const ROOT = join(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(join(ROOT, "webpack.config.js")) as (env: object, argv: object) => Promise<webpack.Configuration>;

function cliOutDir(): string {
  const file = join(ROOT, "tsconfig.node.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(file, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  return parsed!.options.outDir!;
}

function npmScripts(): Record<string, string> {
  return (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
}

test("the CLI's output folder lies inside webpack's and is kept by its clean setting", async () => {
  for (const mode of ["production", "development"]) {
    const config = await makeConfig({}, { mode });
    const out = config.output!;
    const rel = relative(out.path!, resolve(cliOutDir()));
    expect(rel).toBe("node");
    const keep = (out.clean as { keep: (p: string) => boolean }).keep;
    expect(keep(rel)).toBe(true);
    expect(keep(`${rel}/src/node/cli.js`)).toBe(true);
    expect(keep("taskpane.0123abcd.js")).toBe(false);
    expect(keep("nodejs.html")).toBe(false);
  }
});

test("webpack's clean removes stale page files and keeps dist/node", async () => {
  const dist = mkdtempSync(join(tmpdir(), "bda-dist-"));
  mkdirSync(join(dist, "node", "src", "node"), { recursive: true });
  writeFileSync(join(dist, "node", "src", "node", "cli.js"), "// the CLI\n");
  writeFileSync(join(dist, "taskpane.deadbeef.js"), "// an old page build\n");
  const src = join(dist, "..", `${relative(tmpdir(), dist)}-entry.js`);
  writeFileSync(src, "console.log(1);\n");
  const real = await makeConfig({}, { mode: "production" });
  const config: webpack.Configuration = {
    mode: "production",
    context: ROOT,
    entry: { page: src },
    output: { path: dist, filename: "[name].js", clean: real.output!.clean },
    infrastructureLogging: { level: "error" },
  };
  await runWebpack(config);
  expect(existsSync(join(dist, "page.js"))).toBe(true);
  expect(existsSync(join(dist, "taskpane.deadbeef.js"))).toBe(false);
  expect(readFileSync(join(dist, "node", "src", "node", "cli.js"), "utf8")).toBe("// the CLI\n");
});

test("no npm script removes dist/ wholesale", () => {
  for (const [name, cmd] of Object.entries(npmScripts())) {
    expect([name, /\brm\s+-\w*r\w*\s+dist\b|rimraf\s+dist\b/.test(cmd)]).toEqual([name, false]);
  }
});
