import { existsSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import type { Lang } from "../core/report/text";
import { alignColumns, displayWidth, padEnd } from "../core/report/width";
import { checkFiles, indentedJson, poolSize, startPool, type BatchResult as FileResult, type Pool } from "./batch";
import { expandInputs, rawArgument } from "./inputs";
import type { AnalysisResult } from "../core/analyse";
import type { UserEntry } from "../core/catalogue/catalogue";
import { OutputError, prepareOutput, writeOutput } from "./safe-write";
import { nodeSha256 } from "./hash";

// Start-up time: each command loads only what it needs (the checking code is loaded by the command
// that checks; a batch loads it after starting its workers), so these are required on use.
type PackageWriter = typeof import("../core/report/package").writePackageBytes;
type PackageOptions = import("../core/report/package").PackageOptions;
const lazy = {
  rules: () => import("../core/rules/all"),
  analyseFile: () => import("./analyse-file"),
  layouts: () => import("../core/layouts/registry"),
  packageJson: () => import("../core/report/package"),
};

export interface Io {
  /** Text, or UTF-8 bytes (a batch worker's rendered output). */
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

/**
 * `budget-disclosure rules | head`: when the reader of our output goes away, stop quietly with exit 0
 * (as other command-line tools do) instead of an EPIPE stack trace.
 */
let pipeHandlersInstalled = false;
function quietOnClosedPipes(): void {
  if (pipeHandlersInstalled) return;
  pipeHandlersInstalled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") process.exit(0);
      throw e;
    });
  }
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

const USAGE = `预算公开助手（budget-disclosure）

用法 / Usage:
  budget-disclosure check <文件.xlsx|文件夹>... [--format text|json] [--lang zh|en] [--disable 规则ID,...] [--catalogue 目录.csv|.xlsx] [--layout 版式ID] [--jobs N]
  budget-disclosure export <文件.xlsx> [-o 包.json] [--fdp 文件夹] [--force] [--allow-errors] [--timestamp] [--lang zh|en]
  budget-disclosure validate-package <包.json> [--lang zh|en]
  budget-disclosure extract-package <工作簿.xlsx> [-o 包.json] [--force] [--lang zh|en]
  budget-disclosure render <包.json> -o <输出.xlsx> [--force] [--lang zh|en]
  budget-disclosure draft <文件.xlsx> [--previous 上年.xlsx] [--format text|json] [--layout 版式ID] [--lang zh|en]
  budget-disclosure fill <输入.xlsx> -o <输出.xlsx> [--dry-run] [--catalogue 文件] [--year 年度] [--format text|json] [--force]
  budget-disclosure rules [--lang zh|en]
  budget-disclosure catalogue --diff <年度|目录文件> <年度|目录文件> [--lang zh|en] [--format text|json]

版式 / --layout: shanxi-unit-2026, shanghai-unit, shanghai-department（默认按标题自动选择 / chosen by best match）

退出状态 / exit status: 0 无错误, 1 有错误, 2 无法读取输入或参数有误
`;

// Display width (East Asian Width) lives in the core, shared with the text report.
export { displayWidth } from "../core/report/width";

function pad(s: string, width: number): string {
  return padEnd(s, width);
}

export function summaryTable(results: FileResult[], lang: Lang): string {
  const zh = lang === "zh";
  const head = zh ? ["文件", "年度", "单位", "表", "错误", "警告", "提示", "结果"] : ["File", "Year", "Unit", "Tables", "Errors", "Warnings", "Infos", "Result"];
  const rows = results.map((r) =>
    r.ok
      ? [
          basename(r.path),
          String(r.pkg.year ?? "-"),
          r.pkg.unitName ?? "-",
          String(r.pkg.summary.tables),
          String(r.pkg.summary.errors),
          String(r.pkg.summary.warnings),
          String(r.pkg.summary.infos),
          r.pkg.summary.errors ? (zh ? "有错误" : "errors") : zh ? "通过" : "ok",
        ]
      : [basename(r.path), "-", "-", "-", "-", "-", "-", zh ? "无法读取" : "unreadable"],
  );
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join("  ").trimEnd();
  const out = [line(head), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of rows) out.push(line(r));
  const errors = results.filter((r) => r.ok && r.pkg.summary.errors > 0).length;
  const unreadable = results.filter((r) => !r.ok).length;
  out.push(
    zh
      ? `共 ${results.length} 个文件：${results.length - errors - unreadable} 个通过，${errors} 个有错误，${unreadable} 个无法读取`
      : `${results.length} files: ${results.length - errors - unreadable} ok, ${errors} with errors, ${unreadable} unreadable`,
  );
  return out.join("\n");
}

function exitCode(results: FileResult[]): number {
  if (results.some((r) => !r.ok)) return 2;
  if (results.some((r) => r.ok && r.pkg.summary.errors > 0)) return 1;
  return 0;
}

async function cmdCheck(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      lang: { type: "string", default: "zh" },
      disable: { type: "string", multiple: true },
      jobs: { type: "string" },
      catalogue: { type: "string" },
      layout: { type: "string" },
      progress: { type: "boolean", default: true },
      "no-progress": { type: "boolean" },
    },
  });
  const lang = checkedLang(values.lang);
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format 只能是 text 或 json，收到“${values.format}”`);
  if (positionals.length === 0) throw new UsageError("请给出要检查的 .xlsx 文件或文件夹");
  // A batch's workers are started first, so that their start overlaps listing the folders and
  // loading a catalogue; whatever happens next, they are ended before this command returns.
  // (this thread is one of the jobs: a worker for each of the others)
  const jobs = poolSize(values.jobs ? Number(values.jobs) : undefined, availableParallelism());
  const pool = jobs > 1 && mayBeBatch(positionals, values.jobs) ? startPool(jobs - 1) : null;
  try {
    return await checkWith(pool, values, positionals, lang, io);
  } finally {
    await pool?.close();
  }
}

/** More than one input, or a folder, with --jobs other than 1: a batch that will use workers. */
function mayBeBatch(positionals: string[], jobs: string | undefined): boolean {
  if (jobs !== undefined && !(Number.isInteger(Number(jobs)) && Number(jobs) > 1)) return false;
  if (positionals.length > 1) return true;
  try {
    return statSync(rawArgument(positionals[0])).isDirectory();
  } catch {
    return false;
  }
}

interface CheckValues {
  format?: string;
  disable?: string[];
  jobs?: string;
  catalogue?: string;
  layout?: string;
  progress?: boolean;
  "no-progress"?: boolean;
}

async function checkWith(pool: Pool | null, values: CheckValues, positionals: string[], lang: Lang, io: Io): Promise<number> {
  const disabledRules = (values.disable ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  const known = disabledRules.length ? new Set((await lazy.rules()).allRules().map((r) => r.id)) : new Set<string>();
  const unknown = disabledRules.filter((id) => !known.has(id));
  if (unknown.length) throw new UsageError(`未知的规则 ID：${unknown.join("，")}（用 budget-disclosure rules 查看全部规则）`);
  const layoutSet = values.layout?.trim() || undefined;
  if (values.layout !== undefined) {
    const ids = (await lazy.layouts()).layoutSetIds();
    if (!layoutSet || !ids.includes(layoutSet)) {
      throw new MessageError(`未知的版式：“${values.layout}”；可用的版式：${ids.join("，")}`, `unknown layout "${values.layout}"; the layouts are: ${ids.join(", ")}`);
    }
  }
  // One bad entry (a dangling link, a link loop, an unreadable subfolder) is reported, the rest checked.
  const entries = expandInputs(positionals.map(rawArgument));
  const paths = entries.map((e) => e.shown);
  if (paths.length === 0) throw new UsageError(`在 ${positionals.join("，")} 中没有找到 .xlsx 文件`);
  const jobs = values.jobs ? Number(values.jobs) : undefined;
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs 需要正整数，收到“${values.jobs}”`);

  let catalogueEntries: UserEntry[] | undefined;
  if (values.catalogue) {
    const { loadCatalogueFile } = await import("./fill-command");
    try {
      catalogueEntries = loadCatalogueFile(values.catalogue);
    } catch (e) {
      const m = e as { zh?: string; en?: string };
      if (m.zh && m.en) throw new MessageError(m.zh, m.en);
      throw e;
    }
  }
  if (paths.length === 1 && positionals.length === 1 && values.format === "json") {
    // One workbook as JSON (the publication scripts' case): streamed, so a department-size
    // workbook never becomes one giant string.
    const e = entries[0];
    const r = e.error ? { ok: false as const, error: e.error } : (await lazy.analyseFile()).analyseWorkbookFile(e.path, { disabledRules, catalogueEntries, layoutSet }, true);
    if (!r.ok) {
      io.stdout(JSON.stringify({ files: [{ workbook: basename(paths[0]), error: r.error }] }, null, 2) + "\n");
      io.stderr(`${lang === "zh" ? r.error.zh : r.error.en}\n`);
      return 2;
    }
    writePackage((await lazy.packageJson()).writePackageBytes, r.analysis, io.stdout, { sourceSha256: r.sha256 });
    io.stdout("\n");
    return r.analysis.report.summary.errors > 0 ? 1 : 0;
  }
  const showBar = io.isTTY && paths.length > 1 && values.progress && !values["no-progress"];
  // Loaded only when a bar is shown: every module a command does not need is start-up time lost.
  const bar = showBar ? new (await import("cli-progress")).SingleBar({ format: "检查中 [{bar}] {value}/{total} {file}", stream: process.stderr, hideCursor: true, clearOnComplete: true }) : null;
  bar?.start(paths.length, 0, { file: "" });
  // Each file's output is rendered where it was checked and written here in input order, as soon as
  // it is ready.
  const json = values.format === "json";
  const render = json ? ({ format: "json" } as const) : ({ format: "text", lang } as const);
  let first = true;
  if (json) io.stdout('{\n  "files": [');
  const print = (r: FileResult) => {
    if (json) {
      io.stdout(`${first ? "" : ","}\n    `);
      io.stdout(r.ok ? r.output : indentedJson({ workbook: basename(r.path), error: r.error }));
      first = false;
    } else if (r.ok) {
      io.stdout(r.output);
      io.stdout("\n\n");
    }
    else io.stderr(`${lang === "zh" ? r.error.zh : r.error.en}\n`);
  };
  // Entries known to be unreadable have their result already, names that are not UTF-8 (raw bytes)
  // are checked in this thread, all others by the worker pool; output stays in input order.
  const results: Array<FileResult | undefined> = new Array(entries.length);
  const pooled: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.error) results[i] = { path: e.shown, ok: false, error: e.error };
    else if (typeof e.path !== "string") results[i] = (await lazy.analyseFile()).renderFile(e.path, { disabledRules, catalogueEntries, layoutSet }, render);
    else pooled.push(i);
  }
  let printed = 0;
  const flush = () => {
    for (let r = results[printed]; printed < entries.length && r; r = results[++printed]) {
      print(r);
      if (r.ok) results[printed] = { ...r, output: "" }; // printed: only the summary figures are kept
    }
  };
  flush();
  const before = entries.length - pooled.length;
  await checkFiles(
    pooled.map((i) => paths[i]),
    {
      jobs,
      pool,
      disabledRules,
      catalogueEntries,
      layoutSet,
      render,
      onProgress: (done, _total, path) => bar?.update(before + done, { file: basename(path) }),
      onResult: (r, k) => {
        results[pooled[k]] = r;
        flush();
      },
    },
  );
  flush();
  bar?.stop();
  if (json) io.stdout("\n  ]\n}\n");
  else if (results.length > 1) io.stdout(summaryTable(results as FileResult[], lang) + "\n");
  return exitCode(results as FileResult[]);
}

async function cmdExport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: "string", short: "o" },
      force: { type: "boolean" },
      "allow-errors": { type: "boolean" },
      timestamp: { type: "boolean" },
      fdp: { type: "string" },
      lang: { type: "string", default: "zh" },
    },
  });
  const zh = checkedLang(values.lang) === "zh";
  if (positionals.length !== 1) throw new UsageError("export 需要且只需要一个 .xlsx 文件");
  // Checked before the work: never the input (by file identity), never a folder or device, an
  // existing file only with --force.
  const input = rawArgument(positionals[0]);
  const target = values.output ? prepareOutput(values.output, [input], { force: values.force }) : null;
  if (values.fdp !== undefined && !values.fdp) throw new UsageError("--fdp 需要一个文件夹");
  const result = (await lazy.analyseFile()).analyseWorkbookFile(input, {}, true);
  const { writePackageBytes } = await lazy.packageJson();
  if (!result.ok) {
    io.stderr((zh ? result.error.zh : result.error.en) + "\n");
    return 2;
  }
  const { recognition, report } = result.analysis;
  const errors = report.summary.errors;
  // A package is for publication: one from a workbook with errors is written only when asked for, and says so.
  if (errors > 0 && !values["allow-errors"]) {
    io.stderr(
      zh
        ? `检查发现 ${errors} 个错误，未导出数据包（先用 budget-disclosure check 查看并改正；确需导出请加 --allow-errors，数据包将注明 "forced": true）\n`
        : `the check found ${plural(errors, "error")}; no package was written (see budget-disclosure check; to export anyway add --allow-errors, and the package will say "forced": true)\n`,
    );
    return 1;
  }
  const opts = { sourceSha256: result.sha256, forced: errors > 0, ...(values.timestamp ? { generatedAt: new Date().toISOString() } : {}) };
  if (values.fdp) {
    const { writeFdp } = await import("./fdp-command");
    const n = writeFdp(values.fdp, input, result.analysis, opts, values.force === true);
    io.stderr(zh ? `已写出开放数据包到 ${values.fdp}：datapackage.json 和 ${n} 个 CSV\n` : `wrote the open-data package to ${values.fdp}: datapackage.json and ${plural(n, "CSV file")}\n`);
    if (!target) return errors > 0 ? 1 : 0;
  }
  if (target) {
    writeOutput(target, (sink) => writePackage(writePackageBytes, result.analysis, sink, opts));
    io.stderr(
      zh
        ? `已导出 ${recognition.tables.length} 张表、${report.findings.length} 条检查结果到 ${target.shown}${errors ? `（含 ${errors} 个错误，已注明 forced）` : ""}\n`
        : `exported ${recognition.tables.length} tables and ${report.findings.length} findings to ${target.shown}${errors ? ` (with ${plural(errors, "error")}, marked forced)` : ""}\n`,
    );
  } else {
    writePackage(writePackageBytes, result.analysis, io.stdout, opts);
    io.stdout("\n");
  }
  return errors > 0 ? 1 : 0;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `draft FILE`: the 情况说明 draft made from the tables, and whether it checks clean. */
async function cmdDraft(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "text" }, layout: { type: "string" }, lang: { type: "string", default: "zh" }, previous: { type: "string" } },
  });
  const zh = checkedLang(values.lang) === "zh";
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format 只能是 text 或 json，收到“${values.format}”`);
  if (positionals.length !== 1) throw new UsageError("draft 需要且只需要一个 .xlsx 文件");
  const layoutSet = values.layout?.trim() || undefined;
  if (values.layout !== undefined) {
    const ids = (await lazy.layouts()).layoutSetIds();
    if (!layoutSet || !ids.includes(layoutSet)) {
      throw new MessageError(`未知的版式：“${values.layout}”；可用的版式：${ids.join("，")}`, `unknown layout "${values.layout}"; the layouts are: ${ids.join(", ")}`);
    }
  }
  const { runDraft } = await import("./draft-command");
  if (values.previous !== undefined && !values.previous) throw new UsageError("--previous 需要上年的 .xlsx 文件");
  return runDraft(rawArgument(positionals[0]), { format: values.format, layoutSet, zh, previous: values.previous ? rawArgument(values.previous) : undefined }, io);
}

async function cmdValidatePackage(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { lang: { type: "string", default: "zh" } } });
  const zh = checkedLang(values.lang) === "zh";
  if (positionals.length !== 1) throw new UsageError("validate-package 需要且只需要一个数据包文件（.json）");
  const file = rawArgument(positionals[0]);
  const { readInputFile, InputError } = await import("./read-file");
  let doc: unknown;
  try {
    const bytes = readInputFile(file, "数据包", "package");
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    if (e instanceof InputError) throw new MessageError(e.zh, e.en);
    const shown = positionals[0];
    throw new MessageError(`不是有效的 JSON 数据包：${shown}（${(e as Error).message}）`, `not a JSON package: ${shown} (${(e as Error).message})`);
  }
  const { validatePackage } = await import("./validate-package");
  const errors = validatePackage(doc);
  if (errors.length === 0) {
    const p = doc as { tables: unknown[]; workbook: string; sha256: string };
    io.stdout(zh ? `数据包有效：${p.workbook}，${p.tables.length} 张表，sha256 ${p.sha256}\n` : `valid package: ${p.workbook}, ${plural(p.tables.length, "table")}, sha256 ${p.sha256}\n`);
    return 0;
  }
  io.stdout(zh ? `数据包无效（${errors.length} 处问题）：\n` : `invalid package (${plural(errors.length, "problem")}):\n`);
  for (const e of errors) io.stdout(`  ${e.pointer || "/"}  ${zh ? e.zh : e.en}\n`);
  return 1;
}

/**
 * extract-package: the JSON package the pane wrote into a sheet (写入新工作表, Office on Mac) back as
 * a file: column A of the add-in's package sheet concatenated, checked against the length it states.
 * With several such sheets, the last one (the latest written).
 */
async function cmdExtractPackage(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, force: { type: "boolean" }, lang: { type: "string", default: "zh" } },
  });
  const zh = checkedLang(values.lang) === "zh";
  if (positionals.length !== 1) throw new UsageError("extract-package 需要且只需要一个 .xlsx 文件");
  const input = rawArgument(positionals[0]);
  const target = values.output ? prepareOutput(values.output, [input], { force: values.force }) : null;
  const { readWorkbookFile, InputError } = await import("./read-file");
  const { addinSheetKind, reassemblePackage, PackageSheetError, SHEET_MARKERS } = await import("../core/publish/addin-sheets");
  let text: string;
  let sheetName: string;
  try {
    const wb = readWorkbookFile(input);
    const sheets = wb.sheets.filter((x) => addinSheetKind(x) === "package");
    const sheet = sheets[sheets.length - 1];
    if (!sheet) {
      throw new MessageError(
        `工作簿中没有数据包工作表（A1 为 ${SHEET_MARKERS.package} 的工作表，由任务窗格“写入新工作表”生成）：${positionals[0]}`,
        `the workbook has no package sheet (a sheet with ${SHEET_MARKERS.package} in A1, written by the pane's Write to a new sheet): ${positionals[0]}`,
      );
    }
    sheetName = sheet.name;
    text = reassemblePackage(sheet);
  } catch (e) {
    if (e instanceof InputError || e instanceof PackageSheetError) throw new MessageError(e.zh, e.en);
    throw e;
  }
  if (target) {
    writeOutput(target, (sink) => sink(text));
    io.stderr(zh ? `已从工作表 ${sheetName} 取出数据包到 ${target.shown}（${text.length} 个字符）\n` : `extracted the package from sheet ${sheetName} to ${target.shown} (${text.length} characters)\n`);
  } else {
    io.stdout(text);
    io.stdout("\n");
  }
  return 0;
}

async function cmdRules(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { lang: { type: "string", default: "zh" } } });
  const zh = checkedLang(values.lang) === "zh";
  const word = { error: zh ? "错误" : "error", warning: zh ? "警告" : "warning", info: zh ? "提示" : "info" };
  const rows = (await lazy.rules()).allRules().map((r) => [r.id, word[r.severity], zh ? r.title.zh : r.title.en]);
  for (const line of alignColumns(rows)) io.stdout(`${line}\n`);
  return 0;
}

export class UsageError extends Error {}

/** --lang takes zh or en; anything else is refused (a typo must not silently give Chinese). */
function checkedLang(v: string | undefined): Lang {
  if (v === undefined || v === "zh" || v === "en") return v ?? "zh";
  throw new UsageError(`--lang 只能是 zh 或 en，收到“${v}” / --lang must be zh or en, got "${v}"`);
}

/** A problem that one line explains (a file that cannot be used): no usage text after it. */
export class MessageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
  }
}

/** --lang en anywhere in the arguments: messages from main() follow it. */
function langOf(argv: string[]): Lang {
  const i = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (i < 0) return "zh";
  const v = argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
  return v === "en" ? "en" : "zh";
}

/** Writes the JSON package to `sink` as UTF-8 in ~64 KB pieces, sealed with Node's native SHA-256. */
function writePackage(writePackageBytes: PackageWriter, analysis: AnalysisResult, sink: (b: Uint8Array) => void, opts: PackageOptions): void {
  writePackageBytes(analysis.recognition, analysis.report, sink, { ...opts, sha256: nodeSha256 });
}

function packageVersion(): string {
  // src/node (tsx) and dist/node/src/node (built) sit at different depths below package.json.
  for (const up of ["../..", "../../../.."]) {
    const p = join(__dirname, up, "package.json");
    if (existsSync(p)) return (JSON.parse(readFileSync(p, "utf8")) as { version: string }).version;
  }
  return "unknown";
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  if (io === defaultIo) quietOnClosedPipes();
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case "check":
        return await cmdCheck(rest, io);
      case "export":
        return await cmdExport(rest, io);
      case "fill": {
        const { runFill } = await import("./fill-command");
        return await runFill(rest, { stdout: io.stdout, stderr: io.stderr });
      }
      case "validate-package":
        return await cmdValidatePackage(rest, io);
      case "draft":
        return await cmdDraft(rest, io);
      case "extract-package":
        return await cmdExtractPackage(rest, io);
      case "render": {
        // SheetJS and ajv are loaded by this command only.
        const { runRender, RenderInputError, RenderUsage } = await import("./render-command");
        try {
          return runRender(rest, io);
        } catch (e) {
          if (e instanceof RenderInputError) throw new MessageError(e.zh, e.en);
          if (e instanceof RenderUsage) throw new UsageError(e.message);
          throw e;
        }
      }
      case "rules":
        return await cmdRules(rest, io);
      case "catalogue": {
        const { runCatalogue } = await import("./catalogue-command");
        return runCatalogue(rest, io);
      }
      case "--version":
      case "-v":
        io.stdout(`${packageVersion()}\n`);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`未知命令：${cmd}`);
    }
  } catch (e) {
    if (e instanceof MessageError || e instanceof OutputError) {
      io.stderr(`${langOf(rest) === "en" ? e.en : e.zh}\n`);
      return 2;
    }
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`参数错误：${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`内部错误：${(e as Error).message}\n`);
    return 2;
  }
}
