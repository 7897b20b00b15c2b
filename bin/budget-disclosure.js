#!/usr/bin/env node
"use strict";
// A bigger young generation: reading and checking a large workbook allocates many short-lived
// objects, and the default 16 MB semi-space makes V8 collect far too often. V8 reads this when it
// creates a heap: it applies to the batch workers' heaps, not to this thread's, which exists already
// (measured on Node 20: 58 scavenges on the 100,000-row workbook with or without this line, 37 with
// `node --max-semi-space-size=32`, for about the same CPU time).
require("node:v8").setFlagsFromString("--max-semi-space-size=32");
const path = require("node:path");
const fs = require("node:fs");

// Node 22.1+ keeps compiled code between runs (start-up); older versions have no such call.
require("node:module").enableCompileCache?.();

// The bundle (npm run build:cli) starts faster; tsc's output (npm run build:node) is used when it
// is newer, so that rebuilding one of them never leaves an older CLI running.
const dist = path.join(__dirname, "..", "dist");
const mtime = (p) => {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = path.join(dist, "cli", "cli.js");
const compiled = path.join(dist, "node", "src", "node", "cli.js");
const entry = mtime(bundled) >= mtime(compiled) && mtime(bundled) >= 0 ? bundled : compiled;
if (!fs.existsSync(entry)) {
  process.stderr.write("命令行工具尚未构建，请先运行 npm install（或 npm run build:node）。\nThe CLI is not built yet: run npm install (or npm run build:node).\n");
  process.exit(2);
}
// For npm run bench: report this process's peak memory (kB) and CPU time (ms, all threads) on exit.
if (process.env.BDA_REPORT_RSS) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    process.stderr.write(`maxRSS=${u.maxRSS} cpuMs=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
  });
}
// Node 22.1+ caches compiled code itself (above); on older versions the bundle is loaded through
// our own V8 code cache (bin/code-cache.js), which is most of what start-up can save.
const cached = entry === bundled && !require("node:module").enableCompileCache ? require("./code-cache").requireCached(entry) : null;
(cached ? cached.exports : require(entry))
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
    cached?.saveCache();
  });
