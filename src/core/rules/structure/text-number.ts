import { figureLocal, tableLocal } from "../engine";
import type { Rule } from "../types";
import { at, fmtAmount } from "../sum/support";
import { eachFigure } from "./cells";

export const structureTextNumber: Rule = figureLocal(tableLocal({
  id: "structure/text-number",
  severity: "warning",
  title: { zh: "金额以文本存储", en: "Amount stored as text" },
  doc: "金额单元格存的是文本（如“1,800,000”）而不是数字：本工具能读出来，但 Excel 的求和公式会把它当作 0。",
  reads: ["*"],
  check(ctx, report) {
    eachFigure(ctx.recognition.tables, (t, a, fig) => {
      if (!a.fromText) return;
      report(
        at(t, fig.cell, `金额 ${fmtAmount(a)} 以文本形式存储，Excel 公式求和时会按 0 计算`, `Amount ${fmtAmount(a)} is stored as text; Excel sums count it as 0`, { actual: fmtAmount(a) }),
      );
    });
  },
}));
