import type { Rule } from "./types";
import { sumChildren } from "./sum/children";
import { sumColumns } from "./sum/columns";
import { sumSummaryTable } from "./sum/summary-table";
import { sumTotalRow } from "./sum/total-row";
import { sumVehicle } from "./sum/vehicle";
import { crossBasicEconomic } from "./cross/basic-economic";
import { crossDeclaredRelations } from "./cross/declared-relations";
import { crossClassRows } from "./cross/class-rows";
import { crossEconomicFunctional } from "./cross/economic-functional";
import { crossGovFund } from "./cross/govfund";
import { crossGpbExpenditure } from "./cross/gpb-expenditure";
import { crossIncomeSources } from "./cross/income-sources";
import { crossProjectTotal } from "./cross/project-total";
import { crossSummaryTotals } from "./cross/summary-totals";
import { performanceAnnualVsT12 } from "./performance/annual-vs-t12";
import { performanceCostCap } from "./performance/cost-cap";
import { performanceFundingSplit } from "./performance/funding-split";
import { performanceInT12 } from "./performance/in-t12";
import { performanceTextCost } from "./performance/text-cost";
import { performanceTextParts } from "./performance/text-parts";
import { structureAllTables } from "./structure/all-tables";
import { structureDuplicateCode } from "./structure/duplicate-code";
import { structureEmptyNote } from "./structure/empty-note";
import { structureExcelError } from "./structure/excel-error";
import { structureExcessDecimals } from "./structure/excess-decimals";
import { structureFormulaSum } from "./structure/formula-sum";
import { structureMissingParent } from "./structure/missing-parent";
import { structureMoneyUnit } from "./structure/money-unit";
import { structureNegative } from "./structure/negative";
import { structureSameUnit } from "./structure/same-unit";
import { structureSameYear } from "./structure/same-year";
import { structureTextNumber } from "./structure/text-number";

/**
 * The rules of this module (sums, cross-table relations, structure, performance tables), in the
 * order they run. Narrative and catalogue rules live elsewhere and are passed in by the caller.
 */
export const coreRules: Rule[] = [
  structureAllTables,
  structureEmptyNote,
  structureSameYear,
  structureSameUnit,
  structureMoneyUnit,
  structureDuplicateCode,
  structureMissingParent,
  structureExcelError,
  structureTextNumber,
  structureExcessDecimals,
  structureNegative,
  structureFormulaSum,
  sumChildren,
  sumTotalRow,
  sumColumns,
  sumSummaryTable,
  sumVehicle,
  crossSummaryTotals,
  crossIncomeSources,
  crossClassRows,
  crossGpbExpenditure,
  crossBasicEconomic,
  crossProjectTotal,
  crossEconomicFunctional,
  crossGovFund,
  crossDeclaredRelations,
  performanceInT12,
  performanceAnnualVsT12,
  performanceFundingSplit,
  performanceCostCap,
  performanceTextParts,
  performanceTextCost,
];

/** Every rule of a full check: the core rules followed by `extra` (narrative, catalogue …). */
export function defaultRules(extra: Rule[] = []): Rule[] {
  return coreRules.concat(extra);
}
