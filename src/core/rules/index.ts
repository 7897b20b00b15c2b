import type { Rule } from "./types";
import { sumChildren } from "./sum/children";
import { sumColumns } from "./sum/columns";
import { sumSummaryTable } from "./sum/summary-table";
import { sumTotalRow } from "./sum/total-row";
import { sumVehicle } from "./sum/vehicle";

/**
 * The rules of this module (sums, cross-table relations, structure, performance tables), in the
 * order they run. Narrative and catalogue rules live elsewhere and are passed in by the caller.
 */
export const coreRules: Rule[] = [sumChildren, sumTotalRow, sumColumns, sumSummaryTable, sumVehicle];

/** Every rule of a full check: the core rules followed by `extra` (narrative, catalogue …). */
export function defaultRules(extra: Rule[] = []): Rule[] {
  return coreRules.concat(extra);
}
