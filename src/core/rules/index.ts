import type { Rule } from "./types";

/**
 * The rules of this module (sums, cross-table relations, structure, performance tables), in the
 * order they run. Narrative and catalogue rules live elsewhere and are passed in by the caller.
 */
export const coreRules: Rule[] = [];

/** Every rule of a full check: the core rules followed by `extra` (narrative, catalogue …). */
export function defaultRules(extra: Rule[] = []): Rule[] {
  return coreRules.concat(extra);
}
