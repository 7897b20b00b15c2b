import type { Rule } from "../../rules/types";
import type { CatalogueItem } from "../catalogue";
import { compareNames, type NameRelation } from "../normalise";
import { catalogueOf, CODED_TABLE_IDS, eachCodedRow, suggestCode } from "./common";

const ORDER: NameRelation[] = ["same", "normalised", "loose", "truncated", "different"];

/** The closest relation between a written name and a catalogue entry (its name or any alias). */
export function relationTo(written: string, item: CatalogueItem): NameRelation {
  let best: NameRelation = compareNames(written, item.name);
  for (const a of item.aliases) {
    const r = compareNames(written, a);
    if (ORDER.indexOf(r) < ORDER.indexOf(best)) best = r;
  }
  return best;
}

/**
 * code/name-mismatch: the code and the name on a row disagree. A truncated name (…缴费支) or a
 * variant (brackets, widths, a dropped 支出) is not a mismatch; those are shown as information only.
 */
export const nameMismatch: Rule = {
  id: "code/name-mismatch",
  severity: "error",
  title: { zh: "科目编码与名称不符", en: "Subject code and name disagree" },
  doc: "同一行的科目编码与科目名称应对应同一科目；建议值为目录中的名称，若名称属于另一编码则一并指出。The code and the name of a row must denote the same subject; the suggestion is the catalogue name, and the code the name belongs to when there is one.",
  reads: CODED_TABLE_IDS,
  check(ctx, report) {
    const cat = catalogueOf(ctx);
    if (!cat) return;
    eachCodedRow(ctx, (table, row, kind, code) => {
      const item = cat.entry(code, kind);
      const written = row.name.text.trim();
      if (!item || written === "") return;
      const rel = relationTo(written, item);
      if (rel === "same" || rel === "normalised") return;
      const base = { table: table.id, sheet: table.sheet, cell: row.name.cell, related: row.code ? [row.code.cell] : undefined, expected: item.name, actual: written };
      if (rel === "truncated") {
        report({
          ...base,
          severity: "info",
          message: `科目名称「${written}」不完整，${code} 的全称是「${item.name}」（名称被截断）。`,
          messageEn: `The name "${written}" is cut short: the full name of ${code} is "${item.name}".`,
        });
        return;
      }
      if (rel === "loose") {
        report({
          ...base,
          severity: "info",
          message: `科目名称「${written}」与目录名称「${item.name}」写法不同（${code}）。`,
          messageEn: `The name "${written}" is worded differently from the catalogue name "${item.name}" (${code}).`,
        });
        return;
      }
      const other = suggestCode(cat, written, code, kind);
      if (other?.code && other.code !== code) {
        report({
          ...base,
          message: `编码 ${code} 在目录中是「${item.name}」，与名称「${written}」不符；「${other.name}」的编码是 ${other.code}。请核对编码或名称。`,
          messageEn: `Code ${code} is "${item.name}" in the catalogue, not "${written}"; "${other.name}" has code ${other.code}. Check the code or the name.`,
        });
      } else {
        report({
          ...base,
          message: `编码 ${code} 在目录中是「${item.name}」，与名称「${written}」不符。`,
          messageEn: `Code ${code} is "${item.name}" in the catalogue, not "${written}".`,
        });
      }
    });
  },
};
