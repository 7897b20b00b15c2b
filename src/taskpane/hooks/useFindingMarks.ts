import * as React from "react";
import type { Finding } from "../../core/report/finding";
import { dismissalsFor, type Dismissal } from "../dismiss";
import type { Engine } from "../engine";
import { findingKeys, findingTouches, type PaneView } from "../view";
import type { FindingMarks } from "../components/FindingList";

/**
 * What the finding list marks (new since the last burst, dismissed), how many findings are
 * dismissed, and the findings about the cell selected in Excel.
 */
export function useFindingMarks({
  view,
  added,
  dismissals,
  selection,
  getEngine,
}: {
  view: PaneView | null;
  /** Keys of the findings the last live burst added (findingKeys), or null. */
  added: Set<string> | null;
  dismissals: Dismissal[];
  selection: { sheet: string; address: string } | null;
  getEngine: () => Promise<Engine>;
}): { marks: FindingMarks | undefined; dismissedCount: number; cellFindings: Finding[] } {
  // Asked only for the findings drawn (a page per group): with 100,000 findings, nothing is worked
  // out for all of them unless a burst added some or the workbook has dismissals.
  const marks = React.useMemo<FindingMarks | undefined>(() => {
    if (!view) return undefined;
    const findings = view.report.findings;
    let keyOf: Map<Finding, string> | null = null;
    let addedPlaces: Set<string> | null = null;
    let dOf: Map<Finding, Dismissal | undefined> | null = null;
    return {
      isNew: (f) => {
        if (!added || added.size === 0) return false;
        // Most findings were there before: their place alone says so, without numbering them all.
        addedPlaces ??= new Set([...added].map((k) => k.replace(/#\d+$/, "")));
        if (!addedPlaces.has(`${f.ruleId}|${f.table ?? ""}|${f.tableLabel ?? ""}|${f.sheet ?? ""}|${f.cell ?? ""}`)) return false;
        if (!keyOf) {
          const keys = findingKeys(findings);
          keyOf = new Map(findings.map((x, i) => [x, keys[i]]));
        }
        return added.has(keyOf.get(f) ?? "");
      },
      dismissal: (f) => {
        if (dismissals.length === 0) return undefined;
        if (!dOf) {
          const dism = dismissalsFor(findings, dismissals);
          dOf = new Map(findings.map((x, i) => [x, dism[i]]));
        }
        return dOf.get(f);
      },
    };
  }, [view, added, dismissals]);
  const dismissedCount = React.useMemo(() => (view && dismissals.length ? dismissalsFor(view.report.findings, dismissals).filter(Boolean).length : 0), [view, dismissals]);

  // The findings about the cell selected in Excel: from the view, or, when the view holds a selection
  // of a very long list, from the worker.
  const [askedCellFindings, setAskedCellFindings] = React.useState<Finding[]>([]);
  const partialView = !!view?.groups;
  const cellFindings = React.useMemo(
    () => (view && selection && !partialView ? view.report.findings.filter((f) => findingTouches(f, selection.sheet, selection.address)) : askedCellFindings),
    [view, selection, partialView, askedCellFindings],
  );
  React.useEffect(() => {
    if (!view || !selection || !partialView) return;
    let stale = false;
    void getEngine()
      .then((e) => e.call("at", { sheet: selection.sheet, address: selection.address, limit: 200 }))
      .then((fs) => {
        if (!stale) setAskedCellFindings(fs);
      })
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [view, selection, partialView, getEngine]);
  return { marks, dismissedCount, cellFindings };
}
