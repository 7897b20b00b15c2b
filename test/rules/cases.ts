import type { RecognisedTable } from "../../src/core/recognise/model";
import type { Rule } from "../../src/core/rules/types";
import { newFindings, setFig } from "./helpers";
import { byId, rowOf, seedTables } from "./seed-tables";

/** A case: a change to the seed tables and the findings it must add ("-…" for those it removes). */
export type Case = [name: string, mutate: (ts: RecognisedTable[]) => void, expected: (ts: RecognisedTable[]) => string[]];

/** "severity T03!C21": where a finding about the figure of a row in column `role` points. */
export function at(sev: string, ts: RecognisedTable[], id: string, key: string, role: string, side?: "income" | "expenditure"): string {
  const t = byId(ts, id);
  const row = rowOf(t, key, side);
  const col = t.columns.find((c) => c.role === role && (c.side === undefined || c.side === row.side))!;
  return `${sev} ${id}!${row.amounts[role]?.cell ?? `${col.letter}${row.r + 1}`}`;
}

export function set(id: string, key: string, role: string, fig: string, side?: "income" | "expenditure") {
  return (ts: RecognisedTable[]) => {
    const t = byId(ts, id);
    setFig(t, rowOf(t, key, side), role, fig);
  };
}

export function both(...fs: Array<(ts: RecognisedTable[]) => void>) {
  return (ts: RecognisedTable[]) => fs.forEach((f) => f(ts));
}

export function cases(rule: Rule, list: Case[]) {
  test.each(list)(`${rule.id}: %s`, (_name, mutate, expected) => {
    const got = newFindings(rule, seedTables, mutate);
    expect(got.sort()).toEqual(expected(seedTables()).sort());
  });
}
