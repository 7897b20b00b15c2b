import { basename } from "node:path";
import { analyse } from "../core/analyse";
import { buildNarrativeDraft, checkDraft, draftProblems, draftText } from "../core/publish/draft";
import { packageDraft } from "../core/report/package";
import type { WorkbookSnapshot } from "../core/workbook/snapshot";
import { readWorkbookBytes } from "../io/xlsx-read";
import type { Io } from "./cli";
import { showPath, type FsPath } from "./inputs";
import { InputError, readInputFile } from "./read-file";

/** The workbook, or null after saying on standard error why it cannot be read. */
function readOrSay(file: FsPath, zh: boolean, io: Io): WorkbookSnapshot | null {
  const path = showPath(file);
  try {
    return readWorkbookBytes(readInputFile(file), basename(path));
  } catch (e) {
    if (e instanceof InputError) io.stderr((zh ? e.zh : e.en) + "\n");
    else io.stderr(zh ? `处理文件时出错：${path}（${(e as Error).message}）\n` : `failed to process ${path}: ${(e as Error).message}\n`);
    return null;
  }
}

/**
 * `budget-disclosure draft FILE`: prints the 情况说明 draft (text: headings and paragraphs; json: the
 * package's `narrativeDraft` with the workbook and layout set), and says on standard error whether the
 * narrative rules read it back clean against the tables. With `--previous LAST.xlsx` (last year's
 * disclosure) each total both state gets its change and rate. Exit 0, or 2 when a file cannot be read.
 */
export function runDraft(file: FsPath, opts: { format: "text" | "json"; layoutSet?: string; zh: boolean; previous?: FsPath }, io: Io): number {
  const wb = readOrSay(file, opts.zh, io);
  const before = opts.previous !== undefined ? readOrSay(opts.previous, opts.zh, io) : undefined;
  if (!wb || before === null) return 2;
  // Only the tables are needed: the rules run below, on the draft's text alone.
  const { recognition } = analyse(wb, { layoutSet: opts.layoutSet, rules: [] });
  const previous = before ? analyse(before, { layoutSet: opts.layoutSet ?? recognition.layoutSet, rules: [] }).recognition : undefined;
  const draft = buildNarrativeDraft(recognition, { previous });
  if (opts.format === "json") {
    const doc = { workbook: recognition.workbook, layoutSet: recognition.layoutSet, year: recognition.year, unitName: recognition.unitName, ...packageDraft(draft) };
    io.stdout(JSON.stringify(doc, null, 2) + "\n");
  } else {
    io.stdout(draftText(draft) + "\n");
  }
  const problems = draftProblems(checkDraft(recognition, wb, draft));
  if (!draft.paragraphs.length) io.stderr(opts.zh ? "未识别到可据以起草的报表\n" : "no table to draft from was recognised\n");
  else if (problems.length === 0) io.stderr(opts.zh ? "草稿已按说明核对规则与表核对，无不符\n" : "the draft checks clean against the tables under the narrative rules\n");
  else {
    io.stderr(opts.zh ? `草稿与表不符 ${problems.length} 处（请核对报表）：\n` : `the draft disagrees with the tables in ${problems.length} places (check the tables):\n`);
    for (const f of problems) io.stderr(`  ${opts.zh ? f.message : f.messageEn}\n`);
  }
  return 0;
}
