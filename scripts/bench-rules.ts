/**
 * Per-rule cost of the live re-check after one typed figure in the large table (used by `npm run
 * bench`'s recheck section): which rules a figure edit runs, and what each one costs.
 */
import type { AnalysisResult, AnalyseOptions } from "../src/core/analyse";
import { recheckEdit } from "../src/core/analyse";
import { allRules } from "../src/core/rules/all";
import type { Rule } from "../src/core/rules/types";
import type { WorkbookSnapshot } from "../src/core/workbook/snapshot";
import { nudgeCell } from "./bench-lib";

type Line = (label: string, value: string, note?: string) => void;

/** Times recheckEdit with one rule at a time (best of `n`), and prints the rules costing ≥ 0.3 ms. */
export function perRuleRecheck(wb: WorkbookSnapshot, full: AnalysisResult, sheet: string, cell: string, opts: AnalyseOptions, line: Line, n = 5): void {
  const rules = allRules();
  const time = (only: Rule[]) => {
    let ms = Infinity;
    for (let i = 0; i < n; i++) {
      nudgeCell(wb, sheet, cell);
      const t0 = performance.now();
      recheckEdit(wb, full, sheet, cell, { ...opts, rules: only });
      ms = Math.min(ms, performance.now() - t0);
    }
    return ms;
  };
  time(rules); // warm: the first re-check builds what later ones reuse
  const base = time([]);
  const costs = rules.map((r) => ({ id: r.id, ms: time([r]) - base })).sort((a, b) => b.ms - a.ms);
  line("  re-check with no rule (read, merge, sort)", `${base.toFixed(2)} ms`);
  for (const c of costs.filter((c) => c.ms >= 0.3)) line(`  rule ${c.id}`, `${c.ms.toFixed(2)} ms`);
}
