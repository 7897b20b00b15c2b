import type { RecognisedTable } from "../../recognise/model";
import type { Rule, RuleContext, RuleReport } from "../types";
import { quote } from "./extract";
import { NARRATIVE_READS, analyse, at, mentionQuote, related, type NarrativeAnalysis } from "./analysis";
import { formatFigure, similarity } from "./resolve";
import { NAME_GROUPS, tableNameOf } from "./targets";

/** A name and a table label are the same item; tables truncate long names ("…缴费支"), so a long shared prefix counts. */
function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 6 && long.startsWith(short);
}

/** 表六 rows as item → class (a class row is its own class). */
function classesOf(t: RecognisedTable): Array<{ label: string; cls: string; cell: string }> {
  const out: Array<{ label: string; cls: string; cell: string }> = [];
  let cls = "";
  for (const r of t.rows) {
    if (r.kind !== "subject") continue;
    if (r.depth === 0) cls = r.label;
    out.push({ label: r.label, cls, cell: r.name.cell });
  }
  return out;
}

function misnamed(a: NarrativeAnalysis, report: (f: RuleReport) => void): void {
  for (const m of a.doc.mentions) {
    const c = a.checks[m.id];
    if (c.status !== "misnamed" || !c.suggestion) continue;
    const s = c.suggestion;
    const q = mentionQuote(a, m);
    const name = tableNameOf(s.table);
    report({
      ...at(a, m.sentence, m.figure.start),
      related: related(s),
      message: `名称与表中科目不符：说明中“${q}”，${name.zh}中${formatFigure(s)}万元对应的科目为“${s.label}”，应为“${s.label}”。`,
      messageEn: `Name does not match the table: the text says “${q}”, but ${formatFigure(s)} in ${name.en} is “${s.label}”; it should read “${s.label}”.`,
      expected: s.label,
      actual: m.subject,
    });
  }
}

function nameLists(ctx: RuleContext, a: NarrativeAnalysis, report: (f: RuleReport) => void): void {
  for (const nl of a.doc.nameLists) {
    if (nl.head === null) continue;
    const head = a.doc.mentions[nl.head];
    const group = NAME_GROUPS.find((g) => head.subject.endsWith(g.phrase));
    if (!group) continue;
    const t = ctx.table(group.table);
    if (!t || t.empty) continue;
    const rows = classesOf(t);
    const tname = tableNameOf(t.id);
    for (const n of nl.names) {
      const where = at(a, nl.sentence, n.start);
      const q = quote(a.doc, nl.sentence, n.start, n.end);
      const hit = rows.find((r) => sameName(n.name, r.label));
      if (hit && group.classes.includes(hit.cls)) continue;
      if (hit) {
        report({
          ...where,
          related: [`${t.sheet}!${hit.cell}`],
          message: `名称与表中科目不符：说明中${group.phrase}包括“${q}”，但${tname.zh}中“${hit.label}”属于“${hit.cls}”，不属于${group.phrase}（${group.classes.join("、")}）。`,
          messageEn: `The text lists “${q}” under ${group.phrase}, but in ${tname.en} it belongs to “${hit.cls}”, not to ${group.classes.join(" / ")}.`,
          expected: group.classes.join("、"),
          actual: hit.cls,
        });
        continue;
      }
      const allowed = rows.filter((r) => group.classes.includes(r.cls));
      let best: (typeof allowed)[number] | undefined;
      let bestSim = 0.5;
      for (const r of allowed) {
        const sim = similarity(n.name, r.label);
        if (sim > bestSim) {
          best = r;
          bestSim = sim;
        }
      }
      const hint = best ? `，是否应为“${best.label}”` : "";
      const hintEn = best ? `; did you mean “${best.label}”?` : ".";
      report({
        ...where,
        related: best ? [`${t.sheet}!${best.cell}`] : undefined,
        message: `名称与表中科目不符：说明中${group.phrase}包括“${q}”，${tname.zh}中无此科目${hint}。`,
        messageEn: `The text lists “${q}” under ${group.phrase}, but ${tname.en} has no such item${hintEn}`,
        expected: best?.label,
        actual: n.name,
      });
    }
  }
}

export const subjectNameRule: Rule = {
  id: "narrative/subject-name",
  severity: "warning",
  title: { zh: "说明中的科目名称与表不符", en: "Subject name in the text differs from the table" },
  doc:
    "说明中的科目名称须为表中科目：如“一般公共预算支出434.67万元”而表中434.67万元为“一般公共服务支出”；人员经费、公用经费所列明细须为表六相应类下的科目。" +
    " Names in the text must be the tables' names; items listed under 人员经费/公用经费 must be 表六 items of the right class.",
  reads: NARRATIVE_READS,
  check(ctx, report) {
    const a = analyse(ctx);
    misnamed(a, report);
    nameLists(ctx, a, report);
  },
};
