import type { UserEntry } from "./catalogue";
import { CODE_LENGTHS, cleanCode, isDigits, KIND_NAMES, kindOfDigits } from "./codes";
import type { ClassificationKind } from "./types";

/**
 * Reads an official classification edition supplied by the user: CSV text or the rows of an .xlsx
 * sheet (the node and browser shells read the file with SheetJS and pass `unknown[][]`, so this
 * module stays pure). Either the whole file loads or nothing does: the first bad line is reported
 * with its number and content.
 *
 * Accepted layouts:
 * - two columns code, name (科目编码, 科目名称), with or without a header row; title lines above the
 *   header are skipped;
 * - the Ministry layout with separate 类 / 款 / 项 (/ 目) columns and a name column, where a 款 row
 *   may hold only its two digits under the current 类.
 * Encoding: UTF-8 with or without BOM. GBK / GB18030 CSV files are not supported (refused with a
 * message asking to save as "CSV UTF-8"); .xlsx files carry their own encoding and are fine.
 */

export interface UserEditionProblem {
  /** 1-based line (CSV) or Excel row number. */
  line: number;
  /** The line as it stands in the file (cells joined by commas for .xlsx rows). */
  content: string;
  message: string;
  messageEn: string;
}

export interface UserEditionData {
  entries: Array<UserEntry & { kind: ClassificationKind }>;
  /** Entries per classification, for the confirmation shown to the user. */
  counts: Record<ClassificationKind, number>;
}

export type UserEditionResult = { ok: true; data: UserEditionData } | { ok: false; error: UserEditionProblem };

export interface UserEditionOptions {
  /** All codes belong to this classification; otherwise each code's kind is inferred from its digits. */
  kind?: ClassificationKind;
  /** Excel row number of rows[0] (default 1), for .xlsx rows that do not start at A1. */
  firstRow?: number;
}

const CODE_HEADER = /编码|代码|编号|^code$/i;
const NAME_HEADER = /名称|^name$|^科目$/i;
const LEVEL_HEADERS = ["类", "款", "项", "目"];

interface Layout {
  name: number;
  code?: number;
  /** Column of 类, 款, 项, 目 in the Ministry layout. */
  levels?: number[];
}

/** The cell without white space around it (trim's white space is \s's, which has \u3000, \u00a0 and \ufeff). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return String(v).trim();
}

function headerLayout(cells: string[]): Layout | null {
  const norm = cells.map((c) => c.replace(/[\s\u3000]/g, ""));
  const name = norm.findIndex((c) => NAME_HEADER.test(c));
  if (name < 0) return null;
  const levels = LEVEL_HEADERS.map((h) => norm.indexOf(h)).filter((i) => i >= 0);
  if (levels.length >= 2 && norm.indexOf("类") >= 0) return { name, levels };
  const code = norm.findIndex((c, i) => i !== name && CODE_HEADER.test(c));
  return code >= 0 ? { name, code } : null;
}

function failAt(line: number, content: string, zh: string, en: string): UserEditionResult {
  return {
    ok: false,
    error: {
      line,
      content,
      message: `第 ${line} 行有误：${zh}。内容：「${content}」。目录未加载。`,
      messageEn: `Line ${line} is wrong: ${en}. Content: "${content}". Nothing was loaded.`,
    },
  };
}

/** A line as written, for a message (made only when a line fails, not for each of 100,000 good ones). */
function contentOf(cells: string[]): string {
  return cells.join(",").replace(/,+$/, "");
}

/**
 * The rows of a table (from CSV or .xlsx), one at a time: a CSV's rows are taken as they are split,
 * so that a 100,000-line edition is never held as an array of rows as well as its entries.
 */
class RowParser {
  private layout: Layout | null = null;
  private dataStarted = false;
  /**
   * Duplicate codes: while the codes come in ascending order (an edition listed class, section,
   * item, as the Ministry lists it), a new code cannot repeat an earlier one and none is looked up.
   * The first code out of order builds this map (code → index in entries, whose file line is
   * lines[index]) from the entries so far; from then on every code is looked up.
   */
  private byCode: Map<string, number> | null = null;
  private lastCode = "";
  private readonly lines: number[] = [];
  private readonly entries: Array<UserEntry & { kind: ClassificationKind }> = [];
  private currentClass = "";
  private currentSection = "";

  constructor(private readonly opts: UserEditionOptions) {}

  /** Takes the row on file line `line`; a result when that line fails (nothing is loaded then). */
  row(row: readonly unknown[], line: number): UserEditionResult | undefined {
    return this.cells(row.map(cellText), line);
  }

  /**
   * Takes a row of cells already trimmed (cellText): the CSV reader trims its fields in place, not
   * into a second array per line.
   */
  cells(cells: string[], line: number): UserEditionResult | undefined {
    let blank = true;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i] !== "") {
        blank = false;
        break;
      }
    }
    if (blank) return undefined;
    if (!this.dataStarted) {
      const header = headerLayout(cells);
      if (header) {
        this.layout = header;
        return undefined;
      }
      // A title line above the data ("2026年政府收支分类科目") has a single cell; anything wider is data.
      if (!this.layout && cells.filter((c) => c !== "").length <= 1 && !isDigits(cleanCode(cells[0]))) return undefined;
      this.layout ??= { code: 0, name: 1 };
      this.dataStarted = true;
    }
    const l = this.layout as Layout;
    const name = cells[l.name] ?? "";
    let code: string;
    let digits = false;
    if (l.levels) {
      const parts = l.levels.map((c) => cleanCode(cells[c]));
      const deepest = parts.reduce((d, p, k) => (p !== "" ? k : d), -1);
      if (deepest < 0) return failAt(line, contentOf(cells), "没有科目编码", "no subject code");
      const part = parts[deepest];
      if (!isDigits(part)) return failAt(line, contentOf(cells), `编码「${part}」不是数字`, `code "${part}" is not numeric`);
      if (deepest === 0) code = part;
      else if (part.length > 2) code = part; // the full code written in the 款/项 column
      else {
        const cls = parts[0] || this.currentClass;
        if (!cls) return failAt(line, contentOf(cells), "款/项编码之前没有类编码", "a section/item code comes before any class code");
        let prefix = cls;
        if (deepest >= 2) {
          // a 项 needs its 款: written on the line, or the 款 line above it under the same 类
          const section = parts[1] ? cls + parts[1].padStart(2, "0") : this.currentSection.startsWith(cls) ? this.currentSection : "";
          if (section.length !== 5) {
            return failAt(line, contentOf(cells), `项编码「${part}」缺少款编码（类 ${cls} 下没有在它之前的款）`, `item code "${part}" has no section (款) code: no section of class ${cls} comes before it`);
          }
          prefix = section;
        }
        code = prefix + part.padStart(2, "0");
      }
      if (code.length === 3) this.currentClass = code;
      if (code.length === 5) this.currentSection = code;
    } else {
      // a code cell of plain digits (nearly every line) is the code: its digits are checked once here
      const raw = cells[l.code as number];
      digits = isDigits(raw);
      code = digits ? raw : cleanCode(raw);
    }
    if (code === "" && name === "") return undefined;
    if (code === "") return failAt(line, contentOf(cells), "没有科目编码", "no subject code");
    if (!digits && !isDigits(code)) return failAt(line, contentOf(cells), `编码「${code}」不是数字`, `code "${code}" is not numeric`);
    if (name === "") return failAt(line, contentOf(cells), `编码 ${code} 没有科目名称`, `code ${code} has no name`);

    // the code is digits from here: its kind and length need no second check of them
    const kind = this.opts.kind ?? kindOfDigits(code);
    if (!kind) {
      return failAt(line, contentOf(cells), `无法从编码 ${code} 判断分类（2 开头为支出功能分类，30 部门经济分类，50 政府经济分类，1 收入分类）`,
        `cannot tell the classification of code ${code} (2… functional, 30… departmental economic, 50… government economic, 1… revenue)`);
    }
    if (!CODE_LENGTHS[kind].includes(code.length)) {
      const lens = CODE_LENGTHS[kind].join("/");
      return failAt(line, contentOf(cells), `编码 ${code} 的位数（${code.length}）不符合${KIND_NAMES[kind].zh}（应为 ${lens} 位）`,
        `code ${code} has ${code.length} digits, the ${KIND_NAMES[kind].en} uses ${lens}`);
    }
    const entries = this.entries;
    if (this.byCode === null && code > this.lastCode) this.lastCode = code;
    else {
      const byCode = (this.byCode ??= new Map(entries.map((e, i) => [e.code, i])));
      const at = byCode.get(code);
      if (at !== undefined) {
        const seen = entries[at];
        if (seen.name === name) return undefined;
        const seenLine = this.lines[at];
        return failAt(line, contentOf(cells), `编码 ${code} 在第 ${seenLine} 行已是「${seen.name}」`, `code ${code} already has the name "${seen.name}" on line ${seenLine}`);
      }
      byCode.set(code, entries.length);
    }
    this.lines.push(line);
    entries.push({ code, name, kind });
    return undefined;
  }

  /** The result once every row has been given. */
  end(): UserEditionResult {
    if (this.entries.length === 0) {
      return {
        ok: false,
        error: { line: 0, content: "", message: "文件中没有科目编码和名称，目录未加载。", messageEn: "The file holds no subject codes and names; nothing was loaded." },
      };
    }
    const counts = { functional: 0, deptEconomic: 0, govEconomic: 0, revenue: 0 };
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) counts[entries[i].kind]++;
    return { ok: true, data: { entries: this.entries, counts } };
  }
}

/** Parses a table of rows (from CSV or .xlsx). `lineOf(i)` gives the file line of rows[i]. */
function parseRows(rows: unknown[][], lineOf: (i: number) => number, opts: UserEditionOptions): UserEditionResult {
  const parser = new RowParser(opts);
  for (let i = 0; i < rows.length; i++) {
    const bad = parser.row(rows[i] ?? [], lineOf(i));
    if (bad) return bad;
  }
  return parser.end();
}

/**
 * Splits CSV text into rows, honouring quoted fields ("a,b", doubled quotes, line breaks inside quotes).
 * Ordinary characters are taken a run at a time (a 100,000-line edition: a slice per field, not a
 * string per character). Exported for its test.
 */
export function splitCsv(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  eachCsvRow(text, (row, line) => {
    rows.push(row);
    lines.push(line);
    return true;
  });
  return { rows, lines };
}

/**
 * The rows of CSV text as splitCsv splits them, each given to `each` with its line, until it returns
 * false. Characters are compared as char codes (text[i] of a CJK character would make a string).
 * With `reuseRow` every row is the same array, refilled (for a caller that keeps no row: no array
 * and backing store per line).
 */
function eachCsvRow(text: string, each: (row: string[], line: number) => boolean, reuseRow = false): void {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.includes("\t") && !firstLine.includes(",") ? 9 : 44;
  const n = text.length;
  let row: string[] = [];
  let cells = 0; // fields of the row so far (row may hold a longer earlier row when reused)
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        // up to the next quote, counting the line breaks inside the field
        let j = text.indexOf('"', i + 1);
        if (j < 0) j = n;
        for (let k = i; k < j; k++) if (text.charCodeAt(k) === 10) line++;
        field += text.slice(i, j);
        i = j - 1;
      }
    } else if (ch === 34 && field === "") quoted = true;
    else if (ch === sep) {
      row[cells++] = field;
      field = "";
    } else if (ch === 10 || ch === 13) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      row[cells++] = field;
      if (row.length !== cells) row.length = cells;
      if (!each(row, rowLine)) return;
      if (!reuseRow) row = [];
      cells = 0;
      field = "";
      line++;
      rowLine = line;
    } else {
      // up to the next separator, quote or line break: most fields are one such run, taken as one slice
      let j = i + 1;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === sep || c === 10 || c === 13 || c === 34) break;
      }
      field = field === "" ? text.slice(i, j) : field + text.slice(i, j);
      i = j - 1;
    }
  }
  if (field !== "" || cells) {
    row[cells++] = field;
    if (row.length !== cells) row.length = cells;
    each(row, rowLine);
  }
}

/** Parses CSV text (a BOM is ignored). */
export function parseUserEditionCsv(text: string, opts: UserEditionOptions = {}): UserEditionResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes("\ufffd")) {
    const at = body.indexOf("\ufffd");
    const line = body.slice(0, at).split("\n").length;
    const content = body.split(/\r?\n/)[line - 1] ?? "";
    return failAt(line, content, "文件不是 UTF-8 编码（GBK 等编码不受支持），请在 Excel/WPS 中另存为「CSV UTF-8」",
      "the file is not UTF-8 (GBK and other encodings are not supported); save it as \"CSV UTF-8\" in Excel/WPS");
  }
  const parser = new RowParser(opts);
  let bad: UserEditionResult | undefined;
  eachCsvRow(body, (row, line) => {
    // the row is this reader's own (one array refilled for every line; the parser keeps no row): its
    // fields are trimmed in place (trim gives back the same string when there is nothing to trim)
    for (let i = 0; i < row.length; i++) row[i] = row[i].trim();
    return !(bad = parser.cells(row, line));
  }, true);
  return bad ?? parser.end();
}

/** Decodes CSV bytes as UTF-8 (with or without BOM) and parses them; other encodings are refused. */
export function parseUserEditionCsvBytes(bytes: Uint8Array, opts: UserEditionOptions = {}): UserEditionResult {
  try {
    return parseUserEditionCsv(new TextDecoder("utf-8", { fatal: true }).decode(bytes), opts);
  } catch {
    // Decode leniently only to point at the first line that is not UTF-8.
    return parseUserEditionCsv(new TextDecoder("utf-8").decode(bytes), opts);
  }
}

/**
 * Parses the rows of an .xlsx sheet, as SheetJS gives them with
 * `sheet_to_json(ws, { header: 1, blankrows: true, raw: true })`: rows[i] is Excel row firstRow + i.
 */
export function parseUserEditionRows(rows: unknown[][], opts: UserEditionOptions = {}): UserEditionResult {
  const first = opts.firstRow ?? 1;
  return parseRows(rows, (i) => first + i, opts);
}
