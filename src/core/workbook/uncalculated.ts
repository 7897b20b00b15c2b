import type { RecognitionProblem, RecognitionResult } from "../recognise/model";
import type { Report } from "../report/finding";
import type { Rule } from "../rules/types";
import type { WorkbookSnapshot } from "./snapshot";
import { parseA1 } from "./snapshot";

/**
 * Formulas without a calculated value. A workbook written by a script (openpyxl, a template tool)
 * and never opened in Excel holds formulas but no results: every such cell reads as blank, and every
 * sum over it would be "wrong". Instead the user is told once to recalculate in Excel, and the checks
 * on figures say nothing about the tables such cells sit in.
 */

interface Spot {
  r: number;
  c: number;
}

function spotsBySheet(wb: WorkbookSnapshot): Map<string, Spot[]> {
  const out = new Map<string, Spot[]>();
  for (const s of wb.sheets) {
    if (!s.uncalculated?.length) continue;
    const list: Spot[] = [];
    for (const a of s.uncalculated) {
      const p = parseA1(a);
      if (p) list.push(p);
    }
    out.set(s.name, list);
  }
  return out;
}

/** The one problem to show when the workbook has formulas without results, or null. */
export function uncalculatedProblem(wb: WorkbookSnapshot): RecognitionProblem | null {
  let n = 0;
  let first: { sheet: string; cell: string } | null = null;
  for (const s of wb.sheets) {
    if (!s.uncalculated?.length) continue;
    n += s.uncalculated.length;
    first ??= { sheet: s.name, cell: s.uncalculated[0] };
  }
  if (!first) return null;
  return {
    kind: "uncalculated",
    sheet: first.sheet,
    cell: first.cell,
    message: `公式没有计算结果：请在 Excel 中打开、重新计算并保存（共 ${n} 个公式单元格没有结果，如 ${first.sheet}!${first.cell}）；这些单元格所在表的金额未核对`,
    messageEn: `formulas without calculated results: open the workbook in Excel, recalculate and save it (${n} formula cells have no result, e.g. ${first.sheet}!${first.cell}); the figures of the tables they sit in were not checked`,
  };
}

/**
 * The report without the findings of figure rules about tables (or cells) holding formulas without
 * results: those cells read as blank, so any sum over them says nothing.
 */
export function withoutUncalculated(report: Report, recognition: RecognitionResult, wb: WorkbookSnapshot, rules: readonly Rule[]): Report {
  const spots = spotsBySheet(wb);
  if (spots.size === 0) return report;
  const figureRules = new Set(rules.filter((r) => r.figures !== false).map((r) => r.id));
  const touched = new Set<string>(); // table ids (and sheet names) with an uncalculated cell in their box
  for (const t of recognition.tables) {
    const list = spots.get(t.sheet);
    if (list?.some((p) => p.r >= t.box.r0 && p.r <= t.box.r1 && p.c >= t.box.c0 && p.c <= t.box.c1)) touched.add(t.id);
  }
  const hits = (sheet: string | null, ref: string): boolean => {
    let sh = sheet;
    let addr = ref;
    const bang = ref.lastIndexOf("!");
    if (bang >= 0) {
      sh = ref.slice(0, bang).replace(/^'|'$/g, "");
      addr = ref.slice(bang + 1);
    }
    const list = sh === null ? undefined : spots.get(sh);
    if (!list) return false;
    const [a, b] = addr.split(":");
    const p = parseA1(a);
    const q = b ? parseA1(b) : p;
    if (!p || !q) return false;
    return list.some((s) => s.r >= Math.min(p.r, q.r) && s.r <= Math.max(p.r, q.r) && s.c >= Math.min(p.c, q.c) && s.c <= Math.max(p.c, q.c));
  };
  const findings = report.findings.filter((f) => {
    if (!figureRules.has(f.ruleId)) return true;
    if (f.table && touched.has(f.table)) return false;
    if (f.cell && hits(f.sheet, f.cell)) return false;
    return !(f.related ?? []).some((r) => hits(f.sheet, r));
  });
  if (findings.length === report.findings.length) return report;
  const count = (sev: string) => findings.filter((f) => f.severity === sev).length;
  return { ...report, findings, summary: { errors: count("error"), warnings: count("warning"), infos: count("info") } };
}
