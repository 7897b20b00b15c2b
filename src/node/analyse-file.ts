import { analyse, packageOf, type AnalyseOptions, type AnalysisResult } from "../core/analyse";
import { reportPackage, type DisclosurePackage } from "../core/report/package";
import { formatPackageText, type Lang } from "../core/report/text";
import { indentedJsonBytes } from "./batch";
import { basename } from "node:path";
import { nodeSha256, nodeSha256Hex } from "./hash";
import { readWorkbookBytes } from "../io/xlsx-read";
import { InputError, readInputFile } from "./read-file";
import { showPath, type FsPath } from "./inputs";

export type FileResult =
  | { path: string; ok: true; pkg: DisclosurePackage; readMs: number; checkMs: number }
  | { path: string; ok: false; error: { zh: string; en: string } };

export type FileAnalysis =
  | { path: string; ok: true; analysis: AnalysisResult; readMs: number; checkMs: number; sha256?: string }
  | { path: string; ok: false; error: { zh: string; en: string } };

/** What a batch prints for each file: the text report, or the JSON package (indented to sit in `{ "files": [ … ] }`). */
export type Render = { format: "text"; lang: Lang } | { format: "json" };

/** The few figures of a package the batch summary needs. */
export type PackageHead = Pick<DisclosurePackage, "workbook" | "year" | "unitName" | "summary">;

/**
 * A checked file as a batch keeps it: its summary figures and its output, already rendered (the text
 * report as a string, a JSON package as its UTF-8 bytes). A package is a large object graph; its
 * bytes cross from a worker thread without a copy, while the graph costs a structured clone on both
 * sides and keeps the main thread's heap (and GC) busy.
 */
export type RenderedResult =
  | { path: string; ok: true; pkg: PackageHead; output: string | Uint8Array }
  | { path: string; ok: false; error: { zh: string; en: string } };

/**
 * Milliseconds, for readMs/checkMs. Not performance.now(): the first use of the `performance` global
 * loads node:perf_hooks, a few milliseconds of every one-workbook check's start-up.
 */
function now(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

/** Reads, recognises and checks one file. Never throws for bad input: the error is in the result. */
export function analyseWorkbookFile(file: FsPath, opts: AnalyseOptions = {}, hash = false): FileAnalysis {
  const path = showPath(file);
  try {
    const t0 = now();
    const bytes = readInputFile(file);
    const wb = readWorkbookBytes(bytes, basename(path));
    const t1 = now();
    const analysis = analyse(wb, opts);
    const sha256 = hash ? nodeSha256Hex(bytes) : undefined;
    return { path, ok: true, analysis, readMs: t1 - t0, checkMs: now() - t1, ...(sha256 ? { sha256 } : {}) };
  } catch (e) {
    if (e instanceof InputError) return { path, ok: false, error: { zh: e.zh, en: e.en } };
    const msg = (e as Error)?.message ?? String(e);
    return { path, ok: false, error: { zh: `处理文件时出错：${path}（${msg}）`, en: `failed to process ${path}: ${msg}` } };
  }
}

/** The same, packaged. */
export function analyseFile(file: FsPath, opts: AnalyseOptions = {}, seal = true): FileResult {
  const path = showPath(file);
  const r = analyseWorkbookFile(file, opts, seal);
  return r.ok ? { path, ok: true, pkg: packageOf(r.analysis, { sourceSha256: r.sha256, seal, sha256: nodeSha256 }), readMs: r.readMs, checkMs: r.checkMs } : r;
}

/** The same, rendered as the batch prints it (what batch workers send back). */
export function renderFile(file: FsPath, opts: AnalyseOptions, render: Render): RenderedResult {
  const path = showPath(file);
  if (render.format === "text") {
    // the text report: a package without its rows (it shows only how many)
    const a = analyseWorkbookFile(file, opts);
    if (!a.ok) return a;
    const pkg = reportPackage(a.analysis.recognition, a.analysis.report);
    const { workbook, year, unitName, summary } = pkg;
    return { path, ok: true, pkg: { workbook, year, unitName, summary }, output: formatPackageText(pkg, render.lang) };
  }
  const r = analyseFile(file, opts, true);
  if (!r.ok) return r;
  const { workbook, year, unitName, summary } = r.pkg;
  const output = indentedJsonBytes(r.pkg);
  return { path, ok: true, pkg: { workbook, year, unitName, summary }, output };
}
