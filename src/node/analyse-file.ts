import { analyse, packageOf, type AnalyseOptions, type AnalysisResult } from "../core/analyse";
import type { DisclosurePackage } from "../core/report/package";
import { InputError, readWorkbookFile } from "./read-file";
import { showPath, type FsPath } from "./inputs";

export type FileResult =
  | { path: string; ok: true; pkg: DisclosurePackage; readMs: number; checkMs: number }
  | { path: string; ok: false; error: { zh: string; en: string } };

export type FileAnalysis =
  | { path: string; ok: true; analysis: AnalysisResult; readMs: number; checkMs: number }
  | { path: string; ok: false; error: { zh: string; en: string } };

/** Reads, recognises and checks one file. Never throws for bad input: the error is in the result. */
export function analyseWorkbookFile(file: FsPath, opts: AnalyseOptions = {}): FileAnalysis {
  const path = showPath(file);
  try {
    const t0 = performance.now();
    const wb = readWorkbookFile(file);
    const t1 = performance.now();
    const analysis = analyse(wb, opts);
    return { path, ok: true, analysis, readMs: t1 - t0, checkMs: performance.now() - t1 };
  } catch (e) {
    if (e instanceof InputError) return { path, ok: false, error: { zh: e.zh, en: e.en } };
    const msg = (e as Error)?.message ?? String(e);
    return { path, ok: false, error: { zh: `处理文件时出错：${path}（${msg}）`, en: `failed to process ${path}: ${msg}` } };
  }
}

/** The same, packaged (what batch workers send back). */
export function analyseFile(file: FsPath, opts: AnalyseOptions = {}): FileResult {
  const path = showPath(file);
  const r = analyseWorkbookFile(file, opts);
  return r.ok ? { path, ok: true, pkg: packageOf(r.analysis), readMs: r.readMs, checkMs: r.checkMs } : r;
}
