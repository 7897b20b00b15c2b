import { parseArgs } from "node:util";
import { renderPackage } from "../core/publish/render";
import type { DisclosurePackage } from "../core/report/package";
import { writeXlsx } from "../io/xlsx-write";
import { rawArgument } from "./inputs";
import { InputError, readInputFile } from "./read-file";
import { prepareOutput, writeOutput } from "./safe-write";
import { validatePackage } from "./validate-package";

export interface RenderIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** A problem with the input package: one message, exit 2 (like an unreadable workbook). */
export class RenderInputError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
  }
}

/**
 * `budget-disclosure render PACKAGE -o FILE.xlsx [--force]`: the disclosure workbook rebuilt from a
 * package (format version 2, valid and sealed), every table where it came from. Never writes over
 * the package, never replaces a file without --force.
 */
export function runRender(args: string[], io: RenderIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, force: { type: "boolean" }, lang: { type: "string", default: "zh" } },
  });
  const zh = values.lang !== "en";
  if (positionals.length !== 1 || !values.output) throw new RenderUsage("render 需要一个数据包文件和 -o 输出.xlsx");
  const input = rawArgument(positionals[0]);
  const target = prepareOutput(values.output, [input], { force: values.force });
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(readInputFile(input, "数据包", "package")));
  } catch (e) {
    if (e instanceof InputError) throw new RenderInputError(e.zh, e.en);
    throw new RenderInputError(`不是有效的 JSON 数据包：${positionals[0]}（${(e as Error).message}）`, `not a JSON package: ${positionals[0]} (${(e as Error).message})`);
  }
  const errors = validatePackage(doc);
  if (errors.length) {
    const shown = errors.slice(0, 5).map((e) => `  ${e.pointer || "/"}  ${zh ? e.zh : e.en}`).join("\n");
    throw new RenderInputError(
      `数据包无效，未生成工作簿（用 budget-disclosure validate-package 查看全部 ${errors.length} 处问题）：\n${shown}`,
      `the package is not valid; no workbook written (budget-disclosure validate-package lists all ${errors.length} problems):\n${shown}`,
    );
  }
  const pkg = doc as DisclosurePackage;
  const sheets = renderPackage(pkg);
  const bytes = writeXlsx(sheets);
  writeOutput(target, (sink) => sink(bytes));
  io.stderr(
    zh
      ? `已生成 ${target.shown}：${sheets.length} 张工作表，${pkg.tables.length} 张表\n`
      : `wrote ${target.shown}: ${sheets.length} sheets, ${pkg.tables.length} tables\n`,
  );
  return 0;
}

export class RenderUsage extends Error {}
