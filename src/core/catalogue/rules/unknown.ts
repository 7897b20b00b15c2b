import type { Rule } from "../../rules/types";
import { isDigits, KIND_NAMES } from "../codes";
import { catalogueOf, CODED_TABLE_IDS, eachCodedRow, suggestCode } from "./common";

/**
 * code/unknown: a code the year's catalogue does not list. Usually a typo or a code retired in the
 * new edition; sometimes a new code the built-in catalogue lacks — hence a warning, and the message
 * says how to load the official edition.
 */
export const unknownCode: Rule = {
  id: "code/unknown",
  severity: "warning",
  title: { zh: "科目编码不在本年目录中", en: "Subject code not in the year's catalogue" },
  doc: "每个科目编码应在预算年度的政府收支分类科目中存在；找不到时给出按名称查到的编码。A code must exist in the budget year's classification; when it does not, the code the name points to is suggested.",
  reads: CODED_TABLE_IDS,
  check(ctx, report) {
    const cat = catalogueOf(ctx);
    if (!cat) {
      // said once, at the first coded row (nothing when there is none)
      eachCodedRow(ctx, (table, row) => {
        const year = ctx.recognition.year;
        report({
          severity: "info",
          table: table.id,
          sheet: table.sheet,
          cell: row.code?.cell ?? null,
          message: `没有${year ?? "该"}年的科目目录，未核对科目编码。可导入财政部当年的政府收支分类科目（.xlsx 或 .csv）。`,
          messageEn: `No subject catalogue for ${year ?? "this year"}: codes were not checked. Load the official classification of the year (.xlsx or .csv).`,
        });
        return true;
      });
      return;
    }
    eachCodedRow(ctx, (table, row, kind, code) => {
      // the finding's base only for a finding (the code's address is made then)
      if (!isDigits(code)) {
        report({
          table: table.id,
          sheet: table.sheet,
          cell: row.code?.cell ?? null,
          actual: code,
          severity: "error",
          message: `科目编码「${code}」不是数字。`,
          messageEn: `Subject code "${code}" is not numeric.`,
        });
        return;
      }
      if (cat.has(code, kind)) return;
      const base = { table: table.id, sheet: table.sheet, cell: row.code?.cell ?? null, actual: code };
      const match = suggestCode(cat, row.name.text, code, kind);
      const hint = match?.code
        ? { zh: `名称「${row.name.text}」在目录中的编码是 ${match.code}。`, en: ` The name "${row.name.text}" has code ${match.code} in the catalogue.`, expected: match.code }
        : { zh: `如是新增科目，请导入${cat.year}年官方目录。`, en: ` If the code is new, load the official ${cat.year} edition.`, expected: undefined };
      report({
        ...base,
        ...(hint.expected ? { expected: hint.expected } : {}),
        message: `科目编码 ${code} 不在${cat.year}年${KIND_NAMES[kind].zh}中。${hint.zh}`,
        messageEn: `Code ${code} is not in the ${cat.year} ${KIND_NAMES[kind].en}.${hint.en}`,
      });
    });
  },
};
