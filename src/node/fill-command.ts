import { readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { parseArgs } from "node:util";
import type * as SheetJS from "@e965/xlsx";
import { unzipSync } from "fflate";
import { Catalogue, type UserEntry } from "../core/catalogue/catalogue";
import { planFill, summarisePlan, type FillChange, type FillPlan } from "../core/catalogue/fill";
import { parseUserEditionCsvBytes, type UserEditionProblem } from "../core/catalogue/user-edition";
import { recognise } from "../core/recognise/recognise";
import { parseA1, type WorkbookSnapshot } from "../core/workbook/snapshot";
import { patchXlsx, PatchError } from "../io/xlsx-patch";
import { InputError, loadSheetJS, sniffKind } from "../io/xlsx-read";
import { readInputFile, readWorkbookFile } from "./read-file";
import { rawArgument } from "./inputs";
import { OutputError, prepareOutput, writeOutput, type PreparedOutput } from "./safe-write";

/**
 * `budget-disclosure fill <in.xlsx> -o <out.xlsx>`: fills empty 科目编码 / 科目名称 cells from the
 * year's catalogue into a COPY of the workbook. The input file is only ever read.
 */

export interface FillIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `用法 / Usage:
  budget-disclosure fill <输入.xlsx> -o <输出.xlsx> [--dry-run] [--catalogue 目录.csv|.xlsx] [--year 年度] [--format text|json] [--force]

  -o, --output     填写后的副本（不会改动输入文件） / the filled copy (the input is never modified)
  --dry-run        只显示填写计划，不写文件 / show the plan, write nothing
  --catalogue      官方科目目录（编码、名称两列；CSV 须为 UTF-8） / official catalogue (code, name; CSV in UTF-8)
  --year           预算年度（默认取自工作簿） / budget year (default: from the workbook)
  --format         text（默认）或 json / text (default) or json
  --force          覆盖已存在的输出文件 / overwrite an existing output file

退出状态 / exit status: 0 完成, 1 计划中有错误, 2 无法读取输入或参数有误
`;

class ArgError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(zh);
  }
}

/** A catalogue beyond this size is refused (the official one is a few hundred KB). */
const MAX_CATALOGUE_BYTES = 64 * 1024 * 1024;

/** Reads a catalogue file's bytes, refusing what is not a readable regular file. */
function readCatalogueBytes(path: string): Uint8Array {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new ArgError(`找不到目录文件：${path}`, `catalogue file not found: ${path}`);
  }
  if (st.isDirectory()) throw new ArgError(`目录文件是一个文件夹：${path}（请给出 .csv 或 .xlsx 文件）`, `the catalogue is a folder: ${path} (give a .csv or .xlsx file)`);
  if (!st.isFile()) throw new ArgError(`目录文件不是普通文件：${path}`, `the catalogue is not a regular file: ${path}`);
  if (st.size > MAX_CATALOGUE_BYTES) throw new ArgError(`目录文件太大（${Math.round(st.size / 1048576)} MB）：${path}`, `the catalogue file is too large (${Math.round(st.size / 1048576)} MB): ${path}`);
  if (st.size === 0) throw new ArgError(`目录文件为空：${path}`, `the catalogue file is empty: ${path}`);
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new ArgError(`无法读取目录文件：${path}（${code}）`, `cannot read the catalogue file: ${path} (${code})`);
  }
}

/** Parses a catalogue workbook; a damaged or encrypted file gets a message, never a hang or a raw error. */
function readCatalogueWorkbook(bytes: Uint8Array, path: string): SheetJS.WorkBook {
  const kind = sniffKind(bytes);
  const corrupt = () => new ArgError(`目录文件已损坏或不完整（不是有效的 .xlsx 工作簿）：${path}`, `the catalogue file is damaged or incomplete (not a valid .xlsx workbook): ${path}`);
  if (kind === "unknown") throw new ArgError(`目录文件既不是 CSV 也不是 Excel 工作簿：${path}（应为 .csv 或 .xlsx）`, `the catalogue is neither CSV nor an Excel workbook: ${path} (it must be .csv or .xlsx)`);
  if (kind === "xlsx") {
    // SheetJS can loop forever on a cut zip: fflate checks the whole container first, and refuses
    // parts that claim to inflate beyond reason.
    try {
      unzipSync(bytes, {
        filter: (f) => {
          if (f.originalSize > MAX_CATALOGUE_BYTES * 4) throw new Error("too large");
          return true;
        },
      });
    } catch {
      throw corrupt();
    }
  }
  try {
    return loadSheetJS().read(bytes, { type: "array" });
  } catch (e) {
    const msg = (e as Error)?.message ?? String(e);
    if (kind === "cfb" && /password|encrypt/i.test(msg)) {
      throw new ArgError(`目录文件受密码保护，无法读取：${path}（请在 Excel 中取消密码后再试）`, `the catalogue file is password-protected: ${path} (remove the password in Excel first)`);
    }
    throw corrupt();
  }
}

/** Reads a user catalogue file (.csv in UTF-8, or .xlsx/.xls: every sheet with codes). */
export function loadCatalogueFile(path: string): UserEntry[] {
  const bytes = readCatalogueBytes(path);
  const fail = (p: UserEditionProblem, sheet?: string): never => {
    throw new ArgError(`目录文件 ${basename(path)}${sheet ? ` 工作表「${sheet}」` : ""}：${p.message}`, `catalogue ${basename(path)}${sheet ? ` sheet "${sheet}"` : ""}: ${p.messageEn}`);
  };
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt") {
    const res = parseUserEditionCsvBytes(bytes);
    if (!res.ok) return fail(res.error);
    return res.data.entries;
  }
  // Every sheet is read as the pane's 导入科目目录 reads it (src/io/catalogue-read.ts), which loads
  // SheetJS at once (a few hundred ms): required here, so that a CSV catalogue never loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { entriesFromWorkbook } = require("../io/catalogue-read") as typeof import("../io/catalogue-read");
  const res = entriesFromWorkbook(readCatalogueWorkbook(bytes, path));
  if (res.ok) return res.entries;
  if (res.problem) return fail(res.problem, res.sheet);
  throw new ArgError(`目录文件中没有科目编码：${path}`, `no subject codes in the catalogue file: ${path}`);
}

/** Display width in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => c + " ".repeat(Math.max(0, widths[i] - width(c)))).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const SEVERITY_ZH = { error: "错误", warning: "警告", info: "提示" } as const;

/** The plan in Chinese (English in brackets where it helps a non-Chinese reader of a log). */
export function formatPlanText(plan: FillPlan, ctx: { input: string; output: string | null; year: number; note: string; dryRun: boolean }): string {
  const s = summarisePlan(plan);
  const out: string[] = [];
  // The edition note is a paragraph; its first sentence names the source.
  const note = ctx.note.split(/[。.]/)[0].slice(0, 60);
  out.push(`填写计划 / fill plan：${basename(ctx.input)}（${ctx.year} 年科目目录：${note}）`);
  out.push(`可填写 ${s.codes} 个编码、${s.names} 个名称；错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}`);
  if (plan.changes.length) {
    out.push("");
    out.push(
      table(
        ["工作表", "单元格", "原值 → 新值", "依据", "可信度"],
        plan.changes.map((c) => [c.sheet, c.cell, `${c.before ?? "（空）"} → ${c.after}`, c.reason, c.confidence.toFixed(2)]),
      ),
    );
  }
  if (plan.missingParents.length) {
    out.push("", "缺少的上级科目行（须手工插入，本命令不插入行）：");
    for (const m of plan.missingParents) out.push(`  ${m.sheet} 第 ${m.beforeRow + 1} 行之前：${m.code} ${m.name}`);
  }
  if (plan.findings.length) {
    out.push("", "需要处理的问题：");
    for (const f of plan.findings) out.push(`  [${SEVERITY_ZH[f.severity]}] ${f.sheet ?? ""}${f.cell ? `!${f.cell}` : ""} ${f.message}`);
  }
  out.push("");
  if (ctx.dryRun) out.push("试运行（--dry-run）：未写任何文件。 Dry run: nothing written.");
  else out.push(`已写入副本：${ctx.output}（输入文件未改动）。 Copy written; the input file is unchanged.`);
  return out.join("\n") + "\n";
}

/**
 * Code cells follow the column's own convention: when the codes already in that column are numbers,
 * a filled code is a number too; otherwise text (the usual "@" format). Counted once per column.
 */
function codeStyle(wb: WorkbookSnapshot): (change: FillChange) => string | number {
  const numeric = new Map<string, boolean>();
  return (change) => {
    if (change.kind !== "code" || !/^\d+$/.test(change.after)) return change.after;
    const sheet = wb.sheets.find((s) => s.name === change.sheet);
    const at = parseA1(change.cell);
    if (!sheet || !at) return change.after;
    const key = `${change.sheet}\u0000${at.c}`;
    let isNumeric = numeric.get(key);
    if (isNumeric === undefined) {
      let numbers = 0;
      let texts = 0;
      for (const row of sheet.rows) {
        const v = row?.[at.c]?.v;
        if (typeof v === "number" && Number.isInteger(v) && v >= 100) numbers++;
        else if (typeof v === "string" && /^\d{3,}$/.test(v.trim())) texts++;
      }
      isNumeric = numbers > texts;
      numeric.set(key, isNumeric);
    }
    return isNumeric ? Number(change.after) : change.after;
  };
}

export async function runFill(argv: string[], io: FillIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        "dry-run": { type: "boolean" },
        catalogue: { type: "string" },
        year: { type: "string" },
        format: { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    io.stderr(`参数错误：${(e as Error).message}\nBad arguments.\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const format = values.format ?? "text";
    if (format !== "text" && format !== "json") throw new ArgError(`--format 只能是 text 或 json：${format}`, `--format must be text or json: ${format}`);
    if (positionals.length !== 1) throw new ArgError("须指定一个输入工作簿", "give exactly one input workbook");
    const input = positionals[0];
    // A name that is not UTF-8 is read by its raw bytes.
    const inputFile = rawArgument(input);
    const dryRun = values["dry-run"] === true;
    const output = values.output ?? null;
    if (!dryRun && !output) throw new ArgError("须用 -o 指定输出副本（或用 --dry-run 只看计划）", "give the output copy with -o (or --dry-run to see the plan only)");
    // Checked before any work: the output is never the input (by file identity), never a folder or
    // a device, and an existing file is replaced only with --force.
    const target: PreparedOutput | null = output && !dryRun ? prepareOutput(output, values.catalogue ? [inputFile, values.catalogue] : [inputFile], { force: values.force }) : null;
    let year: number | null = null;
    if (values.year !== undefined) {
      if (!/^\d{4}$/.test(values.year)) throw new ArgError(`--year 应为四位年度：${values.year}`, `--year must be a four-digit year: ${values.year}`);
      year = Number(values.year);
    }
    const userEntries = values.catalogue ? loadCatalogueFile(values.catalogue) : [];

    const wb = readWorkbookFile(inputFile);
    const bytes = readInputFile(inputFile);
    if (sniffKind(bytes) !== "xlsx") throw new ArgError(`只能填写 .xlsx 工作簿：${input}（请先另存为 .xlsx）`, `only .xlsx workbooks can be filled: ${input} (save as .xlsx first)`);
    const rec = recognise(wb);
    year ??= rec.year;
    if (year === null) throw new ArgError("无法从工作簿确定预算年度，请用 --year 指定", "cannot tell the budget year from the workbook; give --year");
    const cat = Catalogue.forYear(year, userEntries);
    if (!cat) throw new ArgError(`没有 ${year} 年的科目目录，请用 --catalogue 提供官方目录`, `no catalogue for ${year}; give the official one with --catalogue`);

    const plan = planFill(rec, cat, { workbook: wb });
    let written = false;
    if (target) {
      const valueOf = codeStyle(wb);
      const patched = patchXlsx(bytes, plan.changes.map((c) => ({ sheet: c.sheet, cell: c.cell, value: valueOf(c) })));
      writeOutput(target, (sink) => sink(patched));
      written = true;
    }
    if (format === "json") {
      io.stdout(JSON.stringify({ input, output: written ? output : null, year, catalogue: cat.note, summary: summarisePlan(plan), ...plan }, null, 2) + "\n");
    } else {
      io.stdout(formatPlanText(plan, { input, output, year, note: cat.note, dryRun }));
    }
    return plan.findings.some((f) => f.severity === "error") ? 1 : 0;
  } catch (e) {
    if (e instanceof ArgError) {
      io.stderr(`${e.zh}\n${e.en}\n`);
      return 2;
    }
    if (e instanceof OutputError) {
      io.stderr(`${e.zh}\n${e.en}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr(`${e.zh}\n${e.en}\n`);
      return 2;
    }
    if (e instanceof PatchError) {
      io.stderr(`无法写入副本：${e.messageZh}\nCannot write the copy: ${e.messageEn}\n`);
      return 2;
    }
    throw e;
  }
}
