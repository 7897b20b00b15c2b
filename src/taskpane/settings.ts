import type { UserEntry } from "../core/catalogue/catalogue";
import { parseUserEditionCsv, type UserEditionData } from "../core/catalogue/user-edition";
import { parseDisabledRules } from "./model";

/**
 * The pane's remembered choices: switched-off rules and the imported catalogue. Storage may be
 * refused (private windows, some Office webviews) or full: then the choice lasts the session and
 * nothing else changes, so every access is guarded.
 */

const DISABLED_KEY = "budget-disclosure.disabledRules";
const CATALOGUE_KEY = "budget-disclosure.catalogue";
const LAYOUT_KEY = "budget-disclosure.layoutSet";

/** The layout set chosen in 报表版式, or null for the best match; a stored id no longer known is forgotten. */
export function loadLayoutSet(known: readonly string[]): string | null {
  const v = readLocal(LAYOUT_KEY);
  return v && known.includes(v) ? v : null;
}

export function saveLayoutSet(id: string | null): void {
  writeLocal(LAYOUT_KEY, id);
}

/** An imported official edition: the file's text is kept so it can be remembered and re-read. */
export interface LoadedCatalogue {
  name: string;
  text: string;
  entries: UserEntry[];
  counts: UserEditionData["counts"];
}

/** localStorage, which private windows and some Office webviews refuse: null then. */
export function readLocal(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeLocal(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Refused or over quota: remembered for this session only. An older value must not come back
    // in the next session in place of this choice, so it goes.
    try {
      localStorage.removeItem(key);
    } catch {
      // storage refused altogether: nothing was remembered before either
    }
  }
}

export function loadDisabledRules(known: readonly string[]): string[] {
  return parseDisabledRules(readLocal(DISABLED_KEY), known);
}

export function saveDisabledRules(ids: readonly string[]): void {
  writeLocal(DISABLED_KEY, ids.length ? JSON.stringify(ids) : null);
}

/** The remembered catalogue, parsed again; a stored text that no longer parses is forgotten. */
export function loadCatalogue(): LoadedCatalogue | null {
  const stored = readLocal(CATALOGUE_KEY);
  if (!stored) return null;
  try {
    const { name, text } = JSON.parse(stored) as { name?: unknown; text?: unknown };
    if (typeof name !== "string" || typeof text !== "string") return null;
    const parsed = parseUserEditionCsv(text);
    if (!parsed.ok) return null;
    return { name, text, entries: parsed.data.entries, counts: parsed.data.counts };
  } catch {
    return null;
  }
}

export function saveCatalogue(c: LoadedCatalogue | null): void {
  writeLocal(CATALOGUE_KEY, c ? JSON.stringify({ name: c.name, text: c.text }) : null);
}
