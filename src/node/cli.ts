import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import type { Lang } from "../core/report/text";
import { alignColumns, displayWidth, padEnd } from "../core/report/width";
import { checkFiles, indentedJson } from "./batch";
import { expandInputs, rawArgument } from "./inputs";
import type { RenderedResult as FileResult } from "./analyse-file";
import type { AnalysisResult } from "../core/analyse";
import type { UserEntry } from "../core/catalogue/catalogue";
import { OutputError, prepareOutput, writeOutput } from "./safe-write";

// Start-up time: each command loads only what it needs (the checking code is loaded by the command
// that checks in this thread; a batch leaves it to its workers), so these are required on use.
type PackageWriter = typeof import("../core/report/package").writePackageJson;
const lazy = {
  rules: () => import("../core/rules/all"),
  analyseFile: () => import("./analyse-file"),
  layouts: () => import("../core/layouts/registry"),
  packageJson: () => import("../core/report/package"),
};

export interface Io {
  stdout: (s: string) => void;
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
  budget-disclosure export <文件.xlsx> [-o 包.json] [--force] [--lang zh|en]
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
    const r = e.error ? { ok: false as const, error: e.error } : (await lazy.analyseFile()).analyseWorkbookFile(e.path, { disabledRules, catalogueEntries, layoutSet });
    if (!r.ok) {
      io.stdout(JSON.stringify({ files: [{ workbook: basename(paths[0]), error: r.error }] }, null, 2) + "\n");
      io.stderr(`${lang === "zh" ? r.error.zh : r.error.en}\n`);
      return 2;
    }
    writePackage((await lazy.packageJson()).writePackageJson, r.analysis, io.stdout);
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
      io.stdout(`${first ? "" : ","}\n    ${r.ok ? r.output : indentedJson({ workbook: basename(r.path), error: r.error })}`);
      first = false;
    } else if (r.ok) io.stdout(r.output + "\n\n");
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
    options: { output: { type: "string", short: "o" }, force: { type: "boolean" }, lang: { type: "string", default: "zh" } },
  });
  const zh = values.lang !== "en";
  if (positionals.length !== 1) throw new UsageError("export 需要且只需要一个 .xlsx 文件");
  // Checked before the work: never the input (by file identity), never a folder or device, an
  // existing file only with --force.
  const input = rawArgument(positionals[0]);
  const target = values.output ? prepareOutput(values.output, [input], { force: values.force }) : null;
  const result = (await lazy.analyseFile()).analyseWorkbookFile(input);
  const { writePackageJson } = await lazy.packageJson();
  if (!result.ok) {
    io.stderr((zh ? result.error.zh : result.error.en) + "\n");
    return 2;
  }
  const { recognition, report } = result.analysis;
  if (target) {
    writeOutput(target, (sink) => writePackage(writePackageJson, result.analysis, sink));
    io.stderr(
      zh
        ? `已导出 ${recognition.tables.length} 张表、${report.findings.length} 条检查结果到 ${target.shown}\n`
        : `exported ${recognition.tables.length} tables and ${report.findings.length} findings to ${target.shown}\n`,
    );
  } else writePackage(writePackageJson, result.analysis, io.stdout);
  return report.summary.errors > 0 ? 1 : 0;
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

/** Writes the JSON package to `sink` in ~64 KB pieces (writePackageJson gives many small chunks). */
function writePackage(writePackageJson: PackageWriter, analysis: AnalysisResult, sink: (s: string) => void): void {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length) sink(parts.join(""));
    parts = [];
    size = 0;
  };
  writePackageJson(analysis.recognition, analysis.report, (s) => {
    parts.push(s);
    size += s.length;
    if (size >= 65536) flush();
  });
  flush();
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
