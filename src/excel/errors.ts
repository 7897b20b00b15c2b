import { MESSAGES, type Lang } from "../taskpane/i18n";

/**
 * Turns an error from Excel.run into one line a person can act on, plus the debug details support
 * needs. This is the useful half of the archived @microsoft/office-js-helpers (the other half, host
 * detection, is `Office.onReady`'s `info.host`). Works on the error's shape, not on
 * `instanceof OfficeExtension.Error`, so it runs (and is tested) without office.js.
 */

interface OfficeErrorShape {
  code?: string;
  message?: string;
  debugInfo?: {
    code?: string;
    message?: string;
    errorLocation?: string;
    statement?: string;
    surroundingStatements?: string[];
    innerError?: { code?: string; message?: string } | null;
  };
}

/** Plain-language hints for the codes a reading/selecting pane meets. */
const HINTS: Record<string, { zh: string; en: string }> = {
  ItemNotFound: { zh: "找不到工作表或单元格，可能已被重命名或删除。", en: "The sheet or cell was not found; it may have been renamed or deleted." },
  InvalidOperation: { zh: "Excel 当前不允许此操作（例如正在编辑单元格），请按 Enter 或 Esc 后重试。", en: "Excel does not allow this now (a cell may be in edit mode); press Enter or Esc and retry." },
  InvalidArgument: { zh: "参数无效。", en: "An argument was not valid." },
  AccessDenied: { zh: "没有权限，工作簿或工作表可能受保护。", en: "Access denied; the workbook or sheet may be protected." },
  RequestPayloadSizeLimitExceeded: { zh: "工作簿太大，超出 Excel 网页版单次请求的限制。", en: "The workbook is too large for one request in Excel on the web." },
  ResponsePayloadSizeLimitExceeded: { zh: "工作簿太大，超出 Excel 网页版单次响应的限制。", en: "The workbook is too large for one response in Excel on the web." },
  ApiNotFound: { zh: "此版本的 Excel 不支持该功能，请更新 Office。", en: "This Excel version does not support the feature; update Office." },
  GeneralException: { zh: "Excel 内部错误，请重试。", en: "Excel reported an internal error; try again." },
};

export interface DescribedError {
  /** One line for the pane. */
  message: string;
  /** Code, location and statement for a "details" area or a support request; empty if none. */
  details: string;
}

export function describeError(e: unknown, lang: Lang = "zh-CN"): DescribedError {
  if (e === null || e === undefined) return { message: lang === "en" ? "Unknown error" : "未知错误", details: "" };
  if (typeof e !== "object") return { message: String(e), details: "" };
  const err = e as OfficeErrorShape & { zh?: string; en?: string };
  // InputError from the .xlsx reader carries its own zh/en text.
  if (typeof err.zh === "string" && typeof err.en === "string") return { message: lang === "en" ? err.en : err.zh, details: "" };
  // webpack's ChunkLoadError: a part of the pane loaded on first use (the catalogue reader, the
  // .xlsx reader, the analysis engine) could not be fetched. Its own text is English and names a URL.
  if ((e as { name?: unknown }).name === "ChunkLoadError") {
    return { message: MESSAGES[lang].chunkLoadFailed, details: err.message ?? "" };
  }
  const code = err.code ?? err.debugInfo?.code;
  const hint = code ? HINTS[code] : undefined;
  const base = err.message || err.debugInfo?.message || String(e);
  const message = hint ? (lang === "en" ? `${hint.en} (${base})` : `${hint.zh}（${base}）`) : base;
  const d = err.debugInfo;
  const details: string[] = [];
  if (code) details.push(`code: ${code}`);
  if (d?.errorLocation) details.push(`location: ${d.errorLocation}`);
  if (d?.statement) details.push(`statement: ${d.statement}`);
  if (d?.surroundingStatements?.length) details.push(`surrounding: ${d.surroundingStatements.join(" ")}`);
  if (d?.innerError?.code || d?.innerError?.message) details.push(`inner: ${[d.innerError.code, d.innerError.message].filter(Boolean).join(" ")}`);
  return { message, details: details.join("\n") };
}
