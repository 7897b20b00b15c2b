/**
 * npm run bench — prints the figures the issues set targets for. Figures, not pass/fail: the machine
 * is shared and noisy, so each timing is the best of a few runs where that is cheap.
 *
 * Targets (2-core machine): recognition of 100,000 rows ≤ 0.3 s; peak memory ≤ 500 MB; CLI end to
 * end ≤ 1.3 × the same pipeline in process; full check ≤ 1 s beyond recognition; re-check after a
 * one-cell edit ≤ 5 ms (sample) / 10 ms (large); fill plan for 100,000 rows ≤ 0.5 s; CLI start-up
 * (checking the sample) ≤ 0.25 s; a batch on two cores ≥ 1.8 × one core; export of the large
 * workbook ≤ 1 s beyond the check.
 *
 * The machine may be shared: process timings are printed with their CPU time (all threads) and
 * every run, so that load from elsewhere shows as wall time far above CPU time.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as XLSX from "@e965/xlsx";
import { buildLargeWorkbook } from "./sample/large";
import { buildShanghaiSnapshot } from "./sample/shanghai";
import { readWorkbookBytes } from "../src/io/xlsx-read";
import { recognise } from "../src/core/recognise/recognise";
import { presentColumns, type WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { analyse, recheckEdit, recheckSheet } from "../src/core/analyse";
import { buildPackage, writePackageBytes, writePackageJson } from "../src/core/report/package";
import { nodeSha256, nodeSha256Hex } from "../src/node/hash";
import { canonicalJson, sha256Hex } from "../src/core/report/canonical";
import { renderPackage } from "../src/core/publish/render";
import { buildNarrativeDraft, checkDraft, draftProblems } from "../src/core/publish/draft";
import { fdpZip, fiscalDataPackage } from "../src/core/publish/fdp";
import { disclosureCharts } from "../src/core/publish/charts";
import { packageSheetRows } from "../src/core/publish/addin-sheets";
import { writeXlsx } from "../src/io/xlsx-write";
import { readWorkbookFile } from "../src/node/read-file";
import { catalogueEntriesOf, nudgeCell } from "./bench-lib";
import { Catalogue } from "../src/core/catalogue/catalogue";
import { builtInEdition } from "../src/core/catalogue/editions";
import { planFill } from "../src/core/catalogue/fill";
import { benchPane, benchPaneLarge } from "./bench-pane";
import { benchExcel } from "./bench-excel";
import { perRuleRecheck } from "./bench-rules";

const ROOT = join(__dirname, "..", "..", "..");
const BIN = join(ROOT, "bin", "budget-disclosure.js");
const SAMPLE = join(ROOT, "assets", "samples", "2026-单位预算公开-样例.xlsx");

/** Cells present in a snapshot (the work recognition has to look at). */
function cellCount(wb: WorkbookSnapshot): number {
  let n = 0;
  for (const sheet of wb.sheets) for (const row of sheet.rows) if (row) for (const c of presentColumns(row)) if (row[c]) n++;
  return n;
}

function best<T>(n: number, f: () => T): { ms: number; value: T } {
  let ms = Infinity;
  let value!: T;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    value = f();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, value };
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const line = (label: string, value: string, target = "") => console.log(`${label.padEnd(52)} ${value.padStart(14)}   ${target}`);

interface CliRun {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  /** Minor page faults (a fresh page each: kernel time that callgrind does not count). */
  faults: number;
  code: number;
}

/** taskset, where there is one: a run held to one core (V8's helper threads share it). */
const TASKSET = ["/usr/bin/taskset", "/bin/taskset"].find((f) => existsSync(f));

/**
 * Where a CLI run's output goes: a file, as `check … > out.json` writes it. Through a pipe this
 * process had to read it — 200 MB of JSON for 1,000 samples, decoded as it came — on a core the run
 * shares: a batch on both cores then ran ~1.3–1.6× one core where the same runs writing to a file
 * ran 1.5–2.3×, and the batch figure measured this process as much as the CLI.
 */
const CLI_OUT = join(tmpdir(), `bda-bench-out-${process.pid}`);

function runCli(args: string[], env: Record<string, string> = {}, opts: { oneCore?: boolean } = {}): CliRun {
  const [cmd, argv] = opts.oneCore && TASKSET ? [TASKSET, ["-c", "0", process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const out = openSync(CLI_OUT, "w");
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { env: { ...process.env, BDA_REPORT_RSS: "1", ...env }, stdio: ["ignore", out, "pipe"], encoding: "utf8" });
  const ms = performance.now() - t0;
  closeSync(out);
  rmSync(CLI_OUT, { force: true });
  const m = /maxRSS=(\d+) cpuMs=(\d+)(?: minorFaults=(\d+))?/.exec(r.stderr ?? "");
  return { ms, cpuMs: m ? Number(m[2]) : NaN, maxRssMb: m ? Number(m[1]) / 1024 : NaN, faults: m?.[3] ? Number(m[3]) : NaN, code: r.status ?? -1 };
}

/** Runs a command n times; the fastest run, and every run's wall/CPU for the noise. */
function runs(n: number, f: () => CliRun): { best: CliRun; all: string; list: CliRun[] } {
  const all: CliRun[] = [];
  for (let i = 0; i < n; i++) all.push(f());
  const best = all.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { best, all: all.map((r) => `${fmt(r.ms)}/${fmt(r.cpuMs)}`).join(", "), list: all };
}

function bareNode(env: Record<string, string> = {}): CliRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-e", "const u=process.resourceUsage();process.stderr.write('cpuMs='+Math.round((u.userCPUTime+u.systemCPUTime)/1000)+' minorFaults='+u.minorPageFault)"], { encoding: "utf8", env: { ...process.env, ...env } });
  const ms = performance.now() - t0;
  return { ms, cpuMs: Number(/cpuMs=(\d+)/.exec(r.stderr)?.[1] ?? NaN), maxRssMb: NaN, faults: Number(/minorFaults=(\d+)/.exec(r.stderr)?.[1] ?? NaN), code: r.status ?? -1 };
}

/**
 * What two busy cores give on this machine, apart from our code: a small allocating loop (objects
 * and strings, as a check makes; single-threaded GC, so that each process keeps to its own core)
 * and a loop of arithmetic, each run alone and then two at once. Wall time of the pair's slower
 * process over the lone one: 1.00 where the two cores are independent. A batch of allocation-heavy
 * work cannot be faster on two cores than 2 / that factor of one.
 */
async function contention(): Promise<{ alloc: number; arith: number; allocMs: number; arithMs: number }> {
  const ALLOC = "let a=[];for(let k=0;k<6;k++){a=[];for(let i=0;i<1e6;i++)a.push({x:i,y:String(i)})}";
  const ARITH = "let s=0;for(let i=0;i<4e8;i++)s=(s+i*7)|0;if(s===1)console.log(s)";
  const once = (code: string) =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const c = spawn(process.execPath, ["--single-threaded-gc", "-e", code], { stdio: "ignore" });
      c.on("error", reject);
      c.on("exit", () => resolve(performance.now() - t0));
    });
  const factor = async (code: string) => {
    const alone = Math.min(await once(code), await once(code));
    const pair = Math.min(Math.max(...(await Promise.all([once(code), once(code)]))), Math.max(...(await Promise.all([once(code), once(code)]))));
    return { factor: pair / alone, alone };
  };
  const alloc = await factor(ALLOC);
  const arith = await factor(ARITH);
  return { alloc: alloc.factor, arith: arith.factor, allocMs: alloc.alone, arithMs: arith.alone };
}

/**
 * BENCH_ONLY=read,check,shanghai,recheck,fill,publish,cli,startup,batch,pane,excel runs only the named sections (the
 * large workbook is generated whenever a section needs it). Unset: every section.
 */
const ONLY = new Set((process.env.BENCH_ONLY ?? "").split(",").map((s) => s.trim()).filter(Boolean));
const want = (section: string) => ONLY.size === 0 || ONLY.has(section);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bda-bench-"));
  console.log(`预算公开助手 benchmark — node ${process.version}, ${new Date().toISOString()}`);
  console.log("generating the large department workbook (100,000 subject rows, 5,000 projects)…");
  const large = join(dir, "large.xlsx");
  const built0 = performance.now();
  writeFileSync(large, await buildLargeWorkbook({ subjectRows: 100000, projects: 5000 }));
  const builtMs = performance.now() - built0;
  const bytes = new Uint8Array(readFileSync(large));
  console.log(`file size ${(bytes.length / 1048576).toFixed(1)} MB, generated and written in ${fmt(builtMs)}\n`);

  // 1. reading and recognition
  const bare = best(3, () => XLSX.read(bytes, { type: "array", dense: true, cellText: false, cellHTML: false }));
  const bareDefault = best(1, () => XLSX.read(bytes, { type: "array" }));
  const bareMs = Math.min(bare.ms, bareDefault.ms);
  const read = best(2, () => readWorkbookBytes(bytes, "large.xlsx"));
  const wb = read.value;
  const rec = best(5, () => recognise(wb));
  const rows = rec.value.tables.reduce((n, t) => n + t.rows.length, 0);
  line("bare SheetJS read (fastest options)", fmt(bareMs));
  line("file read into the snapshot", fmt(read.ms));
  line(`recognition (${rows.toLocaleString()} rows, ${rec.value.tables.length} tables)`, fmt(rec.ms), "target ≤ 300 ms");
  line("recognition throughput", `${Math.round(rows / (rec.ms / 1000)).toLocaleString()} rows/s`);

  // 1b. the same size in Shanghai's layout (issue 8): 类/款/项 columns, 元, the set chosen by best match
  if (want("shanghai")) {
    const sh = buildShanghaiSnapshot({ largeLeaves: 32000 }, "shanghai-large.xlsx").wb;
    // Measured in turns with the Shanxi workbook (best of 5 each), in the same heap: one measured
    // first, right after reading, and the other after the 1.8 s of building this one is not a fair pair.
    let shMs = Infinity;
    let sxMs = Infinity;
    let shRec = best(1, () => recognise(sh));
    for (let i = 0; i < 5; i++) {
      const a = best(1, () => recognise(sh));
      if (a.ms < shMs) shRec = a;
      shMs = Math.min(shMs, a.ms);
      sxMs = Math.min(sxMs, best(1, () => recognise(wb)).ms);
    }
    const shRows = shRec.value.tables.reduce((n, t) => n + t.rows.length, 0);
    const shCells = cellCount(sh);
    const sxCells = cellCount(wb);
    line(`recognition, Shanghai layout (${shRows.toLocaleString()} rows, ${shRec.value.tables.length} tables)`, fmt(shMs), `Shanxi ${fmt(sxMs)} in turns with it (${shRec.value.layoutSet})`);
    line(
      "  per 1,000 cells: Shanghai / Shanxi",
      `${fmt((shMs * 1000) / shCells)} / ${fmt((sxMs * 1000) / sxCells)}`,
      `${shCells.toLocaleString()} and ${sxCells.toLocaleString()} cells; target: Shanghai within the Shanxi figure`,
    );
    // Its codes are synthetic too, and now checked against the catalogue: loaded as a user edition, as below.
    const shCatalogue = catalogueEntriesOf(shRec.value);
    const shFull = best(2, () => analyse(sh, { catalogueEntries: shCatalogue }));
    line("  full check, Shanghai layout", fmt(shFull.ms), `${shFull.value.report.summary.errors} errors`);
  }

  // 2. checks. The large workbook's codes are synthetic (100,000 rows need more codes than the
  // classification has), so, as a user would, we load them as a user edition (--catalogue) over the
  // built-in one: the catalogue rules then do their full work without 100,000 "unknown code" findings.
  const catalogueEntries = catalogueEntriesOf(rec.value);
  const catalogueFile = join(dir, "large-catalogue.csv");
  writeFileSync(catalogueFile, "科目编码,科目名称\n" + catalogueEntries.map((e) => `${e.code},${e.name}`).join("\n") + "\n");
  const opts = { catalogueEntries };
  const full = best(3, () => analyse(wb, opts));
  line("full check (recognition + all rules)", fmt(full.ms));
  line("  of which rules, beyond recognition", fmt(Math.max(0, full.ms - rec.ms)), "target ≤ 1 s");
  line("  findings on the large workbook", `${full.value.report.findings.length} (${full.value.report.summary.errors} errors)`);
  const t03 = full.value.recognition.tables.find((t) => t.id === "T03")!;
  const someRow = t03.rows[Math.floor(t03.rows.length / 2)];
  const cell = someRow.amounts.total.cell;
  if (want("recheck")) {
  const recheckLarge = best(5, () => {
    nudgeCell(wb, t03.sheet, cell);
    return recheckEdit(wb, full.value, t03.sheet, cell, opts);
  });
  line(`re-check after a one-cell edit (large, ${t03.sheet}!${cell})`, fmt(recheckLarge.ms), "target ≤ 10 ms");
  perRuleRecheck(wb, full.value, t03.sheet, cell, opts, line);
  const small = full.value.recognition.tables.find((t) => t.id === "T06")!;
  const smallCell = small.rows.find((r) => r.amounts.total && r.kind === "subject")!.amounts.total.cell;
  const recheckSmall = best(5, () => {
    nudgeCell(wb, small.sheet, smallCell);
    return recheckEdit(wb, full.value, small.sheet, smallCell, opts);
  });
  line(`  the same in a small table of it (${small.sheet}!${smallCell})`, fmt(recheckSmall.ms));
  const recheckWhole = best(2, () => recheckSheet(wb, full.value, t03.sheet, opts));
  line(`re-read and re-check the whole sheet ${t03.sheet}`, fmt(recheckWhole.ms));

  const sampleWb = readWorkbookBytes(new Uint8Array(readFileSync(SAMPLE)), "sample.xlsx");
  const sampleFull = analyse(sampleWb);
  const s03 = sampleFull.recognition.tables.find((t) => t.id === "T03")!;
  const sCell = s03.rows.find((r) => r.code?.text === "2010607")!.amounts.total.cell;
  for (let i = 0; i < 20; i++) recheckSheet(sampleWb, sampleFull, s03.sheet); // warm up
  const recheckSample = best(20, () => {
    nudgeCell(sampleWb, s03.sheet, sCell);
    return recheckEdit(sampleWb, sampleFull, s03.sheet, sCell);
  });
  line(`re-check after a one-cell edit (sample, ${s03.sheet}!${sCell})`, fmt(recheckSample.ms), "target ≤ 5 ms");
  }

  // 3. catalogue and fill
  if (want("fill")) {
  const cat = best(5, () => new Catalogue(builtInEdition(2026)!));
  const dataGz = gzipSync(Buffer.from(JSON.stringify(builtInEdition(2026)))).length;
  line("catalogue load (2026 edition; name indexes on first lookup)", fmt(cat.ms));
  line("catalogue data in the pane bundle (gzipped)", `${(dataGz / 1024).toFixed(1)} KB`);
  const fill = best(3, () => planFill(full.value.recognition, new Catalogue(builtInEdition(2026)!)));
  line(`fill plan over ${rows.toLocaleString()} rows (catalogue build included)`, fmt(fill.ms), "target ≤ 500 ms");
  }

  // 3b. publication (issue 9): the package beyond the check (canonical JSON, sealed, with the
  // workbook's SHA-256), its size, render back to a workbook, the open-data package
  if (want("publish")) {
    const a = full.value;
    const source = best(3, () => sha256Hex(bytes));
    line("SHA-256 of the workbook file (pure JS, @noble/hashes)", fmt(source.ms), `${(bytes.length / 1048576).toFixed(1)} MB`);
    // as the CLI exports: UTF-8 buffers, sealed with Node's SHA-256; the pane's worker uses the pure-JS one
    const exported = best(3, () => {
      let n = 0;
      writePackageBytes(a.recognition, a.report, (b) => (n += b.length), { sourceSha256: nodeSha256Hex(bytes), sha256: nodeSha256 });
      return n;
    });
    line("export beyond the check: package written and sealed (large, CLI)", fmt(exported.ms), "target ≤ 1 s");
    const exportedPane = best(2, () => {
      let n = 0;
      writePackageJson(a.recognition, a.report, (s) => (n += s.length), { sourceSha256: sha256Hex(bytes) });
      return n;
    });
    line("  the same as text with the pure-JS SHA-256 (the pane's worker)", fmt(exportedPane.ms));
    let utf8 = 0;
    const enc = new TextEncoder();
    writePackageJson(a.recognition, a.report, (s) => (utf8 += enc.encode(s).length), { sourceSha256: source.value });
    line("  package size (canonical JSON, UTF-8)", `${(utf8 / 1048576).toFixed(1)} MB`, `gzipped about ${(gzipSync(Buffer.from(canonicalJson(buildPackage(a.recognition, a.report)))).length / 1048576).toFixed(1)} MB`);
    const pkg = buildPackage(a.recognition, a.report, { sourceSha256: source.value });
    const rendered = best(1, () => writeXlsx(renderPackage(pkg)));
    line("render: package → standard workbook (.xlsx, large)", fmt(rendered.ms), `${(rendered.value.length / 1048576).toFixed(1)} MB`);
    const fdp = best(2, () => fiscalDataPackage(pkg));
    const fdpBytes = fdp.value.reduce((n, f) => n + f.bytes.length, 0);
    line("FDP export: datapackage.json + CSVs (large)", fmt(fdp.ms), `${fdp.value.length} files, ${(fdpBytes / 1048576).toFixed(1)} MB`);
    // The 情况说明 draft (in every package) and its check by the narrative rules (the pane's and the CLI's draft).
    const drafted = best(3, () => {
      const d = buildNarrativeDraft(a.recognition);
      return { d, problems: draftProblems(checkDraft(a.recognition, wb, d)).length };
    });
    line("情况说明 draft: built from the tables and checked (large)", fmt(drafted.ms), `${drafted.value.d.paragraphs.length} paragraphs, ${drafted.value.problems} differences`);
    const zipped = best(2, () => fdpZip(fdp.value));
    line("  the same as the pane's .zip (fixed timestamps)", fmt(zipped.ms), `${(zipped.value.length / 1048576).toFixed(1)} MB`);
    const charts = best(3, () => disclosureCharts(a.recognition));
    line("charts from the analysis (income, expenditure, GPB by class; large)", fmt(charts.ms), `${charts.value.length} charts, ${charts.value.reduce((n, c) => n + c.points.length, 0)} points`);
    let pkgText = "";
    writePackageJson(a.recognition, a.report, (s) => (pkgText += s), { sourceSha256: source.value });
    const sheetRows = best(3, () => packageSheetRows(pkgText));
    line("package cut into sheet cells (write to a new sheet; large)", fmt(sheetRows.ms), `${sheetRows.value.length - 1} cells of ≤ 32,000 characters`);
    const out = join(dir, "large-package.json");
    const cliExport = runs(1, () => runCli(["export", large, "-o", out, "--force", "--allow-errors"]));
    line(`CLI export end to end (large, exit ${cliExport.best.code}; no --catalogue)`, fmt(cliExport.best.ms), `runs (wall/CPU): ${cliExport.all}; max RSS ${cliExport.best.maxRssMb.toFixed(0)} MB`);
  }

  // 4. the CLI end to end against the same pipeline in process, and its peak memory. The in-process
  // figure is taken in a process of its own (scripts/bench-inprocess.ts says why): a full GC before
  // each run, a heap holding nothing else, the JSON made and sealed as the CLI makes it; the first
  // run is cold, the others warm, and the ratio is to the fastest warm run. The way it was measured
  // before (here, after the sections above) is printed beside it, for comparison.
  if (want("cli")) {
  const cpu0 = process.cpuUsage();
  const inHere = best(2, () => {
    const w = readWorkbookFile(large);
    const a = analyse(w, opts);
    let bytes = 0;
    writePackageJson(a.recognition, a.report, (s) => (bytes += s.length));
    return bytes;
  });
  const cpu1 = process.cpuUsage(cpu0);
  // The in-process pipeline (a process of its own: bench-inprocess.ts) and the CLI, in turns: this
  // machine's speed drifts by tens of percent within minutes, so figures taken one after the other
  // compare two machines. Each turn's ratio is printed beside the best-against-best one.
  const cliArgs = ["check", large, "--format", "json", "--catalogue", catalogueFile];
  const load = loadavg()[0].toFixed(1);
  type OwnRun = { ms: number; cpuMs: number; faults: number };
  const turns: Array<{ own: OwnRun[]; cli: CliRun }> = [];
  for (let k = 0; k < 3; k++) {
    const child = spawnSync(process.execPath, ["--expose-gc", join(__dirname, "bench-inprocess.js"), large, catalogueFile, "4"], { encoding: "utf8" });
    const own = (JSON.parse(child.stdout || '{"runs":[]}') as { runs: OwnRun[] }).runs;
    if (own.length < 2) throw new Error(`bench-inprocess failed: ${child.stderr}`);
    turns.push({ own, cli: runCli(cliArgs) });
  }
  const fastestOf = <T extends { ms: number }>(rs: T[]): T => rs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const warmOf = (own: OwnRun[]) => fastestOf(own.slice(1));
  const warmBest = fastestOf(turns.map((t) => warmOf(t.own)));
  const warmCpu = Math.min(...turns.flatMap((t) => t.own.slice(1).map((r) => r.cpuMs)));
  const coldBest = fastestOf(turns.map((t) => t.own[0]));
  const cliList = turns.map((t) => t.cli);
  const cliBest = fastestOf(cliList);
  line(
    "in process: read + recognise + check + sealed JSON (large)",
    fmt(warmBest.ms),
    `warm, own process, GC before each run; CPU ${fmt(warmBest.cpuMs)} (least ${fmt(warmCpu)}), minor page faults ${warmBest.faults}; runs (wall/CPU), a turn each: ${turns.map((t) => t.own.map((r) => `${fmt(r.ms)}/${fmt(r.cpuMs)}`).join(", ")).join(" | ")}`,
  );
  line("  the first (cold) run of that process", fmt(coldBest.ms), `CPU ${fmt(coldBest.cpuMs)}, minor page faults ${coldBest.faults}`);
  line("  as measured before: in this process, JSON as text", fmt(inHere.ms), `CPU ${fmt((cpu1.user + cpu1.system) / 2000)} a run (mean of 2); after the sections above, pure-JS seal`);
  line("CLI check end to end (large, JSON, exit " + cliBest.code + ")", `${fmt(cliBest.ms)}`, `runs (wall/CPU), a turn each: ${cliList.map((r) => `${fmt(r.ms)}/${fmt(r.cpuMs)}`).join(", ")}; minor page faults ${cliBest.faults}; load before ${load} (${availableParallelism()} cores)`);
  const perTurn = (of: (t: (typeof turns)[number]) => number) => turns.map((t) => `${(t.cli.ms / of(t)).toFixed(2)}x`).join(", ");
  line("  ratio to the in-process pipeline", `${(cliBest.ms / warmBest.ms).toFixed(2)}x`, `target ≤ 1.3x; each turn ${perTurn((t) => warmOf(t.own).ms)}; CPU ${(Math.min(...cliList.map((r) => r.cpuMs)) / warmCpu).toFixed(2)}x (least of each); before's way ${(cliBest.ms / inHere.ms).toFixed(2)}x`);
  line("  ratio to the same process's first (cold) run", `${(cliBest.ms / coldBest.ms).toFixed(2)}x`, `each turn ${perTurn((t) => t.own[0].ms)}; CPU ${(Math.min(...cliList.map((r) => r.cpuMs)) / coldBest.cpuMs).toFixed(2)}x: a CLI run is always cold; this is what it adds beyond the pipeline it runs (start-up, catalogue CSV, output)`);
  line("  ratio to the bare SheetJS read", `${(cliBest.ms / bareMs).toFixed(2)}x`);
  line("  CLI peak memory (max RSS)", `${Math.max(...cliList.map((r) => r.maxRssMb)).toFixed(0)} MB`, "target ≤ 500 MB (the largest of the runs)");
  line("this process peak memory (max RSS)", `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  }

  // 5. start-up: a bare node against checking the small sample (text report)
  if (want("startup")) {
  const node0 = runs(10, () => bareNode());
  const startup = runs(10, () => runCli(["check", SAMPLE]));
  const minCpu = (rs: CliRun[]) => fmt(Math.min(...rs.map((r) => r.cpuMs)));
  line("bare `node -e 0`", fmt(node0.best.ms), `CPU ${fmt(node0.best.cpuMs)} (least ${minCpu(node0.list)}); minor page faults ${node0.best.faults}`);
  line("CLI check of the sample (start-up included)", fmt(startup.best.ms), `target ≤ 250 ms; CPU ${fmt(startup.best.cpuMs)} (least ${minCpu(startup.list)}); minor page faults ${startup.best.faults}; runs (wall/CPU): ${startup.all}`);
  // What the code cache is worth (its data is read and deserialised at every start): the same
  // check with BDA_NO_CODE_CACHE=1, in turns with the cached runs so that both see the same load.
  const withCache: CliRun[] = [];
  const noCache: CliRun[] = [];
  for (let i = 0; i < 6; i++) {
    withCache.push(runCli(["check", SAMPLE]));
    noCache.push(runCli(["check", SAMPLE], { BDA_NO_CODE_CACHE: "1" }));
  }
  const fastest = (rs: CliRun[]) => rs.reduce((a, b) => (b.ms < a.ms ? b : a));
  line("  the same without the code cache", fmt(fastest(noCache).ms), `CPU least ${minCpu(noCache)} (with it, in turns: ${fmt(fastest(withCache).ms)}, CPU least ${minCpu(withCache)}); minor page faults ${fastest(noCache).faults}; 1-minute load ${loadavg()[0].toFixed(1)}`);
  // This machine sets NODE_EXTRA_CA_CERTS, which Node parses at every start before any of our code
  // (~50 ms CPU, callgrind: 416 M of bare node's ~500 M instructions); a user's machine usually does
  // not. Both figures, in turns: the target is met or not on the machine as it is.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const noCa = { NODE_EXTRA_CA_CERTS: "" };
    const cliNoCa: CliRun[] = [];
    const bareNoCa: CliRun[] = [];
    for (let i = 0; i < 6; i++) {
      cliNoCa.push(runCli(["check", SAMPLE], noCa));
      bareNoCa.push(bareNode(noCa));
    }
    line("  without NODE_EXTRA_CA_CERTS (set here)", fmt(fastest(cliNoCa).ms), `CPU least ${minCpu(cliNoCa)}; bare node the same way ${fmt(fastest(bareNoCa).ms)}, CPU least ${minCpu(bareNoCa)}`);
  }
  }

  // 6. batches: 100 and 1,000 sample-sized workbooks, one core against all cores, alternated
  // (BENCH_BATCH=100 or =100,300: only those sizes, while iterating)
  const batchSizes = process.env.BENCH_BATCH ? process.env.BENCH_BATCH.split(",").map(Number).filter((n) => n > 0) : [100, 1000];
  for (const n of want("batch") ? batchSizes : []) {
    const folder = join(dir, `units-${n}`);
    mkdirSync(folder);
    for (let i = 0; i < n; i++) copyFileSync(SAMPLE, join(folder, `unit-${String(i).padStart(4, "0")}.xlsx`));
    // Half the files on one core: what each of two threads would take if the second were free and
    // ready at once. Every thread warms up its own JIT (a fresh isolate), and a thread's first files
    // cost more than its later ones, so half the files take more than half the time.
    const halfFolder = join(dir, `units-${n}-half`);
    mkdirSync(halfFolder);
    for (let i = 0; i < Math.ceil(n / 2); i++) copyFileSync(SAMPLE, join(halfFolder, `unit-${String(i).padStart(4, "0")}.xlsx`));
    const half: CliRun[] = [];
    const one: CliRun[] = [];
    const pinned: CliRun[] = [];
    const all: CliRun[] = [];
    // The 1-minute load average before each run: on a shared machine wall-clock ratios mean little
    // when it is above the core count (CPU time, printed beside, is what to compare then).
    const loads: string[] = [];
    for (let k = 0; k < 2; k++) {
      loads.push(loadavg()[0].toFixed(1));
      one.push(runCli(["check", folder, "--format", "json", "--jobs", "1"]));
      half.push(runCli(["check", halfFolder, "--format", "json", "--jobs", "1"]));
      loads.push(loadavg()[0].toFixed(1));
      all.push(runCli(["check", folder, "--format", "json"]));
      if (TASKSET) {
        loads.push(loadavg()[0].toFixed(1));
        pinned.push(runCli(["check", folder, "--format", "json", "--jobs", "1"], {}, { oneCore: true }));
      }
    }
    const b1 = one.reduce((a, b) => (b.ms < a.ms ? b : a));
    const bn = all.reduce((a, b) => (b.ms < a.ms ? b : a));
    const show = (rs: CliRun[]) => rs.map((r) => `${fmt(r.ms)}/${fmt(r.cpuMs)}`).join(", ");
    line(`batch of ${n}: one core (--jobs 1)`, `${(n / (b1.ms / 1000)).toFixed(1)} files/s`, `wall/CPU: ${show(one)}`);
    line(`batch of ${n}: all cores (${availableParallelism()} jobs: the main thread and workers)`, `${(n / (bn.ms / 1000)).toFixed(1)} files/s`, `wall/CPU: ${show(all)}`);
    // each turn's own ratio too: this machine's speed drifts between turns (the same --jobs 1 run of
    // 1,000 files has taken 14 s and 18.7 s within minutes), so the best of each may pair two speeds
    const turnRatios = one.map((r, k) => `${(r.ms / all[k].ms).toFixed(2)}x`).join(", ");
    line(`  speed-up on all cores`, `${(b1.ms / bn.ms).toFixed(2)}x`, `target ≥ 1.8x on 2 cores; each turn ${turnRatios}; load before each run: ${loads.join(", ")} (${availableParallelism()} cores)`);
    if (pinned.length) {
      // --jobs 1 is one JavaScript thread, but V8's GC helpers run on the other core: held to one
      // core it takes about as long with less CPU. This is "one core" in the strict sense.
      const bp = pinned.reduce((a, b) => (b.ms < a.ms ? b : a));
      line(`batch of ${n}: one core, held to it (taskset -c 0)`, `${(n / (bp.ms / 1000)).toFixed(1)} files/s`, `wall/CPU: ${show(pinned)}; all cores against it: ${(bp.ms / bn.ms).toFixed(2)}x`);
    }
    // CPU time (user + sys, every thread) does not depend on what else runs on the machine: what
    // the workers cost beyond one core's work (their start, a second JIT warm-up, a second heap).
    const cpuPerFile = (rs: CliRun[]) => Math.min(...rs.map((r) => r.cpuMs)) / n;
    line(`  CPU per file: one core / all cores`, `${fmt(cpuPerFile(one))} / ${fmt(cpuPerFile(all))}`, `all cores use ${(cpuPerFile(all) / cpuPerFile(one)).toFixed(2)}x the CPU of one`);
    // Where a shortfall comes from: the speed-up cannot exceed cores × CPU(one) / CPU(all) (extra
    // work), and the fastest all-cores run kept CPU/wall cores busy (idle or waiting, or other load).
    const cores = availableParallelism();
    // The most two threads could gain here, their start and the two cores' contention aside.
    const halfRatios = one.map((r, k) => `${(r.ms / half[k].ms).toFixed(2)}x`).join(", ");
    line(
      `  ceiling from warming up twice`,
      `${(b1.ms / half.reduce((a, b) => (b.ms < a.ms ? b : a)).ms).toFixed(2)}x`,
      `one core on all ${n} files / one core on the first ${Math.ceil(n / 2)} (wall/CPU: ${show(half)}); each turn ${halfRatios}: each thread warms up its own JIT`,
    );
    line(`  ceiling from the CPU used`, `${((cores * cpuPerFile(one)) / cpuPerFile(all)).toFixed(2)}x`, `${cores} × CPU(one) / CPU(all); cores busy in the fastest all-cores run: ${(bn.cpuMs / bn.ms).toFixed(2)} of ${cores}`);
  }

  if (want("batch")) {
    const c = await contention();
    line("two busy cores, apart from our code", `${c.alloc.toFixed(2)}x`, `an allocating loop takes ${c.alloc.toFixed(2)}x as long (alone ${fmt(c.allocMs)}) when two run at once, an arithmetic loop ${c.arith.toFixed(2)}x (alone ${fmt(c.arithMs)}): allocation-heavy work tops out near ${(2 / c.alloc).toFixed(2)}x one core`);
  }

  // 7. the pane (issues 7 and 11), in its own section: initial JavaScript, and the large check in Chromium
  if (want("pane")) {
    console.log("\npane (production build, headless Chromium)");
    const paneOut = join(ROOT, ".tmp", "bench-pane");
    if (benchPane(ROOT, paneOut, line)) await benchPaneLarge(paneOut, large, rows, line);
  }
  rmSync(dir, { recursive: true, force: true });

  // 8. the pane inside the Excel simulator in headless Chromium (issue 7), in its own section
  if (want("excel")) {
    console.log("\nExcel pane, live (simulated Excel, headless Chromium)");
    await benchExcel(ROOT, join(ROOT, ".tmp", "bench-excel"), line);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
