import { figureLocal, tableLocal } from "../engine";
import type Decimal from "decimal.js";
import { scaledValue } from "../../money/interval";
import type { Rule } from "../types";
import { at, fmtAmount } from "../sum/support";
import { eachFigure } from "./cells";

export const structureExcessDecimals: Rule = figureLocal(tableLocal({
  id: "structure/excess-decimals",
  severity: "warning",
  title: { zh: "存储的小数多于显示", en: "More decimals stored than shown" },
  doc: "单元格存的数比显示的位数多（如存 12.675、显示 12.68）：公开的是显示值，Excel 却按存储值求和，尾差由此而来。建议用 ROUND 或直接录入两位小数。",
  reads: ["*"],
  check(ctx, report) {
    eachFigure(ctx.recognition.tables, (t, a, fig) => {
      // A figure with a scaled integer was stored with no more decimals than it shows.
      if (a.fromText || a.scaled !== undefined || sameValue(a.raw, a.value)) return;
      report(
        at(t, fig.cell, `单元格存有 ${a.raw.toString()}，显示为 ${fmtAmount(a)}；核对按显示值进行`, `The cell stores ${a.raw.toString()} but shows ${fmtAmount(a)}; checks use the shown figure`, {
          actual: a.raw.toString(),
          expected: fmtAmount(a),
        }),
      );
    });
  },
}));

/** Decimal equality through the allocation-free scaled integers when both fit. */
function sameValue(x: Decimal, y: Decimal): boolean {
  if (x === y) return true;
  const sx = scaledValue(x);
  const sy = scaledValue(y);
  return sx === sx && sy === sy ? sx === sy : x.eq(y);
}
