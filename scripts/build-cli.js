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
 */
const path = require("node:path");
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
