import type { Amount } from "../../money/amount";
import type { AmountCell, RecognisedTable } from "../../recognise/model";

const FUNDING_KEYS = ["total", "central", "provincial", "local", "self", "other"] as const;

/**
 * Visits every figure of every table (rows, and the funding blocks of performance tables). The cell
 * address is a getter: read `fig.cell` only for a figure you report, since building 100,000
 * addresses costs more than the checks.
 */
export function eachFigure(tables: readonly RecognisedTable[], visit: (t: RecognisedTable, a: Amount, fig: { readonly cell: string }) => void): void {
  // indexed loops: no iterator result a row before the loop is optimised
  for (let ti = 0; ti < tables.length; ti++) {
    const t = tables[ti];
    for (let ri = 0; ri < t.rows.length; ri++) {
      const amounts = t.rows[ri].amounts;
      for (const k in amounts) {
        const f = amounts[k];
        visit(t, f.amount, f);
      }
    }
    const form = t.form;
    if (!form) continue;
    for (const block of [form.implementationFunding, form.annualFunding]) {
      for (const k of FUNDING_KEYS) {
        const f: AmountCell | undefined = block[k];
        if (f) visit(t, f.amount, f);
      }
    }
  }
}
