import type { RecognisedTable } from "../../recognise/model";
import type { Rule, RuleContext } from "../types";
import { NARRATIVE_READS, analyse, at, mentionQuote, related, type NarrativeAnalysis } from "./analysis";
import { figureOf, formatFigure, inYuan, type TableFigure } from "./resolve";
import { shareVerdicts } from "./percent";

/**
 * How much of the 情况说明 the other narrative rules could hold against the tables. Every figure in
 * the text is counted; a figure is checked when it was resolved to a table figure, when it is a part
 * of a list checked against its total, a share recomputed from two amounts, or a change checked
 * against its rate. An amount that was not resolved but repeats a figure of the tables is listed (info),
 * so a reviewer can see what still wants a look.
 */
export interface Coverage {
  figures: number;
  checked: number;
  /** Unresolved amounts that repeat a table figure: the mention and the cells holding that figure. */
  unmatched: Array<{ mention: number; figures: TableFigure[] }>;
}

/**
 * The figures of the tables (万元, two decimals) whose key is one of `wanted` → where they stand. A
 * cheap float test skips the figures far from every wanted value, so a 100,000-row workbook builds
 * a TableFigure only for the handful that may match.
 */
function tableIndex(ctx: RuleContext, wanted: Set<string>): Map<string, TableFigure[]> {
  const out = new Map<string, TableFigure[]>();
  if (wanted.size === 0) return out;
  const targets = [...wanted].map(Number);
  const add = (t: RecognisedTable) => {
    const scale = inYuan(t) ? 1e-4 : 1;
    for (const row of t.rows) {
      for (const role of Object.keys(row.amounts)) {
        const a = row.amounts[role].amount;
        const approx = (a.scaled !== undefined ? a.scaled / 1e6 : a.value.toNumber()) * scale;
        if (!targets.some((w) => Math.abs(approx - w) < 0.02)) continue;
        const f = figureOf(t, row, role);
        if (f.value.isZero()) continue;
        const key = f.value.toFixed(2);
        if (!wanted.has(key)) continue;
        const list = out.get(key);
        if (list) list.push(f); // not a copy per figure: 元 tables put thousands of figures on one key
        else out.set(key, [f]);
      }
    }
  };
  for (const t of ctx.recognition.tables) if (t.id !== "PT") add(t);
  return out;
}

export function coverage(ctx: RuleContext, a: NarrativeAnalysis): Coverage {
  const { doc } = a;
  const checked = new Set<string>();
  let figures = 0;
  for (const m of doc.mentions) {
    figures++;
    if (a.checks[m.id].status !== "unresolved") checked.add(`m${m.id}`);
    if (m.share) figures++;
  }
  for (const l of doc.lists) {
    for (const kind of ["amount", "count"] as const) {
      const head = kind === "amount" ? l.head : l.headCount;
      const parts = l.items.filter((id) => doc.mentions[id].kind === kind);
      if (head === null || parts.length < 2) continue;
      for (const id of [head, ...parts]) checked.add(`m${id}`);
    }
  }
  for (const id of shareVerdicts(a).keys()) checked.add(`s${id}`);
  doc.growths.forEach((g, i) => {
    if (g.delta) figures++;
    if (g.rate) figures++;
    if (g.delta && g.rate && g.after !== null) {
      checked.add(`gd${i}`);
      checked.add(`gr${i}`);
    }
  });
  const open = doc.mentions.filter((m) => m.kind === "amount" && !checked.has(`m${m.id}`) && !m.value.isZero());
  const index = tableIndex(ctx, new Set(open.map((m) => m.value.toFixed(2))));
  const unmatched: Coverage["unmatched"] = [];
  for (const m of open) {
    const hits = index.get(m.value.toFixed(2));
    if (hits) unmatched.push({ mention: m.id, figures: hits });
  }
  return { figures, checked: checked.size, unmatched };
}

export const coverageRule: Rule = {
  id: "narrative/coverage",
  severity: "info",
  title: { zh: "说明中数字的核对覆盖", en: "Coverage of the figures in the text" },
  doc:
    "统计情况说明中的数字有多少已与表核对（“说明中 N 个数字，已核对 M 个”），并逐个列出与表中某数相同却未能对应到具体行的金额，供人工核对。" +
    " Counts the figures of the explanatory text and how many were checked against the tables; lists each amount that repeats a table figure but could not be tied to a row.",
  reads: NARRATIVE_READS,
  check(ctx, report) {
    const a = analyse(ctx);
    if (!a.doc.sentences.length) return;
    const cov = coverage(ctx, a);
    const first = at(a, 0, 0);
    report({
      ...first,
      message: `说明中 ${cov.figures} 个数字，已核对 ${cov.checked} 个`,
      messageEn: `The text has ${cov.figures} ${cov.figures === 1 ? "figure" : "figures"}; ${cov.checked} checked against the tables.`,
      expected: String(cov.figures),
      actual: String(cov.checked),
    });
    for (const u of cov.unmatched) {
      const m = a.doc.mentions[u.mention];
      const q = mentionQuote(a, m);
      const f = u.figures[0];
      const more = u.figures.length > 1 ? `等 ${u.figures.length} 处` : "";
      const moreEn = u.figures.length > 1 ? ` and ${u.figures.length - 1} more ${u.figures.length === 2 ? "cell" : "cells"}` : "";
      report({
        ...at(a, m.sentence, m.figure.start),
        related: related(...u.figures.slice(0, 5)),
        message: `说明中“${q}”未能对应到表中的行，未核对；${f.where.zh}${more}也是 ${formatFigure(f)}`,
        messageEn: `“${q}” could not be tied to a row of the tables and was not checked; ${f.where.en}${moreEn} also ${u.figures.length > 1 ? "show" : "shows"} ${formatFigure(f)}.`,
        actual: m.figure.text,
      });
    }
  },
};
