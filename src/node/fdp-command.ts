import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { AnalysisResult } from "../core/analyse";
import { packageOf } from "../core/analyse";
import { fiscalDataPackage } from "../core/publish/fdp";
import type { PackageOptions } from "../core/report/package";
import type { FsPath } from "./inputs";
import { OutputError, prepareOutput, writeOutput } from "./safe-write";

/**
 * export --fdp DIR: the Frictionless (Fiscal) Data Package into DIR (made when missing). Every file
 * is checked before any is written (never the input, an existing file only with --force), and each
 * is written through a temporary file and renamed into place. Returns the number of CSV files.
 */
export function writeFdp(dir: string, input: FsPath, analysis: AnalysisResult, opts: PackageOptions, force: boolean): number {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new OutputError(`无法创建文件夹：${dir}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, `cannot create the folder: ${dir}`);
  }
  const files = fiscalDataPackage(packageOf(analysis, opts));
  const targets = files.map((f) => prepareOutput(join(dir, f.path), [input], { force }));
  files.forEach((f, i) => writeOutput(targets[i], (sink) => sink(f.bytes)));
  return files.length - 1;
}
