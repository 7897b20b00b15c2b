#!/usr/bin/env node
"use strict";
/**
 * npm run build:cli — bundles the command-line tool into dist/cli/ (cli.js and the batch worker,
 * worker.js) with esbuild. One file loads in a fraction of the time of ~100 separate modules (each a
 * path resolution, a file read and a compile), which is most of the CLI's start-up. SheetJS stays
 * outside the bundle: it is required only when the fast reader declines a file (or for an .xlsx
 * catalogue), from node_modules like any dependency; so does ajv, required only by validate-package. Modules loaded on use (fill, the rules list,
 * the progress bar) stay lazy inside the bundle. bin/budget-disclosure.js runs the bundle when it is
 * at least as new as tsc's output in dist/node, and tsc's output otherwise.
 *
 * Then the V8 code caches beside the two files (cli.js.v8cache, worker.js.v8cache; see
 * bin/code-cache.js) are made by checking the sample once alone and once as a batch of two with
 * workers, so that the first run after a build starts as fast as every later one. Best effort: a
 * run that finds no usable cache makes one.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const esbuild = require("esbuild");

const root = path.join(__dirname, "..");
esbuild.buildSync({
  absWorkingDir: root,
  entryPoints: { cli: "src/node/cli.ts", worker: "src/node/worker.ts" },
  outdir: "dist/cli",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  external: ["@e965/xlsx", "ajv"],
  legalComments: "none",
  logLevel: "warning",
});

const out = path.join(root, "dist", "cli");
for (const f of fs.readdirSync(out)) if (f.endsWith(".v8cache")) fs.rmSync(path.join(out, f), { force: true });
const bin = path.join(root, "bin", "budget-disclosure.js");
const sample = path.join(root, "assets", "samples", "2026-单位预算公开-样例.xlsx");
if (fs.existsSync(sample)) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bda-build-cli-"));
  try {
    fs.copyFileSync(sample, path.join(tmp, "a.xlsx"));
    fs.copyFileSync(sample, path.join(tmp, "b.xlsx"));
    spawnSync(process.execPath, [bin, "check", sample], { stdio: "ignore" });
    spawnSync(process.execPath, [bin, "check", tmp, "--jobs", "2"], { stdio: "ignore" });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
