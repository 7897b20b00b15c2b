import { analyse, packageOf, type AnalyseOptions } from "../core/analyse";
import type { DisclosurePackage } from "../core/report/package";
import { InputError, readWorkbookFile } from "./read-file";

export type FileResult =
  | { path: string; ok: true; pkg: DisclosurePackage; readMs: number; checkMs: number }
  | { path: string; ok: false; error: { zh: string; en: string } };

/** Reads, recognises and checks one file. Never throws for bad input: the error is in the result. */
export function analyseFile(path: string, opts: AnalyseOptions = {}): FileResult {
  try {
    const t0 = performance.now();
    const wb = readWorkbookFile(path);
    const t1 = performance.now();
    const pkg = packageOf(analyse(wb, opts));
    const t2 = performance.now();
    return { path, ok: true, pkg, readMs: t1 - t0, checkMs: t2 - t1 };
  } catch (e) {
    if (e instanceof InputError) return { path, ok: false, error: { zh: e.zh, en: e.en } };
    const msg = (e as Error)?.message ?? String(e);
    return { path, ok: false, error: { zh: `处理文件时出错：${path}（${msg}）`, en: `failed to process ${path}: ${msg}` } };
  }
}
