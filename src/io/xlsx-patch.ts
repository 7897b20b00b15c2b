import { unzipSync, zipSync, type Zippable } from "fflate";
import { ZipReader } from "./xlsx-fast-read";

/**
 * Writes values into cells of an .xlsx without loading it into a spreadsheet model: the package is
 * unzipped, only the `<c>` elements of the target cells are rewritten in their sheet's XML, and the
 * package is zipped again. Every other part (styles, shared strings, other sheets, drawings) keeps
 * its exact bytes, and so do the untouched parts of the patched sheets — merges, formulas, widths,
 * conditional formats — which a read-modify-write through a library would not guarantee.
 *
 * Pure (bytes in, bytes out): runs in Node and in the browser.
 */

export interface CellEdit {
  sheet: string;
  /** A1 address, e.g. "A6". */
  cell: string;
  /** Text is written as an inline string (t="inlineStr"); numbers as numbers. */
  value: string | number;
}

export class PatchError extends Error {
  constructor(readonly messageZh: string, readonly messageEn: string) {
    super(`${messageZh} / ${messageEn}`);
    this.name = "PatchError";
  }
}

const dec = new TextDecoder("utf-8", { ignoreBOM: true });
const enc = new TextEncoder();

interface Attr {
  name: string;
  value: string;
}

function attrsOf(tag: string): Attr[] {
  const out: Attr[] = [];
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out.push({ name: m[1], value: m[2] ?? m[3] ?? "" });
  return out;
}

function attr(tag: string, name: string): string | undefined {
  return attrsOf(tag).find((a) => a.name === name)?.value;
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k === "amp") return "&";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos") return "'";
    return String.fromCodePoint(k.startsWith("#x") ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}

/** Escapes text for element content and attributes; drops characters XML 1.0 cannot hold. */
function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function colNumber(letters: string): number {
  let c = 0;
  for (const ch of letters) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c;
}

function colLetters(n: number): string {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  return { col: colNumber(m[1]), row: Number(m[2]) };
}

/** Resolves a relationship target against the directory of the part that owns it. */
function resolvePart(baseDir: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : baseDir + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

function relationships(xml: string): Array<{ id: string; type: string; target: string; tag: string }> {
  const out: Array<{ id: string; type: string; target: string; tag: string }> = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    out.push({ id: attr(m[0], "Id") ?? "", type: attr(m[0], "Type") ?? "", target: unescapeXml(attr(m[0], "Target") ?? ""), tag: m[0] });
  }
  return out;
}

/** Sheet name → part path, read from the workbook part and its relationships. */
function sheetParts(files: Record<string, Uint8Array>): { workbook: string; sheets: Map<string, string> } {
  let workbook = "xl/workbook.xml";
  const rootRels = files["_rels/.rels"];
  if (rootRels) {
    const office = relationships(dec.decode(rootRels)).find((r) => r.type.endsWith("/officeDocument"));
    if (office) workbook = resolvePart("", office.target);
  }
  const wbXml = files[workbook];
  const wbRels = files[relsPathOf(workbook)];
  if (!wbXml || !wbRels) throw new PatchError("文件不是有效的 .xlsx 工作簿（缺少 workbook.xml）。", "Not a valid .xlsx workbook (workbook.xml missing).");
  const baseDir = workbook.slice(0, workbook.lastIndexOf("/") + 1);
  const rels = new Map(relationships(dec.decode(wbRels)).map((r) => [r.id, r.target]));
  const sheets = new Map<string, string>();
  for (const m of dec.decode(wbXml).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const attrs = attrsOf(m[0]);
    const name = attrs.find((a) => a.name === "name")?.value;
    const rid = attrs.find((a) => /(^|:)id$/.test(a.name) && a.name !== "sheetId")?.value;
    const target = rid ? rels.get(rid) : undefined;
    if (name !== undefined && target) sheets.set(unescapeXml(name), resolvePart(baseDir, target));
  }
  return { workbook, sheets };
}

interface Span {
  start: number;
  end: number;
}

interface RowInfo extends Span {
  r: number;
  openTag: string;
  selfClosing: boolean;
  /** Where cells may be inserted: just after the opening tag (content start) and before </row>. */
  contentStart: number;
  contentEnd: number;
}

interface CellInfo extends Span {
  col: number;
  openTag: string;
  inner: string;
}

function findRows(xml: string, from: number, to: number, p: string, sheet: string): RowInfo[] {
  const rows: RowInfo[] = [];
  const re = new RegExp(`<${p}row\\b[^>]*?(/?)>`, "g");
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) && m.index < to) {
    const r = Number(attr(m[0], "r"));
    if (!Number.isInteger(r) || r < 1) {
      throw new PatchError(`工作表「${sheet}」的行没有行号（r 属性），无法安全修改。`, `Rows of sheet "${sheet}" have no row numbers (r attribute); cannot patch safely.`);
    }
    const selfClosing = m[1] === "/";
    const contentStart = m.index + m[0].length;
    let end = contentStart;
    let contentEnd = contentStart;
    if (!selfClosing) {
      const close = xml.indexOf(`</${p}row>`, contentStart);
      if (close < 0) throw new PatchError(`工作表「${sheet}」的 XML 不完整。`, `The XML of sheet "${sheet}" is truncated.`);
      contentEnd = close;
      end = close + `</${p}row>`.length;
      re.lastIndex = end;
    }
    rows.push({ r, start: m.index, end, openTag: m[0], selfClosing, contentStart, contentEnd });
  }
  return rows;
}

function findCells(xml: string, row: RowInfo, p: string, sheet: string): CellInfo[] {
  const cells: CellInfo[] = [];
  if (row.selfClosing) return cells;
  const re = new RegExp(`<${p}c(?=[\\s/>])[^>]*?(/?)>`, "g");
  re.lastIndex = row.contentStart;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) && m.index < row.contentEnd) {
    const ref = attr(m[0], "r");
    const at = ref ? parseRef(ref) : null;
    if (!at) {
      throw new PatchError(`工作表「${sheet}」第 ${row.r} 行的单元格没有地址（r 属性），无法安全修改。`, `Cells of row ${row.r} of sheet "${sheet}" have no address (r attribute); cannot patch safely.`);
    }
    let end = m.index + m[0].length;
    let inner = "";
    if (m[1] !== "/") {
      const close = xml.indexOf(`</${p}c>`, end);
      if (close < 0 || close > row.contentEnd) throw new PatchError(`工作表「${sheet}」的 XML 不完整。`, `The XML of sheet "${sheet}" is truncated.`);
      inner = xml.slice(end, close);
      end = close + `</${p}c>`.length;
      re.lastIndex = end;
    }
    cells.push({ col: at.col, start: m.index, end, openTag: m[0], inner });
  }
  return cells;
}

/** Default style of a new cell: the row's style when it has one, else its column's. */
function columnStyles(xml: string, p: string): Array<{ min: number; max: number; style: string }> {
  const out: Array<{ min: number; max: number; style: string }> = [];
  const cols = new RegExp(`<${p}col\\b[^>]*>`, "g");
  for (const m of xml.matchAll(cols)) {
    const style = attr(m[0], "style");
    if (style && style !== "0") out.push({ min: Number(attr(m[0], "min")), max: Number(attr(m[0], "max")), style });
  }
  return out;
}

function cellXml(p: string, ref: string, style: string | undefined, value: string | number): string {
  const s = style !== undefined ? ` s="${style}"` : "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new PatchError(`单元格 ${ref} 的值不是有限数字。`, `The value for ${ref} is not a finite number.`);
    return `<${p}c r="${ref}"${s}><${p}v>${value}</${p}v></${p}c>`;
  }
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeXml(value)}</${p}t></${p}is></${p}c>`;
}

function setAttr(tag: string, name: string, value: string | null): string {
  const re = new RegExp(`\\s${name.replace(/[.]/g, "\\.")}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (value === null) return tag.replace(re, "");
  if (re.test(tag)) return tag.replace(re, ` ${name}="${value}"`);
  return tag.replace(/\s*(\/?)>$/, ` ${name}="${value}"$1>`);
}

/** Widens a row's spans hint to cover a new column, or drops it when it is a list (it is optional). */
function withSpan(openTag: string, col: number): string {
  const spans = attr(openTag, "spans");
  if (!spans) return openTag;
  const m = /^(\d+):(\d+)$/.exec(spans);
  if (!m) return setAttr(openTag, "spans", null);
  const lo = Math.min(Number(m[1]), col);
  const hi = Math.max(Number(m[2]), col);
  return lo === Number(m[1]) && hi === Number(m[2]) ? openTag : setAttr(openTag, "spans", `${lo}:${hi}`);
}

/** Rows are in ascending order in sheetData: binary search for the first row numbered above r. */
function firstRowAfter(rows: RowInfo[], r: number): RowInfo | undefined {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].r <= r) lo = mid + 1;
    else hi = mid;
  }
  return rows[lo];
}

interface SheetResult {
  xml: string;
  formulaRemoved: boolean;
}

function patchSheet(xml: string, sheet: string, edits: Array<{ row: number; col: number; ref: string; value: string | number }>): SheetResult {
  const sd = /<(\w+:)?sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!sd) throw new PatchError(`工作表「${sheet}」没有 sheetData。`, `Sheet "${sheet}" has no sheetData.`);
  const p = sd[1] ?? "";
  let dataStart = sd.index + sd[0].length;
  let dataEnd: number;
  if (sd[2] === "/") {
    // <sheetData/>: open it up so that rows can go in.
    xml = `${xml.slice(0, sd.index)}<${p}sheetData></${p}sheetData>${xml.slice(dataStart)}`;
    dataStart = sd.index + `<${p}sheetData>`.length;
    dataEnd = dataStart;
  } else {
    dataEnd = xml.indexOf(`</${p}sheetData>`, dataStart);
    if (dataEnd < 0) throw new PatchError(`工作表「${sheet}」的 XML 不完整。`, `The XML of sheet "${sheet}" is truncated.`);
  }
  const colStyles = columnStyles(xml.slice(0, sd.index), p);
  const rows = findRows(xml, dataStart, dataEnd, p, sheet);
  const byRow = new Map<number, Array<{ col: number; ref: string; value: string | number }>>();
  for (const e of edits) {
    const list = byRow.get(e.row) ?? [];
    const i = list.findIndex((x) => x.col === e.col);
    if (i >= 0) list[i] = e; // the last edit of a cell wins
    else list.push(e);
    byRow.set(e.row, list);
  }
  const splices: Array<{ start: number; end: number; text: string }> = [];
  let formulaRemoved = false;
  let maxRow = 0;
  let maxCol = 0;
  const rowIndex = new Map(rows.map((r) => [r.r, r]));
  const newRows: Array<{ r: number; xml: string }> = [];

  for (const [r, list] of byRow) {
    list.sort((a, b) => a.col - b.col);
    maxRow = Math.max(maxRow, r);
    maxCol = Math.max(maxCol, list[list.length - 1].col);
    const row = rowIndex.get(r);
    const rowStyle = row && attr(row.openTag, "customFormat") === "1" ? attr(row.openTag, "s") : undefined;
    const styleFor = (col: number) => rowStyle ?? colStyles.find((c) => col >= c.min && col <= c.max)?.style;
    if (!row) {
      newRows.push({ r, xml: `<${p}row r="${r}">${list.map((e) => cellXml(p, e.ref, styleFor(e.col), e.value)).join("")}</${p}row>` });
      continue;
    }
    const cells = findCells(xml, row, p, sheet);
    let open = row.openTag;
    const inserts: Array<{ at: number; text: string }> = [];
    for (const e of list) {
      const existing = cells.find((c) => c.col === e.col);
      if (existing) {
        const f = new RegExp(`<${p}f\\b[^>]*>`).exec(existing.inner);
        if (f && (attr(f[0], "ref") || attr(f[0], "t") === "array")) {
          throw new PatchError(`单元格 ${e.ref} 是共享或数组公式的起点，不能改写。`, `Cell ${e.ref} anchors a shared or array formula and cannot be overwritten.`);
        }
        if (f) formulaRemoved = true;
        splices.push({ start: existing.start, end: existing.end, text: cellXml(p, e.ref, attr(existing.openTag, "s"), e.value) });
        continue;
      }
      const next = cells.find((c) => c.col > e.col);
      inserts.push({ at: next ? next.start : row.contentEnd, text: cellXml(p, e.ref, styleFor(e.col), e.value) });
      open = withSpan(open, e.col);
    }
    if (row.selfClosing) {
      splices.push({ start: row.start, end: row.end, text: `${open.replace(/\s*\/>$/, ">")}${inserts.map((i) => i.text).join("")}</${p}row>` });
      continue;
    }
    if (open !== row.openTag) splices.push({ start: row.start, end: row.start + row.openTag.length, text: open });
    // Inserts at the same point keep column order; they never overlap a replaced cell.
    const grouped = new Map<number, string>();
    for (const i of inserts) grouped.set(i.at, (grouped.get(i.at) ?? "") + i.text);
    for (const [at, text] of grouped) splices.push({ start: at, end: at, text });
  }
  newRows.sort((a, b) => a.r - b.r);
  for (const nr of newRows) {
    const next = firstRowAfter(rows, nr.r);
    const at = next ? next.start : dataEnd;
    splices.push({ start: at, end: at, text: nr.xml });
  }
  // Rebuild in one pass. At one offset, insertions (in the order they were planned) come before a
  // replacement starting there: a new cell goes before the next existing one, a new row before the next row.
  const order = splices.map((s, i) => ({ ...s, i }));
  order.sort((a, b) => a.start - b.start || (a.end - a.start) - (b.end - b.start) || a.i - b.i);
  const pieces: string[] = [];
  let pos = 0;
  for (const s of order) {
    pieces.push(xml.slice(pos, s.start), s.text);
    pos = s.end;
  }
  pieces.push(xml.slice(pos));
  const out = pieces.join("");
  return { xml: widenDimension(out, p, maxRow, maxCol), formulaRemoved };
}

function widenDimension(xml: string, p: string, row: number, col: number): string {
  const m = new RegExp(`<${p}dimension\\b[^>]*>`).exec(xml);
  if (!m || row === 0) return xml;
  const ref = attr(m[0], "ref");
  if (!ref) return xml;
  const [a, b] = ref.split(":");
  const tl = parseRef(a);
  const br = parseRef(b ?? a);
  if (!tl || !br) return xml;
  const r1 = Math.max(br.row, row);
  const c1 = Math.max(br.col, col);
  if (r1 === br.row && c1 === br.col) return xml;
  const newRef = `${colLetters(tl.col)}${tl.row}:${colLetters(c1)}${r1}`;
  return xml.slice(0, m.index) + setAttr(m[0], "ref", newRef) + xml.slice(m.index + m[0].length);
}

/** Drops calcChain.xml and its references: needed only when a formula cell lost its formula. */
function dropCalcChain(files: Record<string, Uint8Array>, workbook: string): void {
  const relsPath = relsPathOf(workbook);
  const rels = files[relsPath] ? dec.decode(files[relsPath]) : "";
  const baseDir = workbook.slice(0, workbook.lastIndexOf("/") + 1);
  for (const r of relationships(rels)) {
    if (!r.type.endsWith("/calcChain")) continue;
    delete files[resolvePart(baseDir, r.target)];
    files[relsPath] = enc.encode(rels.replace(r.tag, ""));
    const ct = files["[Content_Types].xml"];
    if (ct) {
      const part = `/${resolvePart(baseDir, r.target)}`;
      const xml = dec.decode(ct).replace(new RegExp(`<Override\\b[^>]*PartName="${part.replace(/[.]/g, "\\.")}"[^>]*/>`), "");
      files["[Content_Types].xml"] = enc.encode(xml);
    }
  }
}

/**
 * Returns a copy of the workbook with the edits written. Throws PatchError for a sheet that does
 * not exist, an address that is not A1, or XML it cannot patch safely; the input is never modified.
 */
export function patchXlsx(bytes: Uint8Array, edits: CellEdit[]): Uint8Array {
  let files: Record<string, Uint8Array>;
  try {
    // every part checked (complete, within the size limits) before fflate inflates them all
    new ZipReader(bytes, "").verifyAll();
    files = unzipSync(bytes);
  } catch {
    throw new PatchError("文件不是有效的 .xlsx（zip）文件。", "Not a valid .xlsx (zip) file.");
  }
  if (edits.length === 0) return bytes.slice();
  const { workbook, sheets } = sheetParts(files);
  const bySheet = new Map<string, Array<{ row: number; col: number; ref: string; value: string | number }>>();
  for (const e of edits) {
    const part = sheets.get(e.sheet);
    if (!part || !files[part]) throw new PatchError(`工作簿中没有工作表「${e.sheet}」。`, `The workbook has no sheet "${e.sheet}".`);
    const at = parseRef(e.cell);
    if (!at) throw new PatchError(`「${e.cell}」不是单元格地址。`, `"${e.cell}" is not a cell address.`);
    const list = bySheet.get(part) ?? [];
    list.push({ row: at.row, col: at.col, ref: `${colLetters(at.col)}${at.row}`, value: e.value });
    bySheet.set(part, list);
  }
  const out: Record<string, Uint8Array> = { ...files };
  let formulaRemoved = false;
  for (const [part, list] of bySheet) {
    const sheetName = [...sheets].find(([, v]) => v === part)?.[0] ?? part;
    const res = patchSheet(dec.decode(files[part]), sheetName, list);
    out[part] = enc.encode(res.xml);
    formulaRemoved ||= res.formulaRemoved;
  }
  if (formulaRemoved) dropCalcChain(out, workbook);
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(out)) zippable[name] = [data, { level: 6 }];
  return zipSync(zippable);
}
