import { shanxiUnit2026 } from "../layouts/shanxi-unit-2026";
import type { Finding } from "./finding";
import type { DisclosurePackage } from "./package";

export type Lang = "zh" | "en";

const NUMBER = new Map(shanxiUnit2026.tables.map((t) => [t.id, t.number]));

export function tableNumber(id: string | null, lang: Lang = "zh"): string {
  if (!id) return lang === "zh" ? "全工作簿" : "Workbook";
  if (lang === "en") return id === "PT" ? "Performance target table" : `Table ${Number(id.slice(1))}`;
  return NUMBER.get(id as never) ?? id;
}

const SEVERITY: Record<Finding["severity"], { zh: string; en: string; mark: string }> = {
  error: { zh: "错误", en: "error", mark: "✗" },
  warning: { zh: "警告", en: "warning", mark: "!" },
  info: { zh: "提示", en: "info", mark: "i" },
};

function findingLine(f: Finding, lang: Lang): string {
  const s = SEVERITY[f.severity];
  const where = f.cell ? `${f.sheet ?? ""}!${f.cell}` : f.sheet ?? "";
  const figures: string[] = [];
  if (f.expected !== undefined) figures.push(lang === "zh" ? `应为 ${f.expected}` : `expected ${f.expected}`);
  if (f.actual !== undefined) figures.push(lang === "zh" ? `实为 ${f.actual}` : `actual ${f.actual}`);
  if (f.tolerance !== undefined) figures.push(lang === "zh" ? `容差 ±${f.tolerance}` : `tolerance ±${f.tolerance}`);
  const msg = lang === "zh" ? f.message : f.messageEn;
  return `  ${s.mark} ${lang === "zh" ? s.zh : s.en} ${where}  ${msg}${figures.length ? `（${figures.join("，")}）` : ""}  [${f.ruleId}]`;
}

/** The check report as text, grouped by table, in Chinese (or English). */
export function formatPackageText(pkg: DisclosurePackage, lang: Lang = "zh"): string {
  const zh = lang === "zh";
  const out: string[] = [];
  out.push(zh ? `工作簿：${pkg.workbook}` : `Workbook: ${pkg.workbook}`);
  out.push(zh ? `预算年度：${pkg.year ?? "未识别"}    单位：${pkg.unitName ?? "未识别"}` : `Budget year: ${pkg.year ?? "unknown"}    Unit: ${pkg.unitName ?? "unknown"}`);
  out.push(zh ? `识别到 ${pkg.tables.length} 张表：` : `Recognised ${pkg.tables.length} tables:`);
  for (const t of pkg.tables) {
    const label = t.id === "PT" ? `${tableNumber(t.id, lang)}：${(t.form as { projectName?: { text: string } } | undefined)?.projectName?.text ?? ""}` : `${tableNumber(t.id, lang)} ${t.standardName}`;
    const rows = zh ? `${t.rows.length} 行` : `${t.rows.length} rows`;
    out.push(`  ${t.id.padEnd(3)} ${label}  ${t.sheet}!${t.range}  ${t.id === "PT" ? "" : rows}${t.empty ? (zh ? "  [空表]" : "  [empty]") : ""}`);
  }
  if (pkg.problems.length) {
    out.push(zh ? `无法识别的内容（${pkg.problems.length}）：` : `Not understood (${pkg.problems.length}):`);
    for (const p of pkg.problems) out.push(`  ? ${p.sheet}!${p.cell}  ${zh ? p.message : p.messageEn}`);
  }
  out.push(
    zh
      ? `检查：运行 ${pkg.summary.rulesRun} 条规则，覆盖 ${pkg.summary.tablesChecked} 张表`
      : `Checks: ${pkg.summary.rulesRun} rules ran over ${pkg.summary.tablesChecked} tables`,
  );
  const groups = new Map<string, Finding[]>();
  for (const f of pkg.findings) {
    // Workbook-wide findings are grouped by the sheet they point at (e.g. the 情况说明 narrative).
    const key = `${f.table ?? ""}|${f.tableLabel ?? (f.table ? "" : f.sheet ?? "")}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(f);
  }
  for (const [key, list] of groups) {
    const [id, label] = key.split("|");
    out.push(`── ${id ? tableNumber(id, lang) + (label ? ` ${label}` : "") : label || tableNumber(null, lang)} ──`);
    for (const f of list) out.push(findingLine(f, lang));
  }
  out.push(
    zh
      ? `汇总：错误 ${pkg.summary.errors}，警告 ${pkg.summary.warnings}，提示 ${pkg.summary.infos}`
      : `Summary: ${pkg.summary.errors} errors, ${pkg.summary.warnings} warnings, ${pkg.summary.infos} infos`,
  );
  return out.join("\n");
}
