import { catalogueRules } from "../catalogue/rules";
import { defaultRules } from "./index";
import { narrativeRules } from "./narrative";
import type { Rule } from "./types";

/** Every rule the product ships: sums, cross-table, structure, performance, narrative and subject codes. */
export function allRules(): Rule[] {
  return defaultRules([...narrativeRules, ...catalogueRules]);
}
