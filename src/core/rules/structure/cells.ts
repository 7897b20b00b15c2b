import type { Amount } from "../../money/amount";
import type { RecognisedTable } from "../../recognise/model";
import { figuresOf } from "../sum/support";

/** Visits every figure of every table, for the rules about single cells. */
export function eachFigure(tables: readonly RecognisedTable[], visit: (t: RecognisedTable, a: Amount, cell: string) => void): void {
  for (const t of tables) for (const f of figuresOf(t)) visit(t, f.amount, f.cell);
}
