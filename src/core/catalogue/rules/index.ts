import { tableLocal } from "../../rules/engine";
import type { Rule } from "../../rules/types";
import { economicName } from "./economic-name";
import { codeLevel } from "./level";
import { nameMismatch } from "./name-mismatch";
import { unknownCode } from "./unknown";

/**
 * The subject-code rules. They read the year's catalogue from `ctx.services.catalogue` (a
 * `Catalogue`, see ../catalogue.ts); without it they use the built-in edition of the recognised year.
 */
// Each looks at one table at a time and reads codes and names only: after an edit they re-run on the
// edited table alone, and not at all when only a figure changed.
export const catalogueRules: Rule[] = [unknownCode, nameMismatch, codeLevel, economicName].map((r) => tableLocal(Object.assign(r, { figures: false as const })));

export { CATALOGUE_SERVICE } from "./common";
