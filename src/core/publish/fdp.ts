import type { DisclosurePackage, PackageTable } from "../report/package";
import { zipSync, type Zippable } from "fflate";
import { sha256Hex } from "../report/canonical";

/**
 * A disclosure package as a Frictionless (Fiscal) Data Package for open-data portals:
 * datapackage.json and one CSV per table (and one of all performance indicators), each resource
 * with its Table Schema, `hash` "sha256:…" and `bytes`. Fiscal annotations follow the Fiscal Data
 * Package's field-level form: amounts are `columnType: "value"` with `currency` CNY, `factor` (the
 * money unit's scale: 10000 for 万元), `direction` and `phase` "approved"; the classification columns
 * are functional-, economic- or revenue-classification dimensions. The package's `profile` is
 * tabular-data-package, so the generic Frictionless tools validate it without the fiscal profile.
 *
 * Every 类 of the functional classification also gets an approximate COFOG division (a column
 * marked approximate: the Chinese classes do not map one to one). CSV text cells that a
 * spreadsheet would read as a formula (= + - @, tab, CR at the start) are prefixed with "'".
 */
export interface FdpFile {
  path: string;
  bytes: Uint8Array;
}

/** Approximate COFOG division of each 类 of 政府收支分类 功能分类 (201…234). */
export const COFOG_BY_CLASS: Record<string, [string, string]> = {
  "201": ["01", "General public services"],
  "202": ["01", "General public services"],
  "203": ["02", "Defence"],
  "204": ["03", "Public order and safety"],
  "205": ["09", "Education"],
  "206": ["01", "General public services"],
  "207": ["08", "Recreation, culture and religion"],
  "208": ["10", "Social protection"],
  "209": ["10", "Social protection"],
  "210": ["07", "Health"],
  "211": ["05", "Environmental protection"],
  "212": ["06", "Housing and community amenities"],
  "213": ["04", "Economic affairs"],
  "214": ["04", "Economic affairs"],
  "215": ["04", "Economic affairs"],
  "216": ["04", "Economic affairs"],
  "217": ["04", "Economic affairs"],
  "219": ["01", "General public services"],
  "220": ["04", "Economic affairs"],
  "221": ["10", "Social protection"],
  "222": ["04", "Economic affairs"],
  "223": ["04", "Economic affairs"],
  "224": ["03", "Public order and safety"],
  "227": ["01", "General public services"],
  "229": ["01", "General public services"],
  "230": ["01", "General public services"],
  "231": ["01", "General public services"],
  "232": ["01", "General public services"],
  "233": ["01", "General public services"],
  "234": ["07", "Health"],
};

/** A text cell a spreadsheet would take for a formula gets a leading apostrophe. */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface Field {
  name: string;
  type: "string" | "number" | "integer";
  title?: string;
  description?: string;
  [k: string]: unknown;
}

const AMOUNT_TITLES: Record<string, string> = {
  total: "合计",
  gpb: "一般公共预算",
  govFund: "政府性基金",
  soe: "国有资本经营预算",
  specialAccount: "财政专户管理资金",
  unitFunds: "单位资金",
  carry: "上年结转",
  current: "当年预算安排",
  basic: "基本支出",
  project: "项目支出",
  personnel: "人员经费",
  public: "公用经费",
  amount: "金额",
};

const NOT_AMOUNT = new Set(["code", "name", "name2"]);

/** Resource names: lowercase letters, digits, ".", "_" and "-" (the Frictionless rule). */
export function resourceName(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9._-]+/g, "-");
}

function snake(role: string): string {
  return role.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
}

function classification(t: PackageTable): "functional" | "economic" | "revenue" | null {
  if (t.columns.some((c) => c.role === "name2")) return "economic";
  const code = t.columns.filter((c) => c.role === "code");
  if (!code.length) return null;
  if (code.every((c) => c.header.some((h) => h.includes("收入科目")))) return "revenue";
  return "functional";
}

function tableResource(t: PackageTable, name: string, factor: number | null): { descriptor: Record<string, unknown>; csv: string } {
  const dim = classification(t);
  const roles: string[] = [];
  for (const c of t.columns) if (!NOT_AMOUNT.has(c.role) && !roles.includes(c.role)) roles.push(c.role);
  const twoSided = t.rows.some((r) => r.side);
  const incomeTable = /收入/.test(t.standardName) && !/收支/.test(t.standardName);
  const dimType = (attr: string) => (dim ? `${dim}-classification:generic:${attr}` : undefined);
  const fields: Field[] = [
    { name: "row_kind", type: "string", description: "total, subject (类/款/项 or economic class/item), line (fixed line) or project" },
    ...(twoSided ? [{ name: "side", type: "string" as const, description: "income or expenditure side of the table" }] : []),
    { name: "code", type: "string", title: "科目编码", columnType: dimType("code"), description: "classification code as written (text)" },
    { name: "parent_code", type: "string", title: "上级科目编码", columnType: dimType("parent"), description: "code of the row this one sits under" },
    { name: "name", type: "string", title: "名称", columnType: dim === "economic" ? "economic-classification:department:label" : dimType("label"), description: "name as written" },
    ...(dim === "economic" ? [{ name: "name2", type: "string" as const, title: "政府预算支出经济科目名称", columnType: "economic-classification:government:label" }] : []),
    { name: "level", type: "string", title: "级次", columnType: dimType("level"), description: "类, 款 or 项" },
    { name: "total_kind", type: "string", description: "for total rows: which total (合计, 收入总计 …)" },
    ...(dim === "functional"
      ? [
          { name: "cofog_approx", type: "string" as const, title: "COFOG division (approximate)", columnType: "functional-classification:cofog:code", description: "APPROXIMATE: the COFOG division (01–10) the 类 of this row's code most closely corresponds to; Chinese functional classes do not map one to one onto COFOG" },
          { name: "cofog_approx_label", type: "string" as const, title: "COFOG division label (approximate)", description: "APPROXIMATE: the name of that COFOG division" },
        ]
      : []),
    ...roles.map((role): Field => {
      const col = t.columns.find((c) => c.role === role)!;
      const direction = col.side === "income" || (!col.side && incomeTable) ? "revenue" : "expenditure";
      return {
        name: snake(role),
        type: "number",
        title: AMOUNT_TITLES[role] ?? col.header.join("/"),
        description: `${col.header.join(" / ")}${factor ? `; in ${t.moneyUnit?.unit ?? "万元"}: multiply by ${factor} for yuan` : ""}`,
        columnType: "value",
        currency: "CNY",
        ...(factor ? { factor } : {}),
        direction,
        phase: "approved",
      };
    }),
    { name: "sheet", type: "string", description: "the sheet of the workbook" },
    { name: "cell", type: "string", description: "the row's name cell in the workbook" },
  ];
  for (const f of fields) if (f.columnType === undefined) delete f.columnType;
  const lines = [fields.map((f) => f.name).join(",")];
  for (const r of t.rows) {
    const cofog = dim === "functional" && r.code && r.kind === "subject" ? COFOG_BY_CLASS[r.code.slice(0, 3)] : undefined;
    const values: Record<string, string> = {
      row_kind: r.kind,
      side: r.side ?? "",
      code: r.code ?? "",
      parent_code: r.parentCode ?? "",
      name: r.name,
      name2: r.name2 ?? "",
      level: r.level ?? "",
      total_kind: r.totalKind ?? "",
      cofog_approx: cofog?.[0] ?? "",
      cofog_approx_label: cofog?.[1] ?? "",
      sheet: t.sheet,
      cell: r.cell,
    };
    for (const role of roles) values[snake(role)] = r.amounts[role]?.value ?? "";
    lines.push(fields.map((f) => csvCell(f.type === "string" ? neutralise(values[f.name]) : values[f.name])).join(","));
  }
  return {
    descriptor: { name, title: t.title, description: `${t.standardName} (${t.sheet}!${t.range})`, schema: { fields, missingValues: [""] } },
    csv: lines.join("\r\n") + "\r\n",
  };
}

function indicatorResource(pkg: DisclosurePackage): { descriptor: Record<string, unknown>; csv: string } | null {
  const forms = pkg.tables.filter((t) => t.form);
  if (!forms.length) return null;
  const fields: Field[] = [
    { name: "project", type: "string", title: "项目名称" },
    { name: "block", type: "string", title: "实施期/年度" },
    { name: "level1", type: "string", title: "一级指标" },
    { name: "level2", type: "string", title: "二级指标" },
    { name: "level3", type: "string", title: "三级指标" },
    { name: "target", type: "string", title: "指标值", description: "as written" },
    { name: "comparator", type: "string", description: "≥, ≤ … when the target reads as a number" },
    { name: "value", type: "number", description: "the target's number" },
    { name: "unit", type: "string", description: "the target's unit" },
    { name: "sheet", type: "string" },
    { name: "cell", type: "string" },
  ];
  const lines = [fields.map((f) => f.name).join(",")];
  for (const t of forms) {
    const form = t.form as { projectName: { text: string } | null; indicators: Array<{ block: string; level1: string; level2: string; level3: string; cell: string; target: { text: string; comparator?: string; value?: string; unit?: string } | null }> };
    for (const i of form.indicators) {
      const v: Record<string, string> = {
        project: form.projectName?.text ?? "",
        block: i.block,
        level1: i.level1,
        level2: i.level2,
        level3: i.level3,
        target: i.target?.text ?? "",
        comparator: i.target?.comparator ?? "",
        value: i.target?.value ?? "",
        unit: i.target?.unit ?? "",
        sheet: t.sheet,
        cell: i.cell,
      };
      lines.push(fields.map((f) => csvCell(f.type === "string" ? neutralise(v[f.name]) : v[f.name])).join(","));
    }
  }
  return { descriptor: { name: "performance-indicators", title: "项目支出绩效目标表：绩效指标", schema: { fields, missingValues: [""] } }, csv: lines.join("\r\n") + "\r\n" };
}

/** datapackage.json and the CSV files, each file's bytes as they are to be written. */
export function fiscalDataPackage(pkg: DisclosurePackage): FdpFile[] {
  const enc = new TextEncoder();
  const files: FdpFile[] = [];
  const resources: Array<Record<string, unknown>> = [];
  const taken = new Set<string>();
  const add = (r: { descriptor: Record<string, unknown>; csv: string }) => {
    let name = r.descriptor.name as string;
    for (let k = 2; taken.has(name); k++) name = `${r.descriptor.name}-${k}`;
    taken.add(name);
    const bytes = enc.encode(r.csv);
    const path = `${name}.csv`;
    files.push({ path, bytes });
    resources.push({
      ...r.descriptor,
      name,
      path,
      profile: "tabular-data-resource",
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      bytes: bytes.length,
      hash: `sha256:${sha256Hex(bytes)}`,
    });
  };
  for (const t of pkg.tables) {
    if (t.form) continue;
    add(tableResource(t, resourceName(t.id), t.moneyUnit?.scale ?? null));
  }
  const indicators = indicatorResource(pkg);
  if (indicators) add(indicators);
  const year = pkg.year;
  const descriptor = {
    profile: "tabular-data-package",
    name: resourceName(`unit-budget-${year ?? "unknown"}-${(pkg.source?.sha256 ?? pkg.sha256 ?? "").slice(0, 12)}`),
    title: `${pkg.unitName ?? ""}${year ?? ""}年单位预算公开`,
    description: "单位预算公开表（预算批复数）。Unit budget disclosure, approved budget. Amounts are in each table's money unit: multiply by the field's factor for yuan (CNY). The cofog_approx columns are an approximate mapping, not an official classification.",
    countryCode: "CN",
    ...(year ? { fiscalPeriod: { start: `${year}-01-01`, end: `${year}-12-31` } } : {}),
    sources: [{ title: pkg.workbook, ...(pkg.source ? { hash: `sha256:${pkg.source.sha256}` } : {}) }],
    contributors: [{ title: `${pkg.generator.name} ${pkg.generator.version}`, role: "publisher" }],
    resources,
  };
  files.unshift({ path: "datapackage.json", bytes: enc.encode(JSON.stringify(descriptor, null, 2) + "\n") });
  return files;
}

/**
 * The data package as one .zip (the pane and the browser page download it): the files at the root
 * in the order fiscalDataPackage gives them, every entry stamped 1980-01-01 00:00 (the zip format's
 * first day, built from local fields so the DOS time is the same in every time zone), so the same
 * workbook always gives the same bytes.
 */
export function fdpZip(files: readonly FdpFile[]): Uint8Array {
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const entries: Zippable = {};
  for (const f of files) entries[f.path] = [f.bytes, { mtime, level: 6 }];
  return zipSync(entries);
}
