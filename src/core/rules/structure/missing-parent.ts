import type { RecognisedTable, TableRow } from "../../recognise/model";
import { tableLocal } from "../engine";
import type { Rule, RuleReport } from "../types";
import { HIERARCHY_TABLES, hierarchyOf } from "../sum/relations";
import { at, rowName, sidesOf, tableEn, tableZh } from "../sum/support";
import { isParentCode, parentCode } from "../../catalogue/codes";

const LEVEL_ZH = ["类", "款", "项"];
const LEVEL_EN = ["class", "section", "item"];

export const structureMissingParent: Rule = tableLocal({
  id: "structure/missing-parent",
  severity: "error",
  title: { zh: "缺少上级科目", en: "Missing parent subject" },
  doc: "有项必须有其所属的款，有款必须有其所属的类（按科目编码前缀；无编码时按缩进层级）。缺少上级时合计与层级求和都无从核对。",
  reads: [...HIERARCHY_TABLES],
  figures: false,
  check(ctx, report) {
    for (const id of HIERARCHY_TABLES) {
      for (const t of ctx.tablesOf(id)) {
        for (const side of sidesOf(t)) {
          const h = hierarchyOf(ctx, t, side);
          let lastDepth = -1; // depth of the previous subject row, for rows without codes
          for (let i = 0; i < h.rows.length; i++) {
            const r = h.rows[i];
            const code = r.code?.text;
            if (code) {
              // A 款 needs its 类 (code minus 2 digits), a 项 its 款; the nearest present prefix must be exactly that.
              if (code.length >= 5) {
                // (compared in place: the wanted code is made only for a finding)
                const p = h.parent[i];
                const pc = p < 0 ? undefined : h.rows[p].code?.text;
                if (pc === undefined || !isParentCode(pc, code)) reportMissing(report, t, r, r.code!.cell, parentCode(code));
              }
            } else if (r.depth > lastDepth + 1) {
              reportMissing(report, t, r, r.name.cell, null);
            }
            lastDepth = r.depth;
          }
        }
      }
    }
  },
});

function reportMissing(report: (f: RuleReport) => void, t: RecognisedTable, r: TableRow, cell: string, parentCode: string | null): void {
  const level = Math.max(0, Math.min(2, parentCode ? depthOf(parentCode) : r.depth - 1));
  const zh = LEVEL_ZH[level];
  const en = LEVEL_EN[level];
  report(
    at(
      t,
      cell,
      parentCode ? `${tableZh(t.id)} ${rowName(r)} 缺少上级${zh} ${parentCode}` : `${tableZh(t.id)} ${rowName(r)} 缺少上级${zh}（缩进层级跳级）`,
      parentCode ? `${tableEn(t.id)} ${rowName(r)}: its parent ${en} ${parentCode} is missing` : `${tableEn(t.id)} ${rowName(r)}: its parent ${en} is missing (indentation skips a level)`,
      parentCode ? { expected: parentCode } : {},
    ),
  );
}

function depthOf(code: string): number {
  return code.length <= 3 ? 0 : code.length <= 5 ? 1 : 2;
}
