import type { Rule } from "../../rules/types";
import { economicName } from "./economic-name";
import { codeLevel } from "./level";
import { nameMismatch } from "./name-mismatch";
import { unknownCode } from "./unknown";

/**
 * The subject-code rules. They read the year's catalogue from `ctx.services.catalogue` (a
 * `Catalogue`, see ../catalogue.ts); without it they use the built-in edition of the recognised year.
 */
export const catalogueRules: Rule[] = [unknownCode, nameMismatch, codeLevel, economicName];

export { CATALOGUE_SERVICE } from "./common";
