import type { RecognisedTable, TableRow } from "../../recognise/model";
import type { Rule, RuleReport } from "../../rules/types";
import { CODE_LENGTHS, cleanCode, isDigits, isParentCode, KIND_NAMES, levelOfCode, parentCode, validLength } from "../codes";
import { CODED_TABLE_IDS, kindOfRow, rowsBySide } from "./common";

/**
 * code/level: a code whose length is not a level of its classification, a row whose shown level
 * (indentation, numbering) contradicts its code, or a row that does not sit under its parent: every
 * 款 must follow its 类 and every 项 its 款, the way the code prefix says. A parent missing from the
 * table altogether is left to structure/missing-parent. Needs no catalogue.
 */
export const codeLevel: Rule = {
  id: "code/level",
  severity: "error",
  title: { zh: "科目级次与编码不符", en: "Subject level inconsistent with the code" },
  doc: "类/款/项 编码分别为 3/5/7 位，款、项须排在其上级科目之下（编码前缀即上级）。Class/section/item codes have 3/5/7 digits and each row must sit under its parent, whose code is its prefix.",
  reads: CODED_TABLE_IDS,
  check(ctx, report) {
    // Per row this allocates nothing for a row in its place: no closure, no iterator, no parent code
    // (compared as a prefix; cut only for a finding), and the set of the table's codes only once a
    // parent is found missing above its child (rows in order never need it). Large check: ~25 MB less
    // allocated in this rule (sampling heap profile).
    const at = (table: RecognisedTable, row: TableRow, f: Omit<RuleReport, "table" | "sheet" | "cell">): void => report({ table: table.id, sheet: table.sheet, cell: row.code?.cell ?? null, ...f });
    for (const id of CODED_TABLE_IDS) {
      const tables = ctx.tablesOf(id);
      for (let ti = 0; ti < tables.length; ti++) {
        const table = tables[ti];
        const sides = rowsBySide(table);
        for (let si = 0; si < sides.length; si++) {
          const rows = sides[si];
          // Last code seen at each length (index); a shorter code closes every deeper level.
          const last: Array<string | undefined> = [];
          const missing = new Set<string>();
          let inTable: Set<string> | undefined;
          for (let ri = 0; ri < rows.length; ri++) {
            const row = rows[ri];
            if (row.kind !== "subject" || !row.code) continue;
            const code = cleanCode(row.code.text);
            const kind = kindOfRow(table, row);
            if (!code || !kind || !isDigits(code)) continue;
            if (!validLength(kind, code)) {
              at(table, row, {
                actual: code,
                message: `科目编码 ${code} 为 ${code.length} 位，${KIND_NAMES[kind].zh}的编码应为 ${CODE_LENGTHS[kind].join("/")} 位。`,
                messageEn: `Code ${code} has ${code.length} digits; the ${KIND_NAMES[kind].en} uses ${CODE_LENGTHS[kind].join("/")}.`,
              });
              continue;
            }
            const byCode = levelOfCode(code);
            if (row.level && byCode && row.level !== byCode) {
              at(table, row, {
                severity: "warning",
                expected: byCode,
                actual: row.level,
                message: `编码 ${code} 是${byCode}级科目，但本行按缩进或编号显示为${row.level}级。`,
                messageEn: `Code ${code} is a ${byCode}-level subject but the row is shown at ${row.level} level (indentation or numbering).`,
              });
            }
            if (last.length > code.length) last.length = code.length;
            // the parent is the code less its last two digits (parentCode); cut only when it is reported
            if (code.length > 3) {
              const above = last[code.length - 2];
              if (above === undefined) {
                const parent = parentCode(code)!;
                // A parent absent from the table is structure/missing-parent's finding; here only
                // a parent that comes later (rows out of order) is reported, once.
                if ((inTable ??= codesIn(rows)).has(parent) && !missing.has(parent)) {
                  at(table, row, {
                    expected: parent,
                    message: `编码 ${code} 排在其上级科目 ${parent} 之前，上级科目应在上方。`,
                    messageEn: `Code ${code} comes before its parent ${parent}, which belongs above it.`,
                  });
                  missing.add(parent);
                }
              } else if (!isParentCode(above, code)) {
                const parent = parentCode(code)!;
                at(table, row, {
                  expected: parent,
                  actual: above,
                  message: `编码 ${code} 排在 ${above} 之下，但其上级科目应为 ${parent}。`,
                  messageEn: `Code ${code} sits under ${above}, but its parent is ${parent}.`,
                });
              }
            }
            last[code.length] = code;
          }
        }
      }
    }
  },
};

/** The cleaned codes of a side's subject rows. */
function codesIn(rows: readonly TableRow[]): Set<string> {
  const codes = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.kind === "subject" && r.code) codes.add(cleanCode(r.code.text));
  }
  return codes;
}
