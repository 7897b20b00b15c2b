/**
 * A focused .xlsx reader that builds a WorkbookSnapshot straight from the zip: fflate to unzip, a
 * char-code scanner over the sheet XML (no regex and no DOM per cell). It reproduces what
 * readWorkbookBytes built through SheetJS, quirks included (see the notes by each function), so that
 * switching readers changes no finding. Anything it does not know how to reproduce exactly throws
 * FastReadUnsupported, and the caller falls back to SheetJS. Works in Node and in the browser.
 */
import { Inflate, strFromU8 } from "fflate";
import { corruptFile, InputError, SheetUnreadable } from "./errors";
import { EXCEL_MAX_COLS, EXCEL_MAX_ROWS, MAX_CELLS, MAX_PART_BYTES, MAX_ROW_SPAN, MAX_SST_BYTES, MAX_TOTAL_BYTES, mb } from "./limits";
import type { Cell, RangeBox, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from "../core/workbook/snapshot";
import { a1, isErrorText } from "../core/workbook/snapshot";

/** Thrown for input this reader leaves to SheetJS (odd XML, .xlsb parts, chart sheets, dates as t="d"). */
export class FastReadUnsupported extends Error {
  constructor(what: string) {
    super(`fast reader: ${what}`);
    this.name = "FastReadUnsupported";
  }
}

function unsupported(what: string): never {
  throw new FastReadUnsupported(what);
}

/** Rows past this are dropped, as SheetJS's sheetRows option does (row number from the <row r>). */
const DEFAULT_MAX_ROWS = 300000;

/** SheetJS's built-in number format table (SSF_init_table), reset at every read. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "m/d/yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  56: '"上午/下午 "hh"時"mm"分"ss"秒 "',
};

/** Formats SheetJS rewrites when loading (Google Sheets writes "d.m"). */
const BAD_FORMATS: Record<string, string> = { "d.m": "d\\.m" };

export function builtinNumberFormats(): Record<number, string> {
  return { ...BUILTIN_FORMATS };
}

const MAIN_NS = [
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://purl.oclc.org/ooxml/spreadsheetml/main",
  "http://schemas.microsoft.com/office/excel/2006/main",
  "http://schemas.microsoft.com/office/excel/2006/2",
];
const CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
const WORKBOOK_TYPES = new Set([
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  "application/vnd.ms-excel.sheet.binary.macroEnabled.main",
  "application/vnd.ms-excel.addin.macroEnabled.main+xml",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
]);
const SST_TYPES = new Set(["application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml", "application/vnd.ms-excel.sharedStrings"]);
const STYLE_TYPES = new Set(["application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml", "application/vnd.ms-excel.styles"]);
const REL_WS = ["http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet"];
const REL_CS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet";

const VISIBILITY: SheetVisibility[] = ["visible", "hidden", "veryHidden"];

// ---------------------------------------------------------------------------------------------
// XML helpers ported from SheetJS, used on the small parts (workbook, rels, styles, odd strings).

const TAG_RE = /<[/?]?[a-zA-Z0-9:_-]+(?:\s+[^"\s?<>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^'"<>\s=]+))*\s*[/?]?>/gm;
const ATTR_RE = /\s([^"\s?>/]+)\s*=\s*((?:")([^"]*)(?:")|(?:')([^']*)(?:')|([^'">\s]+))/g;

type Attrs = Record<string, string> & { 0?: string };

/** SheetJS parsexmltag: attribute names lose their namespace prefix; values stay escaped. */
function parseTag(tag: string): Attrs {
  const z: Attrs = {};
  let eq = 0;
  for (; eq !== tag.length; ++eq) {
    const c = tag.charCodeAt(eq);
    if (c === 32 || c === 10 || c === 13) break;
  }
  z[0] = tag.slice(0, eq);
  if (eq === tag.length) return z;
  const m = tag.match(ATTR_RE);
  if (m) {
    for (const one of m) {
      const cc = one.slice(1);
      let c = 0;
      for (; c !== cc.length; ++c) if (cc.charCodeAt(c) === 61) break;
      let q = cc.slice(0, c).trim();
      while (cc.charCodeAt(c + 1) === 32) ++c;
      const qc = cc.charCodeAt(c + 1);
      const quot = qc === 34 || qc === 39 ? 1 : 0;
      const v = cc.slice(c + 1 + quot, cc.length - quot);
      const colon = q.indexOf(":");
      if (colon < 0) {
        if (q.indexOf("_") > 0) q = q.slice(0, q.indexOf("_"));
      } else {
        q = (colon === 5 && q.slice(0, 5) === "xmlns" ? "xmlns" : "") + q.slice(colon + 1);
      }
      z[q] = v;
      z[q.toLowerCase()] = v;
    }
  }
  return z;
}

function stripNs(name: string): string {
  return name.replace(/<(\/?)\w+:/, "<$1");
}

/** First <tag …>…</tag> (any prefix): [whole, inner, index of the whole]; SheetJS str_match_xml_ns. */
function matchXml(str: string, tag: string): [string, string, number] | null {
  const open = new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>`, "g");
  const close = new RegExp(`</(?:\\w+:)?${tag}>`, "g");
  const m = open.exec(str);
  if (!m) return null;
  close.lastIndex = open.lastIndex;
  const e = close.exec(str);
  if (!e) return null;
  return [str.slice(m.index, close.lastIndex), str.slice(open.lastIndex, e.index), m.index];
}

const ENTITIES: Record<string, string> = { "&quot;": '"', "&apos;": "'", "&gt;": ">", "&lt;": "<", "&amp;": "&" };
const ENC_RE = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const CODE_RE = /_x([\da-fA-F]{4})_/gi;

function rawUnescape(s: string): string {
  const i = s.indexOf("<![CDATA[");
  if (i === -1) {
    return s
      .replace(ENC_RE, (all: string, num: string | undefined) => ENTITIES[all] || String.fromCharCode(parseInt(num as string, all.indexOf("x") > -1 ? 16 : 10)) || all)
      .replace(CODE_RE, (_m: string, c: string) => String.fromCharCode(parseInt(c, 16)));
  }
  const j = s.indexOf("]]>");
  return rawUnescape(s.slice(0, i)) + s.slice(i + 9, j) + rawUnescape(s.slice(j + 3));
}

/** SheetJS unescapexml: entities, numeric references, _xHHHH_; with `xlsx` also CRLF → LF. */
function unescapeXml(s: string, xlsx: boolean): string {
  let out = s;
  if (s.indexOf("&") >= 0 || s.indexOf("_") >= 0 || s.indexOf("<![CDATA[") >= 0) out = rawUnescape(s);
  if (xlsx && out.indexOf("\r\n") >= 0) out = out.replace(/\r\n/g, "\n");
  return out;
}

const utf8 = new TextDecoder("utf-8");
const utf8enc = new TextEncoder();

/**
 * SheetJS reads a t="str" value as unescape(utf8(unescape(raw bytes))): references are unescaped twice
 * and a reference above U+00FF loses its high byte. Reproduced for exactness; only runs when the raw
 * text holds "&" or "_".
 */
function strValue(raw: string): string {
  if (raw.indexOf("&") < 0 && raw.indexOf("_") < 0 && raw.indexOf("<![CDATA[") < 0) return unescapeXml(raw, true);
  const bytes = utf8enc.encode(raw);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 8192) bin += String.fromCharCode(...bytes.subarray(i, i + 8192));
  const once = rawUnescape(bin);
  const low = new Uint8Array(once.length);
  for (let i = 0; i < once.length; i++) low[i] = once.charCodeAt(i) & 0xff;
  return unescapeXml(utf8.decode(low), true);
}

function xlfn(f: string): string {
  return f.indexOf("_xlfn.") >= 0 ? f.replace(/_xlfn\./g, "") : f;
}

// ---------------------------------------------------------------------------------------------
// Shared strings

const SI_OPEN_RE = /<(?:\w+:)?(?:si|sstItem)>/g;
const SI_CLOSE_RE = /<\/(?:\w+:)?(?:si|sstItem)>/;
const PLAIN_T_RE = /^\s*<(?:\w+:)?t[^>]*>/;
const T_CLOSE_RE = /<\/(?:\w+:)?t>/;
const RICH_R_RE = /<(?:\w+:)?r\b[^<>]*>/;
const SI_T_RE = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;

/** Removes every <tag>…</tag> (SheetJS str_remove_xml_ns_g); null when one is left open. */
function removeXml(str: string, tag: string): string | null {
  const open = new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>`, "g");
  const close = new RegExp(`</(?:\\w+:)?${tag}>`, "g");
  const out: string[] = [];
  let ef = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(str))) {
    out.push(str.slice(ef, m.index));
    close.lastIndex = open.lastIndex;
    if (!close.exec(str)) return null;
    ef = close.lastIndex;
    open.lastIndex = close.lastIndex;
  }
  out.push(str.slice(ef));
  return out.join("");
}

/** Text of one <si> (or <is>) body as SheetJS parse_si gives it; undefined where SheetJS gives none. */
function siText(x: string): string | undefined {
  if (!x) return "";
  // Fast path: <t>text</t> or <t xml:space="preserve">text</t>, the common shape.
  if (x.charCodeAt(0) === 60 && x.charCodeAt(1) === 116) {
    const c2 = x.charCodeAt(2);
    if (c2 === 62 || c2 === 32) {
      const gt = x.indexOf(">");
      const lt = x.indexOf("<", gt);
      if (lt > 0 && x.charCodeAt(lt + 1) === 47 && x.charCodeAt(lt + 2) === 116 && x.charCodeAt(lt + 3) === 62) {
        return unescapeXml(x.slice(gt + 1, lt), true);
      }
    }
  }
  if (PLAIN_T_RE.test(x)) return unescapeXml(x.slice(x.indexOf(">") + 1).split(T_CLOSE_RE)[0] || "", true);
  if (RICH_R_RE.test(x)) {
    const noPhonetic = removeXml(x, "rPh");
    if (noPhonetic === null) unsupported("unclosed rPh");
    return unescapeXml((noPhonetic.match(SI_T_RE) || []).join("").replace(TAG_RE, ""), true);
  }
  return undefined;
}

function parseSst(xml: string): Array<string | undefined> {
  const sst = matchXml(xml, "sst");
  if (!sst) return [];
  const body = sst[1];
  // Only unprefixed <si>…</si>, each <si> first in its item: read in place (below).
  if (body.indexOf(":si>") < 0 && body.indexOf("sstItem>") < 0) {
    const out = plainSst(body);
    if (out) return out;
  }
  const parts = body.replace(SI_OPEN_RE, "").split(SI_CLOSE_RE);
  const out = new Array<string | undefined>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = siText(parts[i].trim());
  return out;
}

/** The characters String.prototype.trim removes (WhiteSpace and LineTerminator). */
function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * What the general path above gives (every <si> removed, the rest split at </si>, each part
 * trimmed, then siText), without making the body again and a string per part: the items are found
 * in place and only their text is cut out. Null (use the general path) when a <si> is anywhere but
 * first in its item: removing it could then join text around it.
 */
function plainSst(body: string): Array<string | undefined> | null {
  const out: Array<string | undefined> = [];
  let from = 0;
  let nextOpen = body.indexOf("<si>");
  for (;;) {
    const close = body.indexOf("</si>", from);
    const end = close < 0 ? body.length : close;
    let s = from;
    while (s < end && isTrimmed(body.charCodeAt(s))) s++;
    if (nextOpen === s && s + 4 <= end) {
      s += 4;
      nextOpen = body.indexOf("<si>", s);
    }
    if (nextOpen >= 0 && nextOpen < end) return null;
    while (s < end && isTrimmed(body.charCodeAt(s))) s++;
    let e = end;
    while (e > s && isTrimmed(body.charCodeAt(e - 1))) e--;
    out.push(siTextIn(body, s, e));
    if (close < 0) return out;
    from = close + 5;
  }
}

/** siText of body[s, e), the common <t>text</t> shape read in place. */
function siTextIn(x: string, s: number, e: number): string | undefined {
  if (s === e) return "";
  if (x.charCodeAt(s) === 60 && x.charCodeAt(s + 1) === 116) {
    const c2 = x.charCodeAt(s + 2);
    if (c2 === 62 || c2 === 32) {
      const gt = x.indexOf(">", s);
      const lt = gt < 0 ? -1 : x.indexOf("<", gt);
      if (lt > 0 && lt + 4 === e && x.charCodeAt(lt + 1) === 47 && x.charCodeAt(lt + 2) === 116 && x.charCodeAt(lt + 3) === 62) {
        return unescapeXml(x.slice(gt + 1, lt), true);
      }
    }
  }
  return siText(x.slice(s, e));
}

// ---------------------------------------------------------------------------------------------
// Styles: number format code per cellXfs index

function removeComments(str: string): string {
  let si = str.indexOf("<!--");
  if (si === -1) return str;
  const out: string[] = [];
  let last = 0;
  while (si > -1) {
    out.push(str.slice(last, si));
    const ei = str.indexOf("-->", si + 4);
    if (ei === -1) break;
    if ((si = str.indexOf("<!--", (last = ei + 3))) === -1) out.push(str.slice(last));
  }
  return out.join("");
}

/** For each cellXfs index, the format SheetJS puts in `z`, or undefined for General / unknown ids. */
function parseStyles(xml: string | undefined): Array<string | undefined> {
  const table: Record<number, string> = { ...BUILTIN_FORMATS };
  const zOf: Array<string | undefined> = [];
  if (!xml) return zOf;
  const data = removeComments(xml);
  if (data.slice(0, 1024).indexOf("<!DOCTYPE") >= 0) unsupported("DOCTYPE in styles");
  let numberFmt: Array<string | undefined> | undefined;
  const nf = matchXml(data, "numFmts");
  if (nf) {
    numberFmt = [];
    for (const k of Object.keys(table)) numberFmt[Number(k)] = table[Number(k)];
    for (const t of nf[0].match(TAG_RE) || []) {
      const y = parseTag(t);
      if (stripNs(y[0] ?? "") !== "<numFmt") continue;
      const f = unescapeXml(y.formatCode ?? "undefined", false);
      let j = parseInt(y.numFmtId, 10);
      numberFmt[j] = f;
      if (j > 0) {
        if (j > 0x188) {
          for (j = 0x188; j > 0x3c; --j) if (numberFmt[j] == null) break;
          numberFmt[j] = f;
        }
        table[j] = BAD_FORMATS[f] || f;
      }
    }
  }
  const xfs = matchXml(data, "cellXfs");
  if (!xfs) return zOf;
  for (const t of xfs[0].match(TAG_RE) || []) {
    const y = parseTag(t);
    const n = stripNs(y[0] ?? "");
    if (n !== "<xf" && n !== "<xf/>" && n !== "<xf>") continue;
    let id: number | undefined = y.numFmtId ? parseInt(y.numFmtId, 10) : undefined;
    if (numberFmt && id !== undefined && id > 0x188) {
      for (let i = 0x188; i > 0x3c; --i) {
        if (numberFmt[id] == numberFmt[i]) {
          id = i;
          break;
        }
      }
    }
    const z = table[id ?? 0];
    zOf.push(z === undefined || z === "General" ? undefined : z);
  }
  return zOf;
}

// ---------------------------------------------------------------------------------------------
// Shared formulas: SheetJS shift_formula_xlsx

const CREF_RE =
  /(^|[^._A-Z0-9])([$]?)([A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])([$]?)(10[0-3]\d{4}|104[0-7]\d{3}|1048[0-4]\d{2}|10485[0-6]\d|104857[0-6]|[1-9]\d{0,5})(?![_.(A-Za-z0-9])/g;

function decodeCol(s: string): number {
  let d = 0;
  for (let i = 0; i < s.length; i++) d = 26 * d + s.charCodeAt(i) - 64;
  return d - 1;
}

function encodeCol(col: number): string {
  if (col < 0) unsupported("shared formula shifted before column A"); // SheetJS drops the sheet
  let s = "";
  for (let c = col + 1; c; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(((c - 1) % 26) + 65) + s;
  return s;
}

function shiftFormula(f: string, dr: number, dc: number): string {
  return f.replace(CREF_RE, (_all: string, pre: string, cAbs: string, col: string, rAbs: string, row: string) => {
    const c = cAbs === "$" ? cAbs + col : encodeCol(decodeCol(col) + dc);
    const r = rAbs === "$" ? rAbs + row : String(parseInt(row, 10) - 1 + dr + 1);
    return pre + c + r;
  });
}

// ---------------------------------------------------------------------------------------------
// Worksheet scanner

const T_NONE = 0;
const T_N = 1;
const T_S = 2;
const T_STR = 3;
const T_INLINE = 4;
const T_B = 5;
const T_E = 6;
const T_D = 7;
const T_OTHER = 8;

const POW10: number[] = [];
for (let i = 0; i <= 22; i++) POW10.push(Number(`1e${i}`));

const ERROR_TEXTS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"]);

const MERGE_RE = /<(?:\w+:)?mergeCell ref=["'][A-Z0-9:]+['"]\s*[/]?>/g;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** SheetJS safe_decode_range. */
function decodeRange(range: string): RangeBox {
  let i = 0;
  let cc = 0;
  let idx = 0;
  const len = range.length;
  for (idx = 0; i < len; ++i) {
    if ((cc = range.charCodeAt(i) - 64) < 1 || cc > 26) break;
    idx = 26 * idx + cc;
  }
  const c0 = --idx;
  for (idx = 0; i < len; ++i) {
    if ((cc = range.charCodeAt(i) - 48) < 0 || cc > 9) break;
    idx = 10 * idx + cc;
  }
  const r0 = --idx;
  if (i === len || cc != 10) return { r0, c0, r1: r0, c1: c0 };
  ++i;
  for (idx = 0; i != len; ++i) {
    if ((cc = range.charCodeAt(i) - 64) < 1 || cc > 26) break;
    idx = 26 * idx + cc;
  }
  const c1 = --idx;
  for (idx = 0; i != len; ++i) {
    if ((cc = range.charCodeAt(i) - 48) < 0 || cc > 9) break;
    idx = 10 * idx + cc;
  }
  const r1 = --idx;
  return { r0, c0, r1, c1 };
}

type Rows = Array<Array<Cell | undefined> | undefined>;

/** A cell beyond row 1,048,576 or column XFD: no Excel wrote it, and scans must not span to it. */
export function outsideGrid(row: number, col: number): SheetUnreadable {
  const where = row >= EXCEL_MAX_ROWS ? `行号 ${row + 1}` : `列号 ${col + 1}`;
  const whereEn = row >= EXCEL_MAX_ROWS ? `row ${row + 1}` : `column ${col + 1}`;
  return new SheetUnreadable(`单元格地址超出 Excel 的范围（${where}；最多 ${EXCEL_MAX_ROWS} 行 × ${EXCEL_MAX_COLS} 列），文件可能已损坏`, `a cell address is outside Excel's grid (${whereEn}; at most ${EXCEL_MAX_ROWS} rows × ${EXCEL_MAX_COLS} columns); the file may be corrupt`);
}

export function tooManyCells(): SheetUnreadable {
  return new SheetUnreadable(`工作表过大（单元格超过 ${MAX_CELLS.toLocaleString("en")} 个）`, `the sheet is too large to read (more than ${MAX_CELLS.toLocaleString("en")} cells in the workbook)`);
}

/** Refuses a sheet whose rows, scanned across, would take more than MAX_ROW_SPAN steps. */
export function checkSpan(rows: Rows): void {
  let span = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row) span += row.length;
  }
  if (span > MAX_ROW_SPAN) {
    throw new SheetUnreadable(`工作表过大（各行跨越的单元格共 ${span.toLocaleString("en")} 个，上限 ${MAX_ROW_SPAN.toLocaleString("en")}）`, `the sheet is too large to read (its rows span ${span.toLocaleString("en")} cells, the limit is ${MAX_ROW_SPAN.toLocaleString("en")})`);
  }
}

class SheetScanner {
  private readonly x: string;
  private readonly sst: Array<string | undefined>;
  private readonly zOf: Array<string | undefined>;
  private readonly maxRows: number;
  readonly rows: Rows = [];
  /** A1 addresses of formula cells stored without a cached value. */
  readonly uncalculated: string[] = [];
  /** Cells pointing at a shared string that is not there (the part missing or cut short). */
  missingText = 0;
  private readonly shared: Array<[string, number, number] | undefined> = [];

  /**
   * The row being read: its cells and their columns in the order read, made into the row's array
   * when the row ends (endRow). `curPrev` is the array of the same row met earlier (a row written
   * twice), else undefined; `curMax` the highest column so far.
   */
  private curRow = -1;
  private curN = 0;
  private curMax = -1;
  private curPrev: Array<Cell | undefined> | undefined;
  private readonly curCells: Cell[] = [];
  private readonly curCols: number[] = [];
  // per cell, filled by scanCell and scanChildren for the general path
  private cc = 0;
  private vS = -1;
  private vE = -1;
  private fKind = 0; // 0 none, 1 <f>text</f>, 2 empty <f></f>, 3 self-closing <f/>
  private fS = 0;
  private fE = 0;
  private fT = "";
  private fSi = "";
  private fRef = false;
  private isS = -1;
  private isE = -1;

  private readonly budget: CellBudget;
  private readonly same: SameCells;

  constructor(x: string, sst: Array<string | undefined>, zOf: Array<string | undefined>, maxRows: number, budget: CellBudget, same: SameCells) {
    this.budget = budget;
    this.same = same;
    this.x = x;
    this.sst = sst;
    this.zOf = zOf;
    this.maxRows = maxRows;
  }

  scan(start: number, end: number): void {
    const x = this.x;
    let i = start;
    let tagr = 0;
    let tagc = -1;
    while (i < end) {
      const lt = x.indexOf("<", i);
      if (lt < 0 || lt >= end) break;
      let p = lt + 1;
      const c1 = x.charCodeAt(p);
      if (c1 === 99 && x.charCodeAt(p + 1) === 32) {
        i = this.scanCell(p + 1, tagr, tagc);
        tagc = this.cc;
        continue;
      }
      if (c1 === 114 && x.startsWith('ow r="', p + 1)) {
        // the common row shape <row r="N" …>: only r matters, the rest is skipped in one search
        let k = p + 7;
        let r = 0;
        let d = x.charCodeAt(k);
        const ds = k;
        while (d >= 48 && d <= 57) {
          r = r * 10 + d - 48;
          d = x.charCodeAt(++k);
        }
        if (d === 34 && k > ds) {
          const gt = x.indexOf(">", k);
          if (gt < 0) unsupported("unterminated row");
          i = gt + 1;
          if (x.charCodeAt(gt - 1) === 47) continue; // self-closing: not counted, as in SheetJS
          tagr = r;
          tagc = -1;
          if (tagr > this.maxRows) {
            const e = x.indexOf("</row>", i);
            i = e < 0 || e >= end ? end : e;
          }
          continue;
        }
      }
      if (c1 === 47) {
        // a closing tag (</row>)
        i = x.indexOf(">", p) + 1;
        if (x.charCodeAt(p + 1) !== 114 && x.startsWith("sheetData>", i - 10)) unsupported("a second </sheetData>");
        if (i === 0) unsupported("unterminated tag");
        continue;
      }
      if (c1 === 33 || c1 === 63) unsupported("comment or PI in sheetData");
      // local name, prefix dropped
      let ns = p;
      while (p < end) {
        const c = x.charCodeAt(p);
        if (c === 62 || c === 47 || isSpace(c)) break;
        if (c === 58) ns = p + 1;
        p++;
      }
      const nameLen = p - ns;
      if (nameLen === 1 && x.charCodeAt(ns) === 99) {
        i = this.scanCell(p, tagr, tagc);
        tagc = this.cc;
        continue;
      }
      if (nameLen === 3 && x.startsWith("row", ns)) {
        // row attributes: only r matters
        const qname = x.slice(lt + 1, p);
        let r = 0;
        let hasR = false;
        let self = false;
        for (;;) {
          let c = x.charCodeAt(p);
          while (isSpace(c)) c = x.charCodeAt(++p);
          if (c === 62) {
            p++;
            break;
          }
          if (c === 47) {
            self = true;
            p = x.indexOf(">", p) + 1;
            break;
          }
          const an = p;
          while (x.charCodeAt(p) !== 61 && !isSpace(x.charCodeAt(p))) {
            if (p >= end) unsupported("unterminated row");
            p++;
          }
          const anEnd = p;
          while (isSpace(x.charCodeAt(p))) p++;
          if (x.charCodeAt(p) !== 61) unsupported("attribute without value");
          p++;
          while (isSpace(x.charCodeAt(p))) p++;
          const q = x.charCodeAt(p);
          if (q !== 34 && q !== 39) unsupported("unquoted attribute");
          const vs = p + 1;
          const ve = x.indexOf(q === 34 ? '"' : "'", vs);
          if (ve < 0) unsupported("unterminated attribute");
          p = ve + 1;
          if (anEnd - an === 1 && x.charCodeAt(an) === 114) {
            hasR = true;
            r = parseInt(x.slice(vs, ve), 10);
          } else if (localIs(x, an, anEnd, "r")) unsupported("prefixed row attribute");
        }
        if (self) {
          // SheetJS skips self-closing rows without counting them for rows that lack r
          i = p;
          continue;
        }
        tagr = hasR ? r : tagr + 1;
        tagc = -1;
        if (tagr > this.maxRows) {
          // SheetJS drops every cell of a row past the limit
          const e = x.indexOf(`</${qname}>`, p);
          i = e < 0 || e >= end ? end : e;
          continue;
        }
        i = p;
        continue;
      }
      unsupported(`unexpected element in sheetData at ${lt}`);
    }
  }

  /** Scans one <c …> from just after its name; returns the index after the cell. Sets this.cc. */
  private scanCell(start: number, tagr: number, tagc: number): number {
    const x = this.x;
    let p = start;
    let row = -1;
    let col = -1;
    let ct = T_NONE;
    let cs = -1;
    let self = false;
    for (;;) {
      let c = x.charCodeAt(p);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = x.charCodeAt(++p);
      if (c === 62) {
        p++;
        break;
      }
      if (c === 47) {
        self = true;
        p = x.indexOf(">", p) + 1;
        break;
      }
      if (x.charCodeAt(p + 1) === 61 && x.charCodeAt(p + 2) === 34) {
        // the common shape: a one-letter attribute, no spaces, double quotes
        let k = p + 3;
        let d = x.charCodeAt(k);
        if (c === 114) {
          let cc = 0;
          while (d >= 65 && d <= 90) {
            cc = cc * 26 + d - 64;
            d = x.charCodeAt(++k);
          }
          const ds = k;
          let rr = 0;
          while (d >= 48 && d <= 57) {
            rr = rr * 10 + d - 48;
            d = x.charCodeAt(++k);
          }
          if (d !== 34 || cc === 0 || k === ds || rr === 0) unsupported("odd cell reference");
          row = rr - 1;
          col = cc - 1;
          p = k + 1;
          continue;
        }
        if (c === 115) {
          const ds = k;
          let v = 0;
          while (d >= 48 && d <= 57) {
            v = v * 10 + d - 48;
            d = x.charCodeAt(++k);
          }
          if (d !== 34 || k === ds) unsupported("odd s");
          cs = v;
          p = k + 1;
          continue;
        }
        if (c === 116) {
          const ve = x.indexOf('"', k);
          ct = cellType(x, k, ve);
          p = ve + 1;
          continue;
        }
      }
      p = skipAttribute(x, p);
    }
    if (col < 0) {
      col = tagc + 1;
      row = tagr - 1;
      if (!(row >= 0)) unsupported("cell without a row number");
    }
    this.cc = col;
    if (self) {
      if (ct === T_NONE) return p; // no value, no type: SheetJS skips it
      this.vS = this.vE = -1;
      this.fKind = 0;
      this.isS = -1;
      this.emit(row, col, ct, cs);
      return p;
    }
    // fast path: <v>…</v></c> and nothing else
    if (x.charCodeAt(p) === 60 && x.charCodeAt(p + 1) === 118 && x.charCodeAt(p + 2) === 62) {
      const vS = p + 3;
      const vE = x.indexOf("<", vS);
      if (
        vE > vS &&
        x.charCodeAt(vE + 1) === 47 &&
        x.charCodeAt(vE + 2) === 118 &&
        x.charCodeAt(vE + 3) === 62 &&
        x.charCodeAt(vE + 4) === 60 &&
        x.charCodeAt(vE + 5) === 47 &&
        x.charCodeAt(vE + 6) === 99 &&
        x.charCodeAt(vE + 7) === 62
      ) {
        if (ct === T_NONE || ct === T_N) {
          this.put(row, col, this.numberCell(this.number(vS, vE), cs));
          return vE + 8;
        }
        if (ct === T_S) {
          let idx = 0;
          let k = vS;
          for (; k < vE; k++) {
            const d = x.charCodeAt(k) - 48;
            if (d < 0 || d > 9) break;
            idx = idx * 10 + d;
          }
          if (k === vE) {
            const v = this.sst[idx];
            if (v === undefined) {
              if (idx < this.sst.length) unsupported("shared string without text");
              this.missingText++; // the shared strings part is missing or cut short: the text is lost, the numbers are not
              return vE + 8;
            }
            if (v === "") {
              this.dropAt(row, col);
            } else {
              this.put(row, col, this.textCell(v, idx, cs));
            }
            return vE + 8;
          }
        }
      }
    }
    this.vS = this.vE = -1;
    this.fKind = 0;
    this.isS = -1;
    p = this.scanChildren(p);
    this.emit(row, col, ct, cs);
    return p;
  }

  /** The number format of style `cs`: undefined for none (no style, or an index past the styles). */
  private formatOf(cs: number): string | undefined {
    return cs >= 0 ? this.zOf[cs] : undefined;
  }

  /** A new plain cell: {v}, or {v, z} with style `cs`'s format. */
  private plainCell(v: number | string, cs: number): Cell {
    const z = this.formatOf(cs);
    return z === undefined ? { v } : { v, z };
  }

  /** The cell {v, z} of a plain number in style `cs`: one object for every such cell of the workbook. */
  private numberCell(v: number, cs: number): Cell {
    if (v === 0 && 1 / v < 0) return this.plainCell(v, cs); // -0: a Map key would make it 0
    const byStyle = this.same.numbers;
    const m = (byStyle[cs + 1] ??= new Map<number, Cell>());
    let cell = m.get(v);
    if (cell === undefined) {
      cell = this.plainCell(v, cs);
      m.set(v, cell);
    }
    return cell;
  }

  /** The cell {v, z} of shared string `idx` in style `cs`: one object for every such cell of the workbook. */
  private textCell(v: string, idx: number, cs: number): Cell {
    // Keyed by (string, style) in one map: it holds at most one entry a cell read, where an array
    // of the shared strings' length for each style used would grow with styles × strings (a
    // workbook of 500 styles and 200,000 strings: 100 million slots).
    // A style index past the styles has no format: the same cell as none (and no key collision).
    const key = idx * this.styleSpan + (cs >= 0 && cs < this.zOf.length ? cs + 1 : 0);
    const m = this.same.texts;
    let cell = m.get(key);
    if (cell === undefined) {
      cell = this.plainCell(v, cs);
      m.set(key, cell);
    }
    return cell;
  }

  /** How many style indexes there are, and one for "no style": the stride of textCell's keys. */
  private get styleSpan(): number {
    return this.zOf.length + 1;
  }

  private put(row: number, col: number, cell: Cell): void {
    if (row >= EXCEL_MAX_ROWS || col >= EXCEL_MAX_COLS) throw outsideGrid(row, col);
    if (row >= this.maxRows) return; // dropped as rows past the limit are (SheetJS sheetRows)
    if (--this.budget.cells < 0) throw tooManyCells();
    if (row !== this.curRow) {
      this.endRow();
      this.curRow = row;
      this.curPrev = this.rows[row];
    }
    if (this.curPrev?.[col] !== undefined || (col <= this.curMax && this.curHas(col))) unsupported("two cells at one address");
    const n = this.curN++;
    this.curCells[n] = cell;
    this.curCols[n] = col;
    if (col > this.curMax) this.curMax = col;
  }

  /** Whether the row being read holds a cell at `col`. */
  private curHas(col: number): boolean {
    const cols = this.curCols;
    for (let i = 0; i < this.curN; i++) if (cols[i] === col) return true;
    return false;
  }

  /**
   * The row just finished, made into an array of its own length at once: one grown a cell at a time
   * got room for 17 or more and was copied to its length when the row ended (the 100,000-row bench
   * workbook: ~20 MB of arrays made only to be dropped). A row met before gets the new cells added
   * to its array; a long one (a far column) is filled as it was read, as before.
   */
  endRow(): void {
    const n = this.curN;
    if (n === 0) return;
    const cells = this.curCells;
    const cols = this.curCols;
    const len = this.curMax + 1;
    let out = this.curPrev;
    if (out) {
      for (let i = 0; i < n; i++) out[cols[i]] = cells[i];
      if (out.length <= 64) out = out.slice();
    } else {
      out = len <= 64 ? new Array<Cell | undefined>(len) : [];
      for (let i = 0; i < n; i++) out[cols[i]] = cells[i];
    }
    this.rows[this.curRow] = out;
    this.curN = 0;
    this.curMax = -1;
    this.curRow = -1;
    this.curPrev = undefined;
  }

  private scanChildren(start: number): number {
    const x = this.x;
    let p = start;
    for (;;) {
      const lt = x.indexOf("<", p);
      if (lt < 0) unsupported("unterminated cell");
      let k = lt + 1;
      const closing = x.charCodeAt(k) === 47;
      if (closing) k++;
      let ns = k;
      while (k < x.length) {
        const c = x.charCodeAt(k);
        if (c === 62 || c === 47 || isSpace(c)) break;
        if (c === 58) ns = k + 1;
        k++;
      }
      const n0 = x.charCodeAt(ns);
      const nameLen = k - ns;
      if (closing) {
        const gt = x.indexOf(">", k);
        if (nameLen === 1 && n0 === 99) return gt + 1;
        unsupported("unexpected closing tag in cell");
      }
      if (nameLen === 1 && n0 === 118) {
        // <v>
        const gt = x.indexOf(">", k);
        if (x.charCodeAt(gt - 1) === 47) {
          p = gt + 1;
          continue;
        }
        const vs = gt + 1;
        const ve = x.indexOf("<", vs);
        if (ve < 0 || x.charCodeAt(ve + 1) !== 47) unsupported("markup inside <v>");
        if (this.vS < 0 && ve > vs) {
          this.vS = vs;
          this.vE = ve;
        }
        p = x.indexOf(">", ve) + 1;
        continue;
      }
      if (nameLen === 1 && n0 === 102) {
        p = this.scanFormula(k);
        continue;
      }
      if (nameLen === 2 && n0 === 105 && x.charCodeAt(ns + 1) === 115) {
        // <is>…</is>
        const gt = x.indexOf(">", k);
        if (x.charCodeAt(gt - 1) === 47) unsupported("empty <is/>");
        const m = /<\/(?:\w+:)?is>/g;
        m.lastIndex = gt + 1;
        const e = m.exec(x);
        if (!e) unsupported("unterminated <is>");
        this.isS = gt + 1;
        this.isE = e.index;
        p = m.lastIndex;
        continue;
      }
      unsupported("unexpected element in cell");
    }
  }

  private scanFormula(start: number): number {
    const x = this.x;
    const gt = x.indexOf(">", start);
    if (gt < 0) unsupported("unterminated <f>");
    const tag = x.slice(start - 2, gt + 1);
    const first = this.fKind === 0;
    const self = x.charCodeAt(gt - 1) === 47;
    let fS = gt + 1;
    let fE = fS;
    let after = gt + 1;
    if (!self) {
      fE = x.indexOf("<", fS);
      if (fE < 0 || x.charCodeAt(fE + 1) !== 47) unsupported("markup inside <f>");
      after = x.indexOf(">", fE) + 1;
    } else fS = fE = gt + 1;
    if (first) {
      this.fKind = self ? 3 : fE > fS ? 1 : 2;
      this.fS = fS;
      this.fE = fE;
      if (tag.indexOf(" ") > 0) {
        const a = parseTag(tag);
        this.fT = a.t ?? "";
        this.fSi = a.si ?? "";
        this.fRef = a.ref !== undefined;
        if (tag.indexOf("'") >= 0) unsupported("single-quoted formula attributes");
      } else {
        this.fT = "";
        this.fSi = "";
        this.fRef = false;
      }
    } else unsupported("two formulas in one cell");
    return after;
  }

  private emit(row: number, col: number, ct: number, cs: number): void {
    const x = this.x;
    // formula (SheetJS cellFormula)
    let f: string | undefined;
    if (this.fKind === 1) {
      const raw = x.slice(this.fS, this.fE);
      f = xlfn(unescapeXml(raw, true));
      if (this.fT === "array") {
        if (!this.fRef) unsupported("array formula without ref");
      } else if (this.fT === "shared") {
        const si = parseInt(this.fSi, 10);
        this.shared[si] = [xlfn(unescapeXml(raw, false)), row, col];
      }
    } else if (this.fKind === 2 || this.fKind === 3) {
      if (this.fKind === 3 || this.fT === "shared") {
        const m = this.fSi === "" ? undefined : this.shared[this.fSi as unknown as number];
        if (m) f = shiftFormula(m[0], row - m[1], col - m[2]);
      }
    }
    const hasV = this.vS >= 0;
    let t = ct;
    if (t === T_NONE) {
      if (!hasV) {
        // SheetJS: no value, no type → nothing (even with a formula). A formula without its cached
        // value (a file written by a script, never opened in Excel) is noted: it reads as blank.
        if (f && row < this.maxRows) this.uncalculated.push(a1(row, col));
        return;
      }
      t = T_N;
    }
    let cell: Cell | undefined;
    switch (t) {
      case T_N: {
        if (!hasV) {
          if (f && row < this.maxRows) this.uncalculated.push(a1(row, col));
          return;
        }
        const v = this.number(this.vS, this.vE);
        cell = { v };
        const z = this.formatOf(cs);
        if (z !== undefined) cell.z = z;
        if (f) cell.f = f;
        break;
      }
      case T_S:
      case T_STR:
      case T_INLINE: {
        let v: string | undefined;
        if (t === T_S) {
          if (!hasV) return;
          const idx = parseInt(this.valueText(), 10);
          v = this.sst[idx];
          if (v === undefined) {
            if (!(idx >= this.sst.length)) unsupported("shared string without text");
            this.missingText++;
            return;
          }
        } else if (t === T_STR) {
          v = hasV ? strValue(x.slice(this.vS, this.vE)) : "";
        } else {
          v = this.isS >= 0 ? siText(x.slice(this.isS, this.isE)) : "";
          if (v === undefined) unsupported("inline string without text");
        }
        if (v === "" && !f) {
          this.dropAt(row, col);
          return;
        }
        cell = { v };
        const z = this.formatOf(cs);
        if (z !== undefined) cell.z = z;
        if (f) {
          cell.f = f;
          if (isErrorText(v)) cell.error = true;
        }
        break;
      }
      case T_B: {
        const s = hasV ? this.valueText() : undefined;
        cell = { v: s === "1" || s === "true" };
        if (f) cell.f = f;
        break;
      }
      case T_E: {
        const s = hasV ? this.valueText() : "";
        cell = { v: ERROR_TEXTS.has(s) ? s : "#VALUE!", error: true };
        if (f) cell.f = f;
        break;
      }
      case T_D:
        unsupported("date-typed cell");
        break;
      default:
        if (!f) {
          this.dropAt(row, col);
          return;
        }
        cell = { v: null, f };
    }
    this.put(row, col, cell);
  }

  /** A cell SheetJS stores but the snapshot drops: it would have replaced an earlier one at the address. */
  private dropAt(row: number, col: number): void {
    if (this.rows[row]?.[col] !== undefined || (row === this.curRow && col <= this.curMax && this.curHas(col))) unsupported("two cells at one address");
  }

  private valueText(): string {
    return unescapeXml(this.x.slice(this.vS, this.vE), false);
  }

  /** parseFloat of the <v> text; exact fast path for up to 15 digits without exponent. */
  private number(vS: number, e: number): number {
    const x = this.x;
    let k = vS;
    let neg = false;
    if (x.charCodeAt(k) === 45) {
      neg = true;
      k++;
    }
    let m = 0;
    let digits = 0;
    let frac = -1;
    let ok = k < e;
    for (; k < e; k++) {
      const c = x.charCodeAt(k);
      if (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48);
        digits++;
        if (frac >= 0) frac++;
      } else if (c === 46 && frac < 0) {
        frac = 0;
      } else {
        ok = false;
        break;
      }
    }
    if (ok && digits > 0 && digits <= 15) {
      const v = frac > 0 ? m / POW10[frac] : m;
      return neg ? -v : v;
    }
    return parseFloat(unescapeXml(x.slice(vS, e), false));
  }
}

/** Whether the attribute name x[an, anEnd) is prefix:local. */
/** Skips one attribute of any shape; an r, s or t written unusually is left to SheetJS. */
function skipAttribute(x: string, start: number): number {
  let p = start;
  const an = p;
  while (x.charCodeAt(p) !== 61 && !isSpace(x.charCodeAt(p))) {
    if (p >= x.length) unsupported("unterminated tag");
    p++;
  }
  const anEnd = p;
  if (anEnd - an === 1 || localIs(x, an, anEnd, "r") || localIs(x, an, anEnd, "s") || localIs(x, an, anEnd, "t")) {
    const c = x.charCodeAt(an);
    if (anEnd - an !== 1 || c === 114 || c === 115 || c === 116) unsupported("cell attribute written unusually");
  }
  while (isSpace(x.charCodeAt(p))) p++;
  if (x.charCodeAt(p) !== 61) unsupported("attribute without value");
  p++;
  while (isSpace(x.charCodeAt(p))) p++;
  const q = x.charCodeAt(p);
  if (q !== 34 && q !== 39) unsupported("unquoted attribute");
  const ve = x.indexOf(q === 34 ? '"' : "'", p + 1);
  if (ve < 0) unsupported("unterminated attribute");
  return ve + 1;
}

function localIs(x: string, an: number, anEnd: number, local: string): boolean {
  const colon = anEnd - local.length - 1;
  return colon > an && x.charCodeAt(colon) === 58 && x.startsWith(local, colon + 1);
}

function cellType(x: string, vs: number, ve: number): number {
  const len = ve - vs;
  const c = x.charCodeAt(vs);
  if (len === 1) {
    if (c === 110) return T_N;
    if (c === 115) return T_S;
    if (c === 98) return T_B;
    if (c === 101) return T_E;
    if (c === 100) return T_D;
    return T_OTHER;
  }
  if (len === 0) return T_NONE; // t="" behaves as no type in SheetJS (tag.t || "n")
  if (len === 3 && x.startsWith("str", vs)) return T_STR;
  if (len === 9 && x.startsWith("inlineStr", vs)) return T_INLINE;
  return T_OTHER;
}

function parseSheet(xml: string, sst: Array<string | undefined>, zOf: Array<string | undefined>, maxRows: number, budget: CellBudget, same: SameCells): { rows: Rows; merges: RangeBox[]; uncalculated: string[]; missingText: number } {
  const open = /<(?:\w+:)?sheetData\b[^<>]*>/g;
  const m = open.exec(xml);
  let rows: Rows = [];
  let uncalculated: string[] = [];
  let missingText = 0;
  let after = xml;
  if (m) {
    // searched from the end: one sheetData per sheet, and the scanner refuses a second closing tag
    let closeAt = xml.lastIndexOf("</sheetData>");
    if (closeAt < open.lastIndex) closeAt = -1;
    let closeEnd = closeAt + 12;
    if (closeAt < 0) {
      const close = /<\/(?:\w+:)?sheetData>/g;
      close.lastIndex = open.lastIndex;
      const e = close.exec(xml);
      closeAt = e ? e.index : -1;
      closeEnd = close.lastIndex;
    }
    if (closeAt >= 0) {
      if (xml.charCodeAt(open.lastIndex - 2) !== 47) {
        const scanner = new SheetScanner(xml, sst, zOf, maxRows, budget, same);
        scanner.scan(open.lastIndex, closeAt);
        scanner.endRow();
        rows = scanner.rows;
        uncalculated = scanner.uncalculated;
        missingText = scanner.missingText;
        checkSpan(rows);
      } else unsupported("self-closing sheetData before a closing one");
      after = xml.slice(closeEnd);
    }
  }
  const merges: RangeBox[] = [];
  const found = after.match(MERGE_RE);
  if (found) for (const one of found) merges.push(decodeRange(one.slice(one.indexOf("=") + 2)));
  return { rows, merges, uncalculated, missingText };
}

// ---------------------------------------------------------------------------------------------
// Zip: the central directory is read here and only the parts asked for are inflated, natively in
// Node (zlib is several times faster than a JavaScript inflate on a 30 MB sheet), with fflate elsewhere.

type InflateRaw = (data: Uint8Array, size: number) => Uint8Array;

/**
 * Inflates a part into exactly `size` bytes, never more: a stream that would give more (a zip bomb
 * whose directory lies about the size) stops there and throws, as does a broken stream.
 */
function pickInflate(): InflateRaw {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const zlib = proc?.getBuiltinModule?.("zlib") as { inflateRawSync?: (d: Uint8Array, o?: { maxOutputLength?: number; chunkSize?: number }) => Uint8Array } | undefined;
  if (zlib?.inflateRawSync) {
    const native = zlib.inflateRawSync.bind(zlib);
    // One output buffer a byte larger than the part: Node's default 16 KB chunks were gathered and
    // copied together again (a 30 MB sheet: 1,900 buffers and a Buffer.concat of 30 MB). The spare
    // byte keeps zlib from asking for a second buffer; a longer stream still throws.
    return (data, size) => native(data, { maxOutputLength: Math.max(1, size), chunkSize: Math.max(64, size + 1) });
  }
  return inflateBounded;
}

/** fflate's streaming inflate fed in slices, so that the output can be cut off at `size` bytes. */
function inflateBounded(data: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let n = 0;
  const inf = new Inflate((chunk) => {
    if (n + chunk.length > size) throw new Error("inflated data longer than declared");
    out.set(chunk, n);
    n += chunk.length;
  });
  const STEP = 16384;
  for (let i = 0; i < data.length; i += STEP) inf.push(data.subarray(i, Math.min(data.length, i + STEP)), i + STEP >= data.length);
  if (data.length === 0) inf.push(data, true);
  return n === size ? out : out.subarray(0, n);
}

let inflateRaw: InflateRaw | undefined;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  csize: number;
  usize: number;
  offset: number;
}

/** A zip part over MAX_PART_BYTES (or the workbook over MAX_TOTAL_BYTES): the caller says which part. */
export class PartTooLarge extends Error {
  constructor(
    readonly part: string,
    readonly bytes: number,
  ) {
    super(`zip part too large: ${part} (${bytes} bytes)`);
    this.name = "PartTooLarge";
  }
}

/**
 * The zip's central directory, checked whole before anything is inflated: end-of-central-directory
 * record present, every entry inside the file with its local header where the directory says. A file
 * cut short or with broken structure throws InputError("文件不完整或已损坏") here, so that no reader
 * (SheetJS's loops forever on some) ever sees it.
 */
export class ZipReader {
  private readonly b: Uint8Array;
  private readonly entries = new Map<string, ZipEntry>();
  private inflated = 0;

  constructor(b: Uint8Array, readonly fileName: string) {
    this.b = b;
    const bad = (zh: string, en: string): never => {
      throw corruptFile(fileName, zh, en);
    };
    const u16 = (i: number): number => b[i] | (b[i + 1] << 8);
    const u32 = (i: number): number => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
    let e = b.length - 22;
    const stop = Math.max(0, e - 65535);
    while (e >= stop && u32(e) !== 0x06054b50) e--;
    if (e < stop) bad("找不到 zip 目录", "no end of central directory");
    const count = u16(e + 10);
    let p = u32(e + 16);
    if (count === 0xffff || p === 0xffffffff) throw new InputError(`工作簿使用 ZIP64 格式，过大，无法读取：${fileName}`, `the workbook uses ZIP64 (too large to read): ${fileName}`);
    if (p + 46 * count > e) bad("zip 目录不完整", "central directory cut short");
    for (let k = 0; k < count; k++) {
      if (p + 46 > e || u32(p) !== 0x02014b50) bad("zip 目录损坏", "bad central directory");
      const flags = u16(p + 8);
      const nameLen = u16(p + 28);
      const name = strFromU8(b.subarray(p + 46, p + 46 + nameLen), !(flags & 2048));
      const entry: ZipEntry = { name, flags, method: u16(p + 10), csize: u32(p + 20), usize: u32(p + 24), offset: u32(p + 42) };
      const o = entry.offset;
      if (o + 30 > b.length || u32(o) !== 0x04034b50) bad(`${name} 的文件头损坏`, `${name}: bad local header`);
      const start = o + 30 + u16(o + 26) + u16(o + 28);
      if (start + entry.csize > b.length) bad(`${name} 的数据不完整`, `${name}: entry cut short`);
      if (!name.endsWith("/")) this.entries.set(name.toLowerCase().replace(/\\/g, "/"), entry);
      p += 46 + nameLen + u16(p + 30) + u16(p + 32);
    }
  }

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase().replace(/\\/g, "/"));
  }

  /** Declared inflated size of a part. */
  size(path: string): number | undefined {
    return this.entries.get(path.toLowerCase().replace(/\\/g, "/"))?.usize;
  }

  /** Inflated bytes of a part (bounded by MAX_PART_BYTES / MAX_TOTAL_BYTES, else PartTooLarge). */
  get(path: string): Uint8Array | undefined {
    const entry = this.entries.get(path.toLowerCase().replace(/\\/g, "/"));
    return entry ? this.read(entry) : undefined;
  }

  private read(entry: ZipEntry): Uint8Array {
    const b = this.b;
    const o = entry.offset;
    if (entry.flags & 1) throw new InputError(`工作簿中的部件被加密，无法读取：${this.fileName}（${entry.name}）`, `a part of the workbook is encrypted: ${this.fileName} (${entry.name})`);
    if (entry.usize > MAX_PART_BYTES) throw new PartTooLarge(entry.name, entry.usize);
    if (this.inflated + entry.usize > MAX_TOTAL_BYTES) throw new PartTooLarge(entry.name, entry.usize);
    const start = o + 30 + (b[o + 26] | (b[o + 27] << 8)) + (b[o + 28] | (b[o + 29] << 8));
    const data = b.subarray(start, start + entry.csize);
    let out: Uint8Array;
    if (entry.method === 0) out = data;
    else if (entry.method === 8) {
      try {
        out = (inflateRaw ??= pickInflate())(data, entry.usize);
      } catch (e) {
        throw corruptFile(this.fileName, `${entry.name} 无法解压`, `${entry.name} does not inflate: ${(e as Error)?.message ?? e}`);
      }
    } else throw new InputError(`工作簿使用了不支持的压缩方式（${entry.method}）：${this.fileName}`, `unsupported zip compression method ${entry.method}: ${this.fileName}`);
    if (out.length !== entry.usize) throw corruptFile(this.fileName, `${entry.name} 大小不符`, `${entry.name}: size mismatch`);
    this.inflated += out.length;
    return out;
  }

  /**
   * Inflates every part once (within the limits) and lets the bytes go: what the SheetJS fallback
   * needs to be sure of before it is given the file, since it has neither limits nor a way out of
   * some broken streams.
   */
  verifyAll(maxPart = MAX_PART_BYTES): void {
    for (const entry of this.entries.values()) {
      if (entry.usize > maxPart) {
        throw new InputError(
          `工作簿的部件 ${entry.name} 过大（解压后 ${mb(entry.usize)}，上限 ${mb(maxPart)}），无法读取：${this.fileName}`,
          `the part ${entry.name} of the workbook is too large (${mb(entry.usize)} inflated, the limit is ${mb(maxPart)}): ${this.fileName}`,
        );
      }
      this.read(entry);
    }
    this.inflated = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Package

/** Cells still allowed in this workbook (MAX_CELLS in all). */
interface CellBudget {
  cells: number;
}

/**
 * The plain cells (a number or a shared string, with its format, no formula) read so far in this
 * workbook, by style index + 1: a value repeated with the same format is one Cell object at every
 * address that holds it (snapshot.ts: cells are not modified once read). The 100,000-row bench
 * workbook: 444,680 cells in 98,574 objects, ~17 MB less that every young collection of the read
 * copied twice and the old generation then kept.
 */
interface SameCells {
  numbers: Array<Map<number, Cell> | undefined>;
  /** By shared-string index × (styles + 1) + style index + 1. */
  texts: Map<number, Cell>;
}

function tooLarge(zh: string, en: string): { zh: string; en: string } {
  return { zh: `工作表过大（${zh}）`, en: `the sheet is too large to read (${en})` };
}

function decode(data: Uint8Array): string {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[1] === 0xfe && data[2] === 0xff)) unsupported("UTF-16 part");
  return utf8.decode(data);
}

/**
 * Reads .xlsx bytes into a WorkbookSnapshot equal to what the SheetJS path builds.
 * Throws (FastReadUnsupported, or fflate's error on a bad zip) when the caller should use SheetJS.
 */
export function readXlsxFast(bytes: Uint8Array, name: string, maxRows = DEFAULT_MAX_ROWS, zipIn?: ZipReader): WorkbookSnapshot {
  const zip = zipIn ?? new ZipReader(bytes, name);
  const get = (path: string): Uint8Array | undefined => {
    try {
      return zip.get(path);
    } catch (e) {
      if (e instanceof PartTooLarge) {
        throw new InputError(`工作簿的部件 ${e.part} 过大（解压后 ${mb(e.bytes)}），无法读取：${name}`, `the part ${e.part} of the workbook is too large (${mb(e.bytes)} inflated): ${name}`);
      }
      throw e;
    }
  };
  const has = (path: string): boolean => zip.has(path);
  const text = (path: string): string | undefined => {
    const d = get(path);
    return d ? decode(d) : undefined;
  };
  if (has("META-INF/manifest.xml") || has("objectdata.xml")) unsupported("OpenDocument");
  const ctXml = text("[Content_Types].xml");
  if (ctXml === undefined) unsupported("no [Content_Types].xml");

  // [Content_Types].xml: workbook, shared strings and styles parts
  let ctNs: string | undefined;
  const workbooks: string[] = [];
  let sstPath = "";
  let stylePath = "";
  for (const t of ctXml.match(TAG_RE) || []) {
    const y = parseTag(t);
    const n = (y[0] ?? "").replace(/<\w*:/, "<");
    if (n === "<Types") ctNs = y[`xmlns${((y[0] ?? "").match(/<(\w+):/) || ["", ""])[1]}`];
    else if (n === "<Override") {
      const type = y.ContentType;
      if (WORKBOOK_TYPES.has(type)) workbooks.push(y.PartName);
      else if (SST_TYPES.has(type) && !sstPath) sstPath = y.PartName;
      else if (STYLE_TYPES.has(type) && !stylePath) stylePath = y.PartName;
    }
  }
  if (ctNs !== CT_NS) unsupported("content types namespace");
  if (workbooks.length === 0) {
    if (has("xl/workbook.xml")) workbooks.push("xl/workbook.xml");
    else unsupported("no workbook part");
  }
  const wbPath = workbooks[0];
  if (wbPath.slice(-3) === "bin" || sstPath.slice(-4) === ".bin" || stylePath.slice(-4) === ".bin") unsupported("xlsb");
  const front = (p: string): string => (p.charAt(0) === "/" ? p.slice(1) : p);

  if (sstPath && (zip.size(front(sstPath)) ?? 0) > MAX_SST_BYTES) {
    const n = zip.size(front(sstPath)) ?? 0;
    throw new InputError(`工作簿的共享字符串部分过大（解压后 ${mb(n)}，上限 ${mb(MAX_SST_BYTES)}），无法读取：${name}`, `the workbook's shared strings are too large (${mb(n)} inflated, the limit is ${mb(MAX_SST_BYTES)}): ${name}`);
  }
  const sstXml = sstPath ? text(front(sstPath)) : undefined;
  const sst = sstXml ? parseSst(sstXml) : [];
  const zOf = parseStyles(stylePath ? text(front(stylePath)) : undefined);

  // workbook.xml: sheet names, states and relationship ids
  const wbXml = text(front(wbPath));
  if (!wbXml) unsupported("workbook part missing");
  let wbNs: string | undefined;
  const sheets: Array<{ name: string; hidden: number; rid: string | undefined }> = [];
  for (const t of wbXml.match(TAG_RE) || []) {
    const y = parseTag(t);
    const n = stripNs(y[0] ?? "");
    if (n === "<workbook") {
      if (/<\w+:workbook/.test(t)) unsupported("prefixed workbook element");
      wbNs = y.xmlns;
    } else if (n === "<sheet") {
      const hidden = y.state === "hidden" ? 1 : y.state === "veryHidden" ? 2 : 0;
      if (y.name === undefined) unsupported("sheet without a name");
      const sheetName = unescapeXml(y.name, false);
      // SheetJS keys sheets by name: a repeated name would share (and lose) data there
      if (sheets.some((o) => o.name === sheetName)) unsupported("repeated sheet name");
      sheets.push({ name: sheetName, hidden, rid: y.id || y.strRelID });
    }
  }
  if (wbNs === undefined || MAIN_NS.indexOf(wbNs) === -1) unsupported("workbook namespace");

  // workbook relationships
  const slash = wbPath.lastIndexOf("/");
  let relsPath = (wbPath.slice(0, slash + 1) + "_rels/" + wbPath.slice(slash + 1) + ".rels").replace(/^\//, "");
  if (!has(relsPath)) relsPath = "xl/_rels/workbook.xml.rels";
  const relsXml = text(relsPath);
  const rels = new Map<string, { type: string | undefined; target: string }>();
  if (relsXml) {
    for (const t of relsXml.match(TAG_RE) || []) {
      const y = parseTag(t);
      if (y[0] === "<Relationship") rels.set(y.Id, { type: y.Type, target: unescapeXml(y.Target ?? "undefined", false) });
    }
  }

  const out: SheetSnapshot[] = [];
  const budget: CellBudget = { cells: MAX_CELLS };
  const same: SameCells = { numbers: [], texts: new Map() };
  for (const sh of sheets) {
    const rel = sh.rid === undefined ? undefined : rels.get(sh.rid);
    if (!rel) unsupported("sheet without a relationship");
    const visibility = VISIBILITY[sh.hidden];
    const empty = (): SheetSnapshot => ({ name: sh.name, visibility, rows: [], merges: [] });
    const type = rel.type;
    if (type === REL_CS) unsupported("chart sheet");
    if (type && REL_WS.indexOf(type) === -1) {
      out.push(empty()); // dialog and macro sheets: SheetJS gives a stub without cells
      continue;
    }
    let path = "xl/" + rel.target.replace(/[/]?xl\//, "");
    if (!has(path)) path = rel.target;
    if (!has(path)) path = relsPath.replace(/_rels\/[\S\s]*$/, "") + rel.target;
    let sheet: SheetSnapshot;
    try {
      const data = zip.get(path);
      if (!data || data.length === 0) {
        out.push(empty());
        continue;
      }
      const { rows, merges, uncalculated, missingText } = parseSheet(decode(data), sst, zOf, maxRows, budget, same);
      sheet = { name: sh.name, visibility, rows, merges };
      if (uncalculated.length) sheet.uncalculated = uncalculated;
      if (missingText > 0) {
        // its numbers are read; its text is not there to read
        sheet.unreadable = {
          zh: `${missingText} 个文字单元格无法读取：工作簿缺少共享字符串部分（xl/sharedStrings.xml）或该部分不完整，请在 Excel 中打开并另存后再试`,
          en: `${missingText} text cells cannot be read: the workbook's shared strings part (xl/sharedStrings.xml) is missing or incomplete; open and save it again in Excel`,
        };
      }
    } catch (e) {
      if (e instanceof PartTooLarge) {
        sheet = { ...empty(), unreadable: tooLarge(`解压后 ${mb(e.bytes)}，上限 ${mb(MAX_PART_BYTES)}`, `${mb(e.bytes)} of XML inflated, the limit is ${mb(MAX_PART_BYTES)}`) };
      } else if (e instanceof SheetUnreadable) {
        sheet = { ...empty(), unreadable: { zh: e.zh, en: e.en } };
      } else if (e instanceof RangeError) {
        // V8 cannot hold the sheet's XML as one string (about 512 MB and more)
        sheet = { ...empty(), unreadable: tooLarge("内容过大", "too large to read") };
      } else throw e;
    }
    out.push(sheet);
  }
  return { name, sheets: out };
}
