import type { Amount } from "../../money/amount";
import { checkSum, sumVerdict } from "../../money/interval";
import type { RecognisedTable } from "../../recognise/model";
import type { RuleReport } from "../types";
import type { VerticalSum } from "./relations";
import { cellOf, roleEn, roleZh, rowName, sumFinding } from "./support";

/** Checks each relation in each of its columns; shared by the vertical sum rules. Allocates only for findings. */
export function checkVertical(t: RecognisedTable, sums: readonly VerticalSum[], report: (f: RuleReport) => void): void {
  const kids: Array<Amount | undefined> = [];
  // indexed loops: no iterator result a sum before the loop is optimised
  for (let si = 0; si < sums.length; si++) {
    const s = sums[si];
    for (let ri = 0; ri < s.roles.length; ri++) {
      const role = s.roles[ri];
      const parent = s.parent.amounts[role]?.amount;
      kids.length = 0;
      let any = parent !== undefined;
      for (let ci = 0; ci < s.children.length; ci++) {
        const a = s.children[ci].amounts[role]?.amount;
        if (a) any = true;
        kids.push(a);
      }
      if (!any || sumVerdict(parent, kids) === "exact") continue;
      report(
        sumFinding(
          {
            table: t,
            cell: cellOf(t, s.parent, role),
            related: s.children.map((c) => cellOf(t, c, role)),
            where: rowName(s.parent),
            column: { zh: roleZh(t, role), en: roleEn(role) },
          },
          checkSum(parent, kids),
          s.wording,
        ),
      );
    }
  }
}
