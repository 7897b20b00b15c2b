import { figureLocal, tableLocal } from "../engine";
import type { Rule } from "../types";
import { at, fmtAmount } from "../sum/support";
import { eachFigure } from "./cells";

export const structureNegative: Rule = figureLocal(tableLocal({
  id: "structure/negative",
  severity: "error",
  title: { zh: "负数金额", en: "Negative amount" },
  doc: "预算公开表中的金额不应为负数。",
  reads: ["*"],
  check(ctx, report) {
    eachFigure(ctx.recognition.tables, (t, a, fig) => {
      if (a.scaled !== undefined ? a.scaled >= 0 : !a.value.isNegative() || a.value.isZero()) return;
      report(at(t, fig.cell, `金额 ${fmtAmount(a)} 为负数`, `Amount ${fmtAmount(a)} is negative`, { actual: fmtAmount(a) }));
    });
  },
}));
