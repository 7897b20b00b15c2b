import type { RecognisedTable, RecognitionResult, TableColumn, TableId, TableRow } from "../recognise/model";
import type { Finding } from "../report/finding";
import { cellText, parseA1, type WorkbookSnapshot } from "../workbook/snapshot";
import type { Catalogue, CatalogueItem, MatchResult } from "./catalogue";
import { cleanCode, isDigits, lengthAtDepth } from "./codes";
import { compareNames } from "./normalise";
import { CODED_TABLES, tableLabel } from "./rules/common";
import type { ClassificationKind } from "./types";

/**
 * The fill plan: which empty code and name cells can be filled from the catalogue, and why. Plain
 * data, so the task pane can preview, apply and revert it and the CLI can print and write it.
 * A cell that already holds something is never in the plan; disagreements become findings.
 */

export interface FillChange {
  table: TableId;
  sheet: string;
  /** A1 address on `sheet`. */
  cell: string;
  /** Always null today: only empty cells are planned. Kept so that a preview can show "before → after". */
  before: string | null;
  after: string;
  kind: "code" | "name";
  reason: string;
  reasonEn: string;
  confidence: number;
}

export interface MissingParent {
  table: TableId;
  sheet: string;
  /** 0-based sheet row the parent row would be inserted before (its first child). */
  beforeRow: number;
  code: string;
  name: string;
  reason: string;
}

/** A table with no code column: nothing to write, the codes are suggested instead. */
export interface CodeSuggestions {
  table: TableId;
  sheet: string;
  side?: "income" | "expenditure";
  suggestions: Array<{ row: number; cell: string; name: string; code: string; confidence: number }>;
}

export interface FillPlan {
  changes: FillChange[];
  findings: Finding[];
  missingParents: MissingParent[];
  noCodeColumn: CodeSuggestions[];
}

export interface FillOptions {
  /** When given, each target cell is checked empty in the snapshot too: a belt to the recogniser's braces. */
  workbook?: WorkbookSnapshot;
  /** Matches below this confidence are reported, not planned (default 0.6). */
  minConfidence?: number;
}

const DEFAULT_MIN_CONFIDENCE = 0.6;

const REASON_TEXT: Record<MatchResult["reason"], { zh: string; en: string }> = {
  exact: { zh: "名称与目录一致", en: "name as in the catalogue" },
  normalised: { zh: "名称与目录一致（忽略空格、括号、全半角等写法差异）", en: "name as in the catalogue, ignoring spacing, brackets and widths" },
  alias: { zh: "名称为目录中该科目的别名或旧称", en: "name is a known alias of the entry" },
  prefix: { zh: "名称被截断，按前缀唯一匹配", en: "name cut short, unique by its prefix" },
  context: { zh: "同名科目多个，按上级科目确定", en: "several entries share the name; the parent row decides" },
};

interface Side {
  table: RecognisedTable;
  side?: "income" | "expenditure";
  kind: ClassificationKind;
  rows: TableRow[];
  code?: TableColumn;
  name?: TableColumn;
  name2?: TableColumn;
}

function sidesOf(table: RecognisedTable): Side[] {
  const specs = CODED_TABLES.filter((t) => t.id === table.id);
  const out: Side[] = [];
  for (const spec of specs) {
    const sided = table.rows.some((r) => r.side);
    const onSide = (s?: string) => spec.side === undefined || s === spec.side || (!sided && spec.side === "expenditure");
    const rows = table.rows.filter((r) => r.kind === "subject" && onSide(r.side)).sort((a, b) => a.r - b.r);
    const col = (role: string) => table.columns.find((c) => c.role === role && (spec.side === undefined || c.side === spec.side || c.side === undefined));
    // Codes split over 类/款/项 columns (Shanghai's tables, some exports) have no one cell to write a code into.
    if (!col("code") && ["code1", "code2", "code3"].some((r) => col(r))) continue;
    // Without a declared code column, a row holding a code still tells where the column is.
    let code = col("code");
    if (!code) {
      const withCode = rows.find((r) => r.code);
      const at = withCode?.code ? parseA1(withCode.code.cell) : null;
      if (at) code = { role: "code", header: [], c: at.c, letter: withCode!.code!.cell.replace(/\d+$/, ""), side: spec.side };
    }
    out.push({ table, side: spec.side, kind: spec.kind, rows, code, name: col("name"), name2: col("name2") });
  }
  return out;
}

class Planner {
  readonly changes: FillChange[] = [];
  readonly findings: Finding[] = [];
  readonly missingParents: MissingParent[] = [];
  readonly noCodeColumn: CodeSuggestions[] = [];
  private readonly min: number;

  constructor(private readonly cat: Catalogue, private readonly opts: FillOptions) {
    this.min = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  }

  private finding(ruleId: string, severity: Finding["severity"], side: Side, cell: string | null, zh: string, en: string, extra: Partial<Finding> = {}): void {
    this.findings.push({ ruleId, severity, table: side.table.id, sheet: side.table.sheet, cell, message: zh, messageEn: en, ...extra });
  }

  /**
   * Why a cell cannot be written according to the snapshot: it holds something, or it lies inside a
   * merged area (where Excel would hide the value). Null when it is free, or there is no snapshot.
   */
  private blocked(sheet: string, cell: string): "not-empty" | "merged" | null {
    const wb = this.opts.workbook;
    if (!wb) return null;
    const s = wb.sheets.find((x) => x.name === sheet);
    const at = parseA1(cell);
    if (!s || !at) return null;
    if (cellText(s.rows[at.r]?.[at.c]).trim() !== "") return "not-empty";
    const inMerge = s.merges.some((m) => at.r >= m.r0 && at.r <= m.r1 && at.c >= m.c0 && at.c <= m.c1 && (at.r !== m.r0 || at.c !== m.c0));
    return inMerge ? "merged" : null;
  }

  private change(side: Side, cell: string, kind: "code" | "name", after: string, confidence: number, zh: string, en: string): void {
    const why = this.blocked(side.table.sheet, cell);
    if (why === "not-empty") {
      this.finding("fill/not-empty", "warning", side, cell, `单元格 ${cell} 不是空的，未填写「${after}」。`, `Cell ${cell} is not empty; "${after}" was not written.`);
      return;
    }
    if (why === "merged") {
      this.finding("fill/merged", "warning", side, cell, `单元格 ${cell} 在合并单元格中，未填写「${after}」。`, `Cell ${cell} lies inside merged cells; "${after}" was not written.`);
      return;
    }
    this.changes.push({ table: side.table.id, sheet: side.table.sheet, cell, before: null, after, kind, reason: zh, reasonEn: en, confidence });
  }

  /**
   * Finds the code of an uncoded row. With trustworthy depths the row's level and the code of the
   * row above at the next level up decide; otherwise the row is tried under each open ancestor,
   * deepest first, and then as a new class — the catalogue itself says where the name fits.
   */
  private matchRow(side: Side, row: TableRow, stack: string[], depthReliable: boolean): MatchResult | null {
    const name = row.name.text;
    if (depthReliable) {
      const len = lengthAtDepth(row.depth);
      let parent: string | null = null;
      for (let k = stack.length - 1; k >= 0 && parent === null; k--) if (stack[k].length < len) parent = stack[k];
      return this.cat.matchName(name, { kind: side.kind, parentCode: parent, codeLength: len });
    }
    let firstAmbiguous: MatchResult | null = null;
    let outside: MatchResult | null = null;
    for (let k = stack.length - 1; k >= -1; k--) {
      const parent = k >= 0 ? stack[k] : null;
      const m = this.cat.matchName(name, { kind: side.kind, parentCode: parent, codeLength: parent ? parent.length + 2 : 3 });
      if (m?.code) return m;
      if (m && !m.outsideParent) firstAmbiguous ??= m;
      else if (m) outside ??= m;
    }
    if (firstAmbiguous) return firstAmbiguous;
    // A row whose own parent row is missing (a 项 straight under its 类): any depth under the deepest ancestor.
    for (let k = stack.length - 1; k >= 0; k--) {
      const m = this.cat.matchName(name, { kind: side.kind, parentCode: stack[k] });
      if (m?.code) return { ...m, confidence: Math.round(m.confidence * 0.9 * 100) / 100 };
    }
    return outside ?? this.cat.matchName(name, { kind: side.kind });
  }

  private reportUnmatched(side: Side, row: TableRow, m: MatchResult | null): void {
    const name = row.name.text;
    const cands = m?.candidates?.slice(0, 8) ?? [];
    const list = cands.map((c) => `${c.code} ${c.name}`);
    if (m?.code) {
      this.finding("fill/low-confidence", "warning", side, row.name.cell,
        `「${name}」可能是 ${m.code} ${m.name}（可信度 ${m.confidence}），未自动填写，请确认。`,
        `"${name}" may be ${m.code} ${m.name} (confidence ${m.confidence}); not filled, please confirm.`, { actual: name, expected: m.code });
    } else if (!m || cands.length === 0) {
      this.finding("fill/unmatched", "warning", side, row.name.cell,
        `「${name}」在${this.cat.year}年目录中找不到，未填编码。`,
        `"${name}" is not in the ${this.cat.year} catalogue; no code filled.`, { actual: name });
    } else if (m.outsideParent) {
      this.finding("fill/ambiguous", "warning", side, row.name.cell,
        `「${name}」不在其上级科目之下，未填编码；目录中的同名科目：${list.join("、")}。`,
        `"${name}" does not belong under its parent row; no code filled. Entries of that name: ${list.join(", ")}.`, { actual: name });
    } else {
      this.finding("fill/ambiguous", "warning", side, row.name.cell,
        `「${name}」对应多个科目，无法确定编码：${list.join("、")}。`,
        `"${name}" matches several entries; no code filled: ${list.join(", ")}.`, { actual: name });
    }
  }

  planSide(side: Side): void {
    // The recogniser reads levels from indentation; when every uncoded row sits at one indent that
    // says nothing (a lone uncoded row, or an export without indentation).
    const indents = new Set<number>();
    let levelled = true;
    for (const r of side.rows) {
      if (r.code) continue;
      indents.add(r.indent);
      if (r.level === undefined) levelled = false;
    }
    const depthReliable = indents.size > 1 && levelled;
    const noColumn = !side.code;
    const suggestions: CodeSuggestions["suggestions"] = [];
    const present: Array<{ row: TableRow; code: string }> = [];
    let stack: string[] = [];

    // 表六 usually has no code column: only its 政府预算支出经济科目名称 can be filled.
    const rows = noColumn && side.table.id === "T06" ? [] : side.rows;
    for (const row of rows) {
      const given = row.code ? cleanCode(row.code.text) : "";
      if (given && isDigits(given)) {
        this.checkNamed(side, row, given);
        stack = prefixes(given);
        present.push({ row, code: given });
        continue;
      }
      if (given) continue; // something that is not a code sits in the code cell: code/unknown reports it

      if (row.name.text.trim() === "") continue;
      // The recogniser moves non-numeric code text into the name: then the code cell is not empty.
      const codeCell = side.code ? `${side.code.letter}${row.r + 1}` : null;
      if (codeCell && row.name.cell === codeCell) continue;
      const m = this.matchRow(side, row, stack, depthReliable);
      if (!m?.code || m.confidence < this.min) {
        this.reportUnmatched(side, row, m);
        if (depthReliable) stack = stack.filter((c) => c.length < lengthAtDepth(row.depth));
        continue;
      }
      stack = prefixes(m.code);
      present.push({ row, code: m.code });
      if (noColumn) {
        suggestions.push({ row: row.r, cell: row.name.cell, name: row.name.text, code: m.code, confidence: m.confidence });
        continue;
      }
      const why = this.codeReason(row.name.text, m);
      this.change(side, codeCell as string, "code", m.code, m.confidence, why.zh, why.en);
    }
    if (noColumn && side.table.id !== "T06" && side.rows.length > 0) this.reportNoColumn(side, suggestions);
    this.findMissingParents(side, present);
    if (side.table.id === "T06") this.planEconomicNames(side);
  }

  /**
   * Reason texts are shared between rows with the same name, code and reason: a long table repeats
   * a few dozen names, and building two strings per row was a third of the planning time.
   */
  private readonly reasons = new Map<string, { name: string; reason: MatchResult["reason"]; zh: string; en: string }>();

  private codeReason(name: string, m: MatchResult): { zh: string; en: string } {
    const code = m.code as string;
    const hit = this.reasons.get(code);
    if (hit && hit.name === name && hit.reason === m.reason) return hit;
    const text = REASON_TEXT[m.reason];
    const made = { name, reason: m.reason, zh: `按名称「${name}」填入 ${code}（${text.zh}）`, en: `code ${code} from the name "${name}" (${text.en})` };
    this.reasons.set(code, made);
    return made;
  }

  /** A row with a code: fill an empty name, or report a disagreement. */
  private checkNamed(side: Side, row: TableRow, code: string): void {
    const item = this.cat.entry(code, side.kind);
    const written = row.name.text.trim();
    if (!item) {
      this.finding("fill/unknown-code", "warning", side, row.code?.cell ?? null,
        `编码 ${code} 不在${this.cat.year}年目录中，${written ? "无法核对名称" : "无法填写名称"}。`,
        `Code ${code} is not in the ${this.cat.year} catalogue; the name ${written ? "cannot be checked" : "cannot be filled"}.`, { actual: code });
      return;
    }
    if (written === "") {
      if (!side.name) return;
      this.change(side, row.name.cell || `${side.name.letter}${row.r + 1}`, "name", item.name, 1,
        `按编码 ${code} 填入目录名称`, `catalogue name of code ${code}`);
      return;
    }
    const rel = [item.name, ...item.aliases].map((n) => compareNames(written, n));
    if (rel.every((r) => r === "different")) {
      this.finding("fill/disagree", "error", side, row.name.cell,
        `编码 ${code} 在目录中是「${item.name}」，表中名称为「${written}」，未改动。`,
        `Code ${code} is "${item.name}" in the catalogue but the row says "${written}"; left as is.`, { expected: item.name, actual: written, related: row.code ? [row.code.cell] : undefined });
    }
  }

  private reportNoColumn(side: Side, suggestions: CodeSuggestions["suggestions"]): void {
    this.noCodeColumn.push({ table: side.table.id, sheet: side.table.sheet, ...(side.side ? { side: side.side } : {}), suggestions });
    const shown = suggestions.slice(0, 10).map((s) => `${s.code} ${s.name}`);
    const more = suggestions.length > 10 ? `等 ${suggestions.length} 项` : "";
    const first = side.rows[0];
    this.finding("fill/no-code-column", "info", side, first?.name.cell ?? null,
      `${tableLabel(side.table.id)}没有科目编码列，无处填写；建议增加编码列，按名称推得的编码：${shown.join("、")}${more}。`,
      `${side.table.id} has no code column, so nothing can be written; consider adding one. Codes from the names: ${shown.join(", ")}${suggestions.length > 10 ? ` and ${suggestions.length - 10} more` : ""}.`);
  }

  /** Every 款 and 项 needs its 类 and 款 rows above it in the table. */
  private findMissingParents(side: Side, present: Array<{ row: TableRow; code: string }>): void {
    const have = new Set(present.map((p) => p.code));
    const reported = new Set<string>();
    for (const { row, code } of present) {
      for (let len = 3; len < code.length; len += 2) {
        const p = code.slice(0, len);
        if (have.has(p) || reported.has(p)) continue;
        reported.add(p);
        const name = this.cat.name(p, side.kind) ?? "";
        const reason = `${code} 的上级科目 ${p}${name ? ` ${name}` : ""} 不在表中`;
        this.missingParents.push({ table: side.table.id, sheet: side.table.sheet, beforeRow: row.r, code: p, name, reason });
        this.finding("fill/missing-parent", "warning", side, row.code?.cell ?? row.name.cell,
          `${reason}，应在第 ${row.r + 1} 行之前增加一行。`,
          `The parent ${p}${name ? ` ${name}` : ""} of ${code} is not in the table; a row should be inserted before row ${row.r + 1}.`, { expected: p });
      }
    }
  }

  /**
   * 表六: an empty 政府预算支出经济科目名称 is filled with the mapped 政府 item when the mapping is the
   * same for 机关 and 事业单位, or when the table's other rows show which of the two the unit is.
   */
  private planEconomicNames(side: Side): void {
    if (!side.name2) return;
    let classItem: CatalogueItem | undefined;
    const pending: Array<{ row: TableRow; item: CatalogueItem; agency?: CatalogueItem; institution?: CatalogueItem }> = [];
    let agencyVotes = 0;
    let institutionVotes = 0;
    for (const row of side.rows) {
      const code = row.code ? cleanCode(row.code.text) : "";
      const isClass = code ? code.length === 3 : row.depth === 0;
      const m = code ? null : this.cat.matchName(row.name.text, { kind: "deptEconomic", codeLength: isClass ? 3 : 5, parentCode: isClass ? null : classItem?.code ?? null });
      const item = code ? this.cat.entry(code, "deptEconomic") : m?.code ? this.cat.entry(m.code, "deptEconomic") : undefined;
      if (isClass) {
        classItem = item;
        continue;
      }
      const map = item ? this.cat.economicMapping(item.code) : undefined;
      if (!item || !map) continue;
      const agency = map.agency ? this.cat.entry(map.agency, "govEconomic") : undefined;
      const institution = map.institution ? this.cat.entry(map.institution, "govEconomic") : undefined;
      const gov = row.name2?.text.trim() ?? "";
      if (gov) {
        const isA = !!agency && compareNames(gov, agency.name) !== "different";
        const isI = !!institution && (compareNames(gov, institution.name) !== "different" || (!!classItem && map.institution?.startsWith("505") === true && compareNames(gov, classItem.name) !== "different"));
        if (isA && !isI) agencyVotes++;
        if (isI && !isA) institutionVotes++;
        continue;
      }
      pending.push({ row, item, agency, institution });
    }
    const unitType = agencyVotes > institutionVotes ? "agency" : institutionVotes > agencyVotes ? "institution" : null;
    for (const p of pending) {
      const cell = `${side.name2.letter}${p.row.r + 1}`;
      const same = p.agency && p.institution && p.agency.code === p.institution.code;
      const target = same ? p.agency : unitType === "agency" ? p.agency : unitType === "institution" ? p.institution : undefined;
      if (!target) {
        this.finding("fill/unit-type", "info", side, cell,
          `「${p.item.name}」的政府预算支出经济科目取决于单位是机关还是事业单位（${p.agency?.name ?? "—"} / ${p.institution?.name ?? "—"}），未填写。`,
          `The government economic name of "${p.item.name}" depends on whether the unit is an administrative body or a public institution (${p.agency?.name ?? "—"} / ${p.institution?.name ?? "—"}); not filled.`);
        continue;
      }
      const why = same ? "机关与事业单位相同" : unitType === "agency" ? "按本表其他行，单位为机关" : "按本表其他行，单位为事业单位";
      const whyEn = same ? "same for both unit types" : unitType === "agency" ? "other rows show an administrative body" : "other rows show a public institution";
      this.change(side, cell, "name", target.name, same ? 0.95 : 0.8,
        `按「${p.item.name}」（${p.item.code}）对应的政府预算支出经济科目 ${target.code} 填入（${why}）`,
        `government economic item ${target.code} mapped from "${p.item.name}" (${p.item.code}; ${whyEn})`);
    }
  }
}

/** 2010607 → [201, 20106, 2010607] */
function prefixes(code: string): string[] {
  const out: string[] = [];
  for (let len = 3; len <= code.length; len += 2) out.push(code.slice(0, len));
  if (out[out.length - 1] !== code) out.push(code);
  return out;
}

/**
 * Plans filling the empty code and name cells of the coded tables (表二, 三, 五, 六, 七, 八, 九) from
 * the catalogue. Index lookups only: linear in the number of rows.
 */
export function planFill(recognition: RecognitionResult, catalogue: Catalogue, opts: FillOptions = {}): FillPlan {
  const planner = new Planner(catalogue, opts);
  for (const table of recognition.tables) {
    for (const side of sidesOf(table)) planner.planSide(side);
  }
  return { changes: planner.changes, findings: planner.findings, missingParents: planner.missingParents, noCodeColumn: planner.noCodeColumn };
}

/** Counts for a one-line summary. */
export function summarisePlan(plan: FillPlan): { codes: number; names: number; errors: number; warnings: number; infos: number } {
  return {
    codes: plan.changes.filter((c) => c.kind === "code").length,
    names: plan.changes.filter((c) => c.kind === "name").length,
    errors: plan.findings.filter((f) => f.severity === "error").length,
    warnings: plan.findings.filter((f) => f.severity === "warning").length,
    infos: plan.findings.filter((f) => f.severity === "info").length,
  };
}
