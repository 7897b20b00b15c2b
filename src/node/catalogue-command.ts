import { existsSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { emptyEdition, mergeEdition } from "../core/catalogue/catalogue";
import { KIND_NAMES, inferKind } from "../core/catalogue/codes";
import { DIFF_KINDS, diffEditions, diffIsEmpty, type EditionDiff } from "../core/catalogue/diff";
import { builtInEdition, builtInYears } from "../core/catalogue/editions";
import type { CatalogueEdition, ClassificationKind } from "../core/catalogue/types";
import { loadCatalogueFile } from "./fill-command";

/**
 * `budget-disclosure catalogue --diff <A> <B>`: what changed from catalogue A to catalogue B. Each
 * side is a built-in year (2025, 2026) or an official list in a file (.csv/.xlsx, as --catalogue
 * takes it); with a file, only the classifications the file holds are compared.
 */

export interface CatalogueIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `用法 / Usage:
  budget-disclosure catalogue --diff <年度|目录文件> <年度|目录文件> [--lang zh|en] [--format text|json]
    年度为内置目录的年度（${builtInYears().join("、")}）；目录文件为官方科目表（.csv 或 .xlsx）。
    A side is a built-in year (${builtInYears().join(", ")}) or an official list (.csv or .xlsx).
`;

class CatalogueArgError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(zh);
  }
}

interface Side {
  label: string;
  edition: CatalogueEdition;
  kinds: readonly ClassificationKind[];
}

function loadSide(arg: string): Side {
  if (/^\d{4}$/.test(arg)) {
    const edition = builtInEdition(Number(arg));
    if (!edition) {
      throw new CatalogueArgError(
        `没有 ${arg} 年度的内置目录（内置：${builtInYears().join("、")}）；可改用该年度的官方科目表文件。`,
        `no built-in catalogue for ${arg} (built in: ${builtInYears().join(", ")}); give that year's official list as a file instead.`,
      );
    }
    return { label: arg, edition, kinds: DIFF_KINDS };
  }
  if (!existsSync(arg)) throw new CatalogueArgError(`找不到目录文件：${arg}`, `catalogue file not found: ${arg}`);
  let entries;
  try {
    entries = loadCatalogueFile(arg);
  } catch (e) {
    const err = e as { zh?: string; en?: string; message: string };
    throw new CatalogueArgError(err.zh ?? err.message, err.en ?? err.message);
  }
  const kinds = DIFF_KINDS.filter((k) => entries.some((u) => (u.kind ?? inferKind(u.code)) === k));
  return { label: basename(arg), edition: mergeEdition(emptyEdition(0, ""), entries), kinds };
}

export function formatDiff(d: EditionDiff, from: string, to: string, lang: "zh" | "en"): string {
  const zh = lang === "zh";
  const out: string[] = [zh ? `科目目录差异：${from} → ${to}` : `Catalogue differences: ${from} → ${to}`];
  if (diffIsEmpty(d)) {
    out.push(zh ? "无差异。" : "No differences.");
    return out.join("\n") + "\n";
  }
  const word = zh ? { added: "新增", removed: "删除", renamed: "更名" } : { added: "added", removed: "removed", renamed: "renamed" };
  const w = Math.max(...Object.values(word).map((s) => (zh ? s.length * 2 : s.length)));
  const padWord = (s: string) => s + " ".repeat(w - (zh ? s.length * 2 : s.length));
  for (const k of DIFF_KINDS) {
    const l = d.lists[k];
    if (l.added.length + l.removed.length + l.renamed.length === 0) continue;
    out.push(
      zh
        ? `${KIND_NAMES[k].zh}：新增 ${l.added.length}，删除 ${l.removed.length}，更名 ${l.renamed.length}`
        : `${KIND_NAMES[k].en[0].toUpperCase()}${KIND_NAMES[k].en.slice(1)}: ${l.added.length} added, ${l.removed.length} removed, ${l.renamed.length} renamed`,
    );
    const cw = Math.max(...[...l.added, ...l.removed, ...l.renamed].map((e) => e.code.length));
    for (const e of l.added) out.push(`  ${padWord(word.added)}  ${e.code.padEnd(cw)}  ${e.name}`);
    for (const e of l.removed) out.push(`  ${padWord(word.removed)}  ${e.code.padEnd(cw)}  ${e.name}`);
    for (const e of l.renamed) out.push(`  ${padWord(word.renamed)}  ${e.code.padEnd(cw)}  ${e.from} → ${e.to}`);
  }
  if (d.mapping.length > 0) {
    out.push(zh ? `经济分类对照（部门 → 政府，机关/事业单位）：${d.mapping.length} 处不同` : `Economic mapping (departmental → government, agency/institution): ${d.mapping.length} changed`);
    const show = (m: { agency: string | null; institution: string | null } | null) => (m ? `${m.agency ?? "—"}/${m.institution ?? "—"}` : "—");
    for (const m of d.mapping) out.push(`  ${m.dept}  ${show(m.from)} → ${show(m.to)}`);
  }
  return out.join("\n") + "\n";
}

export function runCatalogue(args: string[], io: CatalogueIo): number {
  let lang: "zh" | "en" = "zh";
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { diff: { type: "boolean" }, lang: { type: "string", default: "zh" }, format: { type: "string", default: "text" } },
    });
    if (values.lang !== "zh" && values.lang !== "en") throw new CatalogueArgError(`--lang 只能是 zh 或 en：${values.lang}`, `--lang must be zh or en: ${values.lang}`);
    lang = values.lang;
    if (values.format !== "text" && values.format !== "json") throw new CatalogueArgError(`--format 只能是 text 或 json：${values.format}`, `--format must be text or json: ${values.format}`);
    if (!values.diff || positionals.length !== 2) throw new CatalogueArgError("catalogue 需要 --diff 和两个目录。", "catalogue needs --diff and two catalogues.");
    const a = loadSide(positionals[0]);
    const b = loadSide(positionals[1]);
    const kinds = DIFF_KINDS.filter((k) => a.kinds.includes(k) && b.kinds.includes(k));
    const d = diffEditions(a.edition, b.edition, kinds);
    if (values.format === "json") io.stdout(JSON.stringify({ from: a.label, to: b.label, compared: kinds, ...d }, null, 2) + "\n");
    else io.stdout(formatDiff(d, a.label, b.label, lang));
    return 0;
  } catch (e) {
    if (e instanceof CatalogueArgError) {
      io.stderr(`${lang === "zh" ? e.zh : e.en}\n\n${USAGE}`);
      return 2;
    }
    if ((e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`${lang === "zh" ? "参数错误" : "bad arguments"}: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
