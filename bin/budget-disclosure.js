#!/usr/bin/env node
"use strict";
// Optimise later: V8 hands a function to TurboFan once it has run about 66 KB of its bytecode. A
// check of one sample workbook then spends much of its CPU optimising code it will not run again,
// and each batch worker pays that again: a fresh process checked its first 50 sample workbooks at
// about three times the CPU of the next 50. With 64 times the budget only really hot code is
// optimised (the 100,000-row workbook's loops still are). Measured on Node 20, CPU user+sys:
// 100 samples with --jobs 1 3.4 s instead of 5.3 s, with --jobs 2 4.1 s instead of 8.3 s; the large
// workbook unchanged within noise; one sample: 8% fewer instructions. Set before any of our code
// is compiled; flags are process-wide, so batch workers get it too. (A bigger semi-space was set
// here before: it cannot change this thread's heap, which exists already, and made the workers'
// larger heaps cost more CPU than they saved.)
//
// A single large workbook is the exception: its long loops want optimising early, and the later
// budget made `check` of the 100,000-row bench workbook 10–25 % slower (with and without its
// catalogue). So the flag is left out when the arguments name one workbook, of 1 MB or more, and no
// folder (a batch keeps it), and such a run skips the code cache, which V8 keys by flags
// (using it under other flags would only evict the cache the small runs rely on).
//
// Those runs also keep the young generation at the size it starts with (--semi-space-growth-factor=1;
// V8 reads the factor each time it would grow the space, so unlike the semi-space sizes it takes
// effect on this heap). On this machine a fresh page costs a page fault in the kernel, and a check of
// the sample grew the young generation to touch ~3.5 MB more memory than it kept: with the flag it
// made 5,200 minor faults instead of 6,090 and took 270–280 ms CPU (user+sys) instead of 310–320,
// with the same instructions (callgrind); a batch of 40 samples (--jobs 1) 11,300 faults instead of
// 17,800 and no more CPU.
//
// And they scavenge the young generation on this thread alone (--no-parallel-scavenge; V8 reads it at
// each scavenge). With the young generation kept small a scavenge is short, and handing it out to
// helper threads cost more than it shared — on two cores, where a batch's other thread is busy
// anyway. Interleaved against the same build without it (outputs identical): 100 samples as JSON
// with --jobs 1 1.73–1.80 s instead of 1.82–2.01, --jobs 2 1.35–1.41 instead of 1.38–1.50; as text
// 1.37–1.51 instead of 1.55–1.62 and 1.14–1.19 instead of 1.26–1.29; 1,000 samples as JSON 11.7–11.9
// s instead of 13.0–13.2 and 7.2–7.3 instead of 7.8–8.0; one sample 0.16 s instead of 0.17. The large
// workbook's run does without it (1.86–1.89 s with it against 1.77–1.85: its scavenges copy tens of
// megabytes, which helpers do share).
const path = require("node:path");
const fs = require("node:fs");
const LARGE_WORKBOOK = 1 << 20;
function singleLargeWorkbook(args) {
  let workbooks = 0;
  let large = false;
  for (const a of args) {
    let st;
    try {
      st = fs.statSync(a);
    } catch {
      continue;
    }
    if (st.isDirectory()) return false;
    if (!st.isFile() || !/\.xlsx?$/i.test(a)) continue;
    workbooks++;
    if (st.size >= LARGE_WORKBOOK) large = true;
  }
  return large && workbooks === 1;
}
const largeRun = singleLargeWorkbook(process.argv.slice(3));
if (!largeRun) {
  preloadBuiltins(process.argv.slice(2));
  require("node:v8").setFlagsFromString("--interrupt-budget=4325376 --semi-space-growth-factor=1 --no-parallel-scavenge");
}

/**
 * Node's own modules come with compiled code built into the binary, which V8 accepts only under the
 * flags it was made with: a module first required after setFlagsFromString is compiled from its
 * source instead. So the ones every run of the bundle needs (the code cache's vm, module and zlib,
 * the bundle's os and util.parseArgs, the streams behind stdout and stderr) and, for a JSON package,
 * crypto are loaded before the flags are set: checking the sample 837.8 → 827.3 M instructions
 * (callgrind), crypto alone ~7 M.
 */
function preloadBuiltins(args) {
  require("node:module");
  require("node:vm");
  require("node:zlib");
  require("node:os");
  void require("node:util").parseArgs;
  void process.stdout;
  void process.stderr;
  if (args[0] === "export" || args.includes("json") || args.includes("--format=json")) require("node:crypto");
}

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
// For npm run bench: report this process's peak memory (kB), CPU time (ms, all threads) and minor
// page faults (each fresh page of memory costs one in the kernel: system time) on exit.
if (process.env.BDA_REPORT_RSS) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    process.stderr.write(`maxRSS=${u.maxRSS} cpuMs=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)} minorFaults=${u.minorPageFault}\n`);
  });
}
// Node 22.1+ caches compiled code itself (above); on older versions the bundle is loaded through
// our own V8 code cache (bin/code-cache.js), which is most of what start-up can save.
const cached = entry === bundled && !largeRun && !require("node:module").enableCompileCache ? require("./code-cache").requireCached(entry) : null;
(cached ? cached.exports : require(entry))
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
    cached?.saveCache();
    // The work is done: leave now rather than let Node tear the heap and the isolate down, ~10 ms
    // of CPU on the sample (perf stat task-clock, median of 20: 303 → 292 ms). Only when stdout and
    // stderr hold nothing unwritten (pipes and terminals may be asynchronous: Windows, macOS);
    // otherwise Node exits by itself once they have drained. 'exit' handlers run either way.
    if (!process.stdout.writableLength && !process.stderr.writableLength) process.exit(code);
  });
