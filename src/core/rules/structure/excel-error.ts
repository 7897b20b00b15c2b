import { figureLocal, tableLocal } from "../engine";
import type { Rule } from "../types";
import { at } from "../sum/support";

export const structureExcelError: Rule = figureLocal(tableLocal({
  id: "structure/excel-error",
  severity: "error",
  title: { zh: "金额单元格不是数字", en: "Amount cell is not a number" },
  doc: "金额列中出现 Excel 错误值（#REF!、#VALUE! 等）或无法识别为数字的文字；这些单元格无法参与核对。",
  reads: ["*"],
  check(ctx, report) {
    // indexed loops: no iterator result a row before the loop is optimised
    const tables = ctx.recognition.tables;
    for (let ti = 0; ti < tables.length; ti++) {
      const t = tables[ti];
      for (let ri = 0; ri < t.rows.length; ri++) {
        const r = t.rows[ri];
        if (!r.bad) continue;
        for (const b of r.bad) {
          report(
            b.kind === "error"
              ? at(t, b.cell, `单元格为 Excel 错误值 ${b.text}，通常是公式引用失效`, `The cell holds the Excel error ${b.text}, usually a broken formula reference`, { actual: b.text })
              : at(t, b.cell, `金额单元格不是数字：“${b.text}”`, `The amount cell is not a number: “${b.text}”`, { actual: b.text }),
          );
        }
      }
    }
  },
}));
