import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import schema from "../core/report/package.schema.json";
import { packageSha256, PACKAGE_FORMAT, PACKAGE_VERSION } from "../core/report/package";

/**
 * Checks a disclosure package against the format version 2 schema (ajv, draft 2020-12) and its seal
 * (`sha256` over the canonical JSON without that member). Loaded only by `validate-package` and the
 * tests: ajv compiles the schema into a function once.
 */
export interface PackageError {
  /** JSON pointer (RFC 6901) to the value, "" for the whole package. */
  pointer: string;
  zh: string;
  en: string;
}

let compiled: ReturnType<Ajv2020["compile"]> | null = null;
function validator(): ReturnType<Ajv2020["compile"]> {
  if (!compiled) compiled = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: true }).compile(schema);
  return compiled;
}

const list = (xs: unknown) => (Array.isArray(xs) ? xs.join("、") : String(xs));

/** ajv's message in Chinese for the keywords the schema uses (ajv's own English message kept). */
function zhMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `缺少必需的字段“${p.missingProperty}”`;
    case "additionalProperties":
      return `不应有字段“${p.additionalProperty}”`;
    case "type":
      return `类型应为 ${list(p.type)}`;
    case "const":
      return `应等于 ${JSON.stringify(p.allowedValue)}`;
    case "enum":
      return `应为以下之一：${list(p.allowedValues)}`;
    case "pattern":
      return `格式不符（应匹配 ${p.pattern}）`;
    case "minimum":
      return `应不小于 ${p.limit}`;
    case "minLength":
      return `长度应不少于 ${p.limit}`;
    case "oneOf":
      return "应恰好符合一种形式";
    case "propertyNames":
      return `字段名“${p.propertyName}”不合规`;
    default:
      return `不符合规范（${e.keyword}）`;
  }
}

/** Every schema error (JSON pointer, zh, en), then the seal's, for a parsed package. */
export function validatePackage(doc: unknown): PackageError[] {
  const validate = validator();
  if (!validate(doc)) {
    // A oneOf failure lists each branch's error too: keep the branch errors only when they are all there is.
    const errors = validate.errors ?? [];
    return errors.map((e) => ({ pointer: e.instancePath, zh: zhMessage(e), en: e.message ?? e.keyword }));
  }
  const pkg = doc as { sha256: string; format: string; version: number };
  if (pkg.format !== PACKAGE_FORMAT || pkg.version !== PACKAGE_VERSION) return [];
  const want = packageSha256(pkg);
  if (want !== pkg.sha256)
    return [
      {
        pointer: "/sha256",
        zh: `校验值不符：按内容计算应为 ${want}，数据包写的是 ${pkg.sha256}（内容在导出后被改动过）`,
        en: `the seal does not match: the content hashes to ${want}, the package says ${pkg.sha256} (it was changed after export)`,
      },
    ];
  return [];
}
