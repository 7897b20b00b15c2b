/**
 * Findings reduced to what the metamorphic relation compares: rule id, severity and cells (the
 * finding's cell and its related cells, all as "sheet!A1"). Messages are left out on purpose: they
 * quote figures and names that some transformations change (元, another unit name), and the cells say
 * where a finding is. Expected findings of a transformed workbook are the original's carried through
 * the transformation's cell map.
 */
import type { Finding } from "../../src/core/report/finding";

export interface Brief {
  rule: string;
  severity: string;
  at: string;
  related: string[];
}

function qualify(sheet: string | null, ref: string): string {
  return ref.includes("!") ? ref.replace(/^'(.*)'!/, "$1!") : `${sheet ?? ""}!${ref}`;
}

export function brief(f: Finding): Brief {
  return {
    rule: f.ruleId,
    severity: f.severity,
    at: f.cell ? qualify(f.sheet, f.cell) : `${f.sheet ?? ""}!`,
    related: (f.related ?? []).map((r) => qualify(f.sheet, r)).sort(),
  };
}

export function line(b: Brief): string {
  return `${b.rule} ${b.severity} ${b.at}${b.related.length ? ` [${b.related.join(",")}]` : ""}`;
}

/** Carries briefs through a cell map; a cell the map does not know is a failure of the suite, said plainly. */
export function carry(bs: Brief[], to: (at: string) => string | null): Brief[] {
  return bs.map((b) => {
    const at = b.at.endsWith("!") ? b.at : to(b.at);
    if (at === null) throw new Error(`no mapping for ${b.at} (${b.rule})`);
    const related = b.related.map((r) => {
      const m = to(r);
      if (m === null) throw new Error(`no mapping for related cell ${r} (${b.rule} at ${b.at})`);
      return m;
    });
    return { ...b, at, related: related.sort() };
  });
}

export function sortedLines(bs: Brief[]): string[] {
  return bs.map(line).sort();
}
