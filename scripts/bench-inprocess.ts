/**
 * `npm run bench`'s in-process side of "CLI end to end against the same pipeline in process" (issue
 * 11), run in a process of its own: node --expose-gc dist/node/scripts/bench-inprocess.js FILE
 * CATALOGUE.csv RUNS. Prints one JSON line: each run's wall and CPU time (ms) and minor page faults.
 *
 * The pipeline is the one `check FILE --format json --catalogue CATALOGUE.csv` runs once its modules
 * are loaded and its catalogue read: the file read, recognised and checked (analyseWorkbookFile, with
 * the file's SHA-256), and the sealed JSON package made as UTF-8 with Node's SHA-256 (what the CLI
 * writes to stdout; here the bytes are only counted). The catalogue entries come from the same CSV,
 * read before the clock starts; analyse keeps the catalogue merged from them for the year (as the
 * pane keeps its catalogue between checks), so only the first run merges it (~50 ms of the cold
 * run). Measured before in the bench's own process, it swung between about 2.2 and 4.0 s: that heap
 * still held the earlier sections' workbooks (a SheetJS one included) and the previous run's
 * garbage, so the collector's work depended on what ran before; and it made the JSON as strings
 * sealed with the pure-JavaScript SHA-256 (the pane's), which the CLI does not. Here every run
 * starts after a full collection in a heap that holds nothing else. The first run
 * is the cold one (code not yet optimised), the others warm.
 */
import { analyseWorkbookFile } from "../src/node/analyse-file";
import { loadCatalogueFile } from "../src/node/fill-command";
import { writePackageBytes } from "../src/core/report/package";
import { nodeSha256 } from "../src/node/hash";

const [file, catalogue, runsArg] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!file || !catalogue || !gc) {
  process.stderr.write("usage: node --expose-gc bench-inprocess.js FILE CATALOGUE.csv [RUNS]\n");
  process.exit(2);
}
const catalogueEntries = loadCatalogueFile(catalogue);
const runs: Array<{ ms: number; cpuMs: number; faults: number; bytes: number; errors: number }> = [];
for (let i = 0; i < Math.max(1, Number(runsArg) || 4); i++) {
  gc();
  const cpu0 = process.cpuUsage();
  const faults0 = process.resourceUsage().minorPageFault;
  const t0 = performance.now();
  const r = analyseWorkbookFile(file, { catalogueEntries }, true);
  if (!r.ok) throw new Error(r.error.en);
  let bytes = 0;
  writePackageBytes(r.analysis.recognition, r.analysis.report, (b) => (bytes += b.length), { sourceSha256: r.sha256, sha256: nodeSha256 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  runs.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000, faults: process.resourceUsage().minorPageFault - faults0, bytes, errors: r.analysis.report.summary.errors });
}
process.stdout.write(JSON.stringify({ runs }) + "\n");
