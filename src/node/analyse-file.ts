import { analyse, packageOf, type AnalyseOptions, type AnalysisResult } from "../core/analyse";
import type { DisclosurePackage } from "../core/report/package";
import { formatPackageText, type Lang } from "../core/report/text";
import { indentedJson } from "./batch";
import { InputError, readWorkbookFile } from "./read-file";

export type FileResult =
  | { path: string; ok: true; pkg: DisclosurePackage; readMs: number; checkMs: number }
  | { path: string; ok: false; error: { zh: string; en: string } };

export type FileAnalysis =
  | { path: string; ok: true; analysis: AnalysisResult; readMs: number; checkMs: number }
  | { path: string; ok: false; error: { zh: string; en: string } };

/** What a batch prints for each file: the text report, or the JSON package (indented to sit in `{ "files": [ … ] }`). */
export type Render = { format: "text"; lang: Lang } | { format: "json" };

/** The few figures of a package the batch summary needs. */
export type PackageHead = Pick<DisclosurePackage, "workbook" | "year" | "unitName" | "summary">;

/**
 * A checked file as a batch keeps it: its summary figures and its output, already rendered. A
 * package is a large object graph; a string crosses from a worker thread with one copy, while the
 * graph costs a structured clone on both sides and keeps the main thread's heap (and GC) busy.
 */
export type RenderedResult =
  | { path: string; ok: true; pkg: PackageHead; output: string }
  | { path: string; ok: false; error: { zh: string; en: string } };

/** Reads, recognises and checks one file. Never throws for bad input: the error is in the result. */
export function analyseWorkbookFile(path: string, opts: AnalyseOptions = {}): FileAnalysis {
  try {
    const t0 = performance.now();
    const wb = readWorkbookFile(path);
    const t1 = performance.now();
    const analysis = analyse(wb, opts);
    return { path, ok: true, analysis, readMs: t1 - t0, checkMs: performance.now() - t1 };
  } catch (e) {
    if (e instanceof InputError) return { path, ok: false, error: { zh: e.zh, en: e.en } };
    const msg = (e as Error)?.message ?? String(e);
    return { path, ok: false, error: { zh: `处理文件时出错：${path}（${msg}）`, en: `failed to process ${path}: ${msg}` } };
  }
}

/** The same, packaged. */
export function analyseFile(path: string, opts: AnalyseOptions = {}): FileResult {
  const r = analyseWorkbookFile(path, opts);
  return r.ok ? { path, ok: true, pkg: packageOf(r.analysis), readMs: r.readMs, checkMs: r.checkMs } : r;
}

/** The same, rendered as the batch prints it (what batch workers send back). */
export function renderFile(path: string, opts: AnalyseOptions, render: Render): RenderedResult {
  const r = analyseFile(path, opts);
  if (!r.ok) return r;
  const { workbook, year, unitName, summary } = r.pkg;
  const output = render.format === "json" ? indentedJson(r.pkg) : formatPackageText(r.pkg, render.lang);
  return { path, ok: true, pkg: { workbook, year, unitName, summary }, output };
}
