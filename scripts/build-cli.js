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

/**
 * fflate loaded on first use (scripts/cli-shims/fflate.mjs says why). The shim gets the real module,
 * the same file the static imports got before (the "import" build, not the "require" one).
 */
const FFLATE_SHIM = path.join(__dirname, "cli-shims", "fflate.mjs");
const REAL = { real: true };
const lazyFflate = {
  name: "lazy-fflate",
  setup(build) {
    build.onResolve({ filter: /^fflate$/ }, async (args) => {
      if (args.pluginData === REAL) return undefined;
      if (args.importer !== FFLATE_SHIM) return { path: FFLATE_SHIM };
      const real = await build.resolve("fflate", { kind: "import-statement", resolveDir: args.resolveDir, pluginData: REAL });
      if (real.errors.length) return { errors: real.errors };
      return { path: real.path };
    });
  },
};

/**
 * esbuild leaves non-ASCII characters in regular expression literals (the Chinese punctuation and
 * numerals the recogniser matches), and one such character makes the whole 900 KB file a two-byte
 * string: Node then decodes it as UTF-8 into twice the memory, and V8 scans it slower, at every start.
 * Each is written as its \uXXXX escape (a surrogate pair as two), which means the same character in
 * a string, a template, a regular expression (with or without the u flag) and an identifier. An
 * escaped non-ASCII character (a backslash before it) would change meaning, so it stops the build.
 */
function asciiOnly(file) {
  const src = fs.readFileSync(file, "utf8");
  if (/\\[^\x00-\x7f]/.test(src)) throw new Error(`${file}: a non-ASCII character after a backslash; escape it in the source`);
  fs.writeFileSync(file, src.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

async function main() {
  await esbuild.build({
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
    plugins: [lazyFflate],
  });

  const out = path.join(root, "dist", "cli");
  for (const f of ["cli.js", "worker.js"]) asciiOnly(path.join(out, f));
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
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
