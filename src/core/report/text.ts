import { LAYOUT_SETS, layoutSetById } from "../layouts/registry";
import type { Finding } from "./finding";
import type { ReportPackage } from "./package";
import { alignColumns } from "./width";
import { plural, unsaidFigures } from "./words";

export type Lang = "zh" | "en";

const NUMBER = new Map<string, string>();
for (const set of LAYOUT_SETS) for (const t of set.tables) if (!NUMBER.has(t.id)) NUMBER.set(t.id, t.number);

export function tableNumber(id: string | null, lang: Lang = "zh"): string {
  if (!id) return lang === "zh" ? "全工作簿" : "Workbook";
  if (lang === "en") return id === "PT" || id === "SHPT" ? "Performance target table" : `Table ${Number(/\d+$/.exec(id)?.[0] ?? 0)}`;
  return NUMBER.get(id as never) ?? id;
}

const SEVERITY: Record<Finding["severity"], { zh: string; en: string; mark: string }> = {
  error: { zh: "错误", en: "error", mark: "✗" },
  warning: { zh: "警告", en: "warning", mark: "!" },
  info: { zh: "提示", en: "info", mark: "i" },
};

export function severityWord(s: Finding["severity"], lang: Lang): string {
  return SEVERITY[s][lang];
}

export { plural } from "./words";

/** Expected and actual figures, only when the message does not already say them. */
function figuresNotSaid(f: Finding, msg: string, lang: Lang): string {
  const u = unsaidFigures(f, msg);
  const figs: string[] = [];
  if (u.expected !== undefined) figs.push(lang === "zh" ? `应为 ${u.expected}` : `expected ${u.expected}`);
  if (u.actual !== undefined) figs.push(lang === "zh" ? `实为 ${u.actual}` : `found ${u.actual}`);
  if (!figs.length) return "";
  return lang === "zh" ? `（${figs.join("，")}）` : ` (${figs.join(", ")})`;
}

function findingRow(f: Finding, lang: Lang): string[] {
  const s = SEVERITY[f.severity];
  const where = f.cell ? `${f.sheet ?? ""}!${f.cell}` : f.sheet ?? "";
  const msg = lang === "zh" ? f.message : f.messageEn;
  return [` ${s.mark}`, s[lang], where, `${msg}${figuresNotSaid(f, msg, lang)}  [${f.ruleId}]`];
}

/** The check report as text, grouped by table, in Chinese (or English); columns aligned by display width. */
export function formatPackageText(pkg: ReportPackage, lang: Lang = "zh"): string {
  const zh = lang === "zh";
  const out: string[] = [];
  out.push(zh ? `工作簿：${pkg.workbook}` : `Workbook: ${pkg.workbook}`);
  out.push(zh ? `预算年度：${pkg.year ?? "未识别"}    单位：${pkg.unitName ?? "未识别"}` : `Budget year: ${pkg.year ?? "unknown"}    Unit: ${pkg.unitName ?? "unknown"}`);
  if (pkg.layoutSet) {
    const set = layoutSetById(pkg.layoutSet);
    out.push(zh ? `版式：${pkg.layoutSet}${set ? `（${set.description}）` : ""}` : `Layout: ${pkg.layoutSet}${set?.descriptionEn ? ` (${set.descriptionEn})` : ""}`);
  }
  out.push(zh ? `识别到 ${pkg.tables.length} 张表：` : `Recognised ${plural(pkg.tables.length, "table")}:`);
  const tableRows = pkg.tables.map((t) => {
    const label = t.form ? `${tableNumber(t.id, lang)}${zh ? "：" : ": "}${(t.form as { projectName?: { text: string } } | undefined)?.projectName?.text ?? ""}` : `${tableNumber(t.id, lang)} ${t.standardName}`;
    const rows = t.form ? "" : zh ? `${t.rows.length} 行` : plural(t.rows.length, "row");
    return [" ", t.id, label, `${t.sheet}!${t.range}`, rows, t.empty ? (zh ? "[空表]" : "[empty]") : ""];
  });
  out.push(...alignColumns(tableRows));
  if (pkg.problems.length) {
    out.push(zh ? `无法识别的内容（${pkg.problems.length}）：` : `Not understood (${pkg.problems.length}):`);
    out.push(...alignColumns(pkg.problems.map((p) => [" ?", `${p.sheet}!${p.cell}`, zh ? p.message : p.messageEn])));
  }
  out.push(
    zh
      ? `检查：运行 ${pkg.summary.rulesRun} 条规则，覆盖 ${pkg.summary.tablesChecked} 张表`
      : `Checks: ${plural(pkg.summary.rulesRun, "rule")} ran over ${plural(pkg.summary.tablesChecked, "table")}`,
  );
  const groups = new Map<string, Finding[]>();
  for (const f of pkg.findings) {
    // Workbook-wide findings are grouped by the sheet they point at (e.g. the 情况说明 narrative).
    const key = `${f.table ?? ""}|${f.tableLabel ?? (f.table ? "" : f.sheet ?? "")}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(f);
  }
  // One alignment for all findings, so the columns line up down the whole report.
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const headers: string[] = [];
  const bodies: string[][][] = [];
  for (const [key, list] of groups) {
    const [id, label] = key.split("|");
    headers.push(`── ${id ? tableNumber(id, lang) + (label ? ` ${label}` : "") : label || tableNumber(null, lang)} ──`);
    bodies.push(list.slice().sort((a, b) => rank[a.severity] - rank[b.severity]).map((f) => findingRow(f, lang)));
  }
  const aligned = alignColumns(bodies.flat());
  let k = 0;
  headers.forEach((h, i) => {
    out.push(h);
    for (let j = 0; j < bodies[i].length; j++) out.push(aligned[k++]);
  });
  const s = pkg.summary;
  out.push(zh ? `汇总：错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}` : `Summary: ${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}, ${plural(s.infos, "info")}`);
  return out.map((l) => l.trimEnd()).join("\n");
}
