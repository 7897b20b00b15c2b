import type { Rule } from "../types";
import { amountRule } from "./amount";
import { contradictionRule } from "./contradiction";
import { coverageRule } from "./coverage";
import { emptyTableStatementRule } from "./empty-table-statement";
import { growthRule } from "./growth";
import { percentRule } from "./percent";
import { subjectNameRule } from "./subject-name";
import { sumRule } from "./sum";

/** Checks of the 情况说明 text against the tables. All are warnings: they rest on reading prose. */
export const narrativeRules: Rule[] = [amountRule, percentRule, growthRule, sumRule, subjectNameRule, contradictionRule, emptyTableStatementRule, coverageRule];

export { extractNarrative } from "./extract";
export type { NarrativeDoc, Mention, SourceParagraph } from "./extract";
