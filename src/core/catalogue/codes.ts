import type { SubjectLevel } from "../recognise/model";
import type { ClassificationKind } from "./types";

/**
 * The shape of subject codes. The code prefix is the hierarchy: 2010607 sits under 20106, which sits
 * under 201. Every classification adds two digits per level after a three-digit class.
 */

/** Code lengths each classification uses: functional 类/款/项, economic 类/款, revenue 类/款/项/目. */
export const CODE_LENGTHS: Record<ClassificationKind, readonly number[]> = {
  functional: [3, 5, 7],
  deptEconomic: [3, 5],
  govEconomic: [3, 5],
  revenue: [3, 5, 7, 9],
};

export const KIND_NAMES: Record<ClassificationKind, { zh: string; en: string }> = {
  functional: { zh: "支出功能分类", en: "functional classification" },
  deptEconomic: { zh: "部门预算支出经济分类", en: "departmental economic classification" },
  govEconomic: { zh: "政府预算支出经济分类", en: "government economic classification" },
  revenue: { zh: "收入分类", en: "revenue classification" },
};

/** Codes as typed: full-width digits and stray spaces removed; numbers from Excel as text. */
export function cleanCode(raw: unknown): string {
  if (raw === null || raw === undefined) return "";
  if (typeof raw === "number") return String(raw);
  if (typeof raw === "string" && (raw === "" || isDigits(raw))) return raw; // nothing to convert or remove (what /^[0-9]*$/ matches)
  let out = "";
  for (const ch of String(raw)) {
    const c = ch.charCodeAt(0);
    out += c >= 0xff10 && c <= 0xff19 ? String.fromCharCode(c - 0xfee0) : ch;
  }
  return out.replace(/[\s\u3000\u00a0\ufeff]+/g, "");
}

/** One or more ASCII digits (what /^\d+$/ matches), checked without a regular expression: called several times a row by the code rules. */
export function isDigits(code: string): boolean {
  const n = code.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Which classification a code belongs to, from its first digits: 1xx revenue, 2xx functional,
 * 30x departmental economic, 50x government economic. Null for anything else.
 */
export function inferKind(code: string): ClassificationKind | null {
  return isDigits(code) ? kindOfDigits(code) : null;
}

/** inferKind of a code already known to be digits (the user-edition parser checks each code once). */
export function kindOfDigits(code: string): ClassificationKind | null {
  if (code.length < 3) return null;
  const c0 = code.charCodeAt(0);
  if (c0 === 49) return "revenue"; // 1
  if (c0 === 50) return "functional"; // 2
  const c1 = code.charCodeAt(1);
  if (c0 === 51 && c1 === 48) return "deptEconomic"; // 30
  if (c0 === 53 && c1 === 48) return "govEconomic"; // 50
  return null;
}

export function validLength(kind: ClassificationKind, code: string): boolean {
  return isDigits(code) && CODE_LENGTHS[kind].includes(code.length);
}

/** The code one level up (2010607 → 20106, 20106 → 201), or null for a class. */
export function parentCode(code: string): string | null {
  return code.length > 3 ? code.slice(0, code.length - 2) : null;
}

/**
 * Whether `parent` is `code`'s parent (parentCode(code) === parent), compared in place: the per-row
 * code checks make no parent string unless they report it.
 */
export function isParentCode(parent: string, code: string): boolean {
  return code.length > 3 && parent.length === code.length - 2 && code.startsWith(parent);
}

/** 3 → 类, 5 → 款, 7 → 项; revenue 目 (9 digits) has no SubjectLevel and gives null. */
export function levelOfCode(code: string): SubjectLevel | null {
  if (!isDigits(code)) return null;
  if (code.length === 3) return "类";
  if (code.length === 5) return "款";
  if (code.length === 7) return "项";
  return null;
}

/** Code length expected at a depth (0 类, 1 款, 2 项, 3 目). */
export function lengthAtDepth(depth: number): number {
  return 3 + 2 * depth;
}

export function depthOfCode(code: string): number {
  return (code.length - 3) / 2;
}
