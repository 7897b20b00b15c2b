/**
 * Structure of the built-in catalogue data (src/core/catalogue/data). Levels by code length:
 * 支出功能分类 类/款/项 = 3/5/7 digits; both economic lists 类/款 = 3/5; 收入分类 类/款/项 = 3/5/7
 * (目, 9 digits, is not carried). A code's parent is its 3- or 5-digit prefix.
 */
import * as fs from "fs";
import * as path from "path";
import { applyChanges, builtInEdition, builtInYears } from "../src/core/catalogue/editions";
import { diffEditions, diffIsEmpty } from "../src/core/catalogue/diff";
import type { CatalogueEdition, CatalogueEntry, ClassificationKind } from "../src/core/catalogue/types";

const LISTS: { kind: ClassificationKind; lengths: number[]; firstDigit: string }[] = [
  { kind: "functional", lengths: [3, 5, 7], firstDigit: "2" },
  { kind: "deptEconomic", lengths: [3, 5], firstDigit: "3" },
  { kind: "govEconomic", lengths: [3, 5], firstDigit: "5" },
  { kind: "revenue", lengths: [3, 5, 7], firstDigit: "1" },
];

/** The 30 classes in the order and wording of 表一 of the 2026 seed disclosure. */
const TABLE1_CLASSES: [string, string][] = [
  ["201", "一般公共服务支出"], ["202", "外交支出"], ["203", "国防支出"], ["204", "公共安全支出"],
  ["205", "教育支出"], ["206", "科学技术支出"], ["207", "文化旅游体育与传媒支出"],
  ["208", "社会保障和就业支出"], ["209", "社会保险基金支出"], ["210", "卫生健康支出"],
  ["211", "节能环保支出"], ["212", "城乡社区支出"], ["213", "农林水支出"], ["214", "交通运输支出"],
  ["215", "资源勘探工业信息等支出"], ["216", "商业服务业等支出"], ["217", "金融支出"],
  ["219", "援助其他地区支出"], ["220", "自然资源海洋气象等支出"], ["221", "住房保障支出"],
  ["222", "粮油物资储备支出"], ["223", "国有资本经营预算支出"], ["224", "灾害防治及应急管理支出"],
  ["227", "预备费"], ["229", "其他支出"], ["230", "转移性支出"], ["231", "债务还本支出"],
  ["232", "债务付息支出"], ["233", "债务发行费用支出"], ["234", "抗疫特别国债安排的支出"],
];

/** 表三 of the seed (/work/shared/seeds/000_5bd963500283f401.txt): every code printed there. */
const SEED_FUNCTIONAL: [string, string][] = [
  ["201", "一般公共服务支出"], ["20106", "财政事务"], ["2010607", "信息化建设"],
  ["2010608", "财政委托业务支出"], ["2010650", "事业运行"], ["2010699", "其他财政事务支出"],
  ["208", "社会保障和就业支出"], ["20805", "行政事业单位养老支出"], ["2080502", "事业单位离退休"],
  ["2080505", "机关事业单位基本养老保险缴费支出"], ["2080506", "机关事业单位职业年金缴费支出"],
  ["210", "卫生健康支出"], ["21007", "计划生育事务"], ["2100799", "其他计划生育事务支出"],
  ["21011", "行政事业单位医疗"], ["2101102", "事业单位医疗"], ["2101103", "公务员医疗补助"],
  ["221", "住房保障支出"], ["22102", "住房改革支出"], ["2210201", "住房公积金"],
];

/**
 * 表六 of the seed: 部门预算支出经济科目名称 → 政府预算支出经济科目名称 as printed for this unit, a
 * 事业单位. A 类 row of the dept list (工资福利支出 …) carries no government name there.
 */
const SEED_TABLE6: [string, string][] = [
  ["基本工资", "工资福利支出"], ["津贴补贴", "工资福利支出"], ["绩效工资", "工资福利支出"],
  ["机关事业单位基本养老保险缴费", "工资福利支出"], ["职业年金缴费", "工资福利支出"],
  ["职工基本医疗保险缴费", "工资福利支出"], ["公务员医疗补助缴费", "工资福利支出"],
  ["其他社会保障缴费", "工资福利支出"], ["住房公积金", "工资福利支出"], ["其他工资福利支出", "工资福利支出"],
  ["办公费", "商品和服务支出"], ["印刷费", "商品和服务支出"], ["差旅费", "商品和服务支出"],
  ["其他交通费用", "商品和服务支出"], ["退休费", "离退休费"], ["奖励金", "社会福利和救助"],
];

const REFERENCE_DIR = path.resolve(__dirname, "../../shared/reference/classification");
const REFERENCE_FILES: { file: string; kind: ClassificationKind }[] = [
  { file: "observed_functional_codes_shanghai_2023-2025.csv", kind: "functional" },
  { file: "observed_economic_codes_shanghai_2023-2025.csv", kind: "deptEconomic" },
  { file: "dept_econ_codes_basic_expenditure_shanghai_final_template_2024.csv", kind: "deptEconomic" },
];

function parentCode(code: string): string | null {
  if (code.length === 5) return code.slice(0, 3);
  if (code.length === 7) return code.slice(0, 5);
  return null;
}

function toFullWidthBrackets(s: string): string {
  return s.replace(/\(/g, "（").replace(/\)/g, "）");
}

/** Minimal CSV reader: the reference files have a header row and no quoted commas. */
function readCsv(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0].split(",");
  return lines.slice(1).map((l) => {
    const cells = l.split(",");
    return Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? "").trim()]));
  });
}

/**
 * A printed name agrees with an entry when it is the name or an alias, or a piece (4+ characters)
 * of one of them: disclosures cut long names to the column width ("机关事业单位基本养老保险缴费支").
 */
function nameAgrees(entry: CatalogueEntry, printed: string): boolean {
  const p = toFullWidthBrackets(printed);
  const known = [entry.name, ...(entry.aliases ?? [])];
  return known.includes(p) || (p.length >= 4 && known.some((k) => k.includes(p)));
}

const years = builtInYears();

test("built-in years include 2025 and 2026 and unknown years give null", () => {
  expect(years).toEqual(expect.arrayContaining([2025, 2026]));
  expect(builtInEdition(1999)).toBeNull();
});

test("builtInEdition returns a copy that callers may change freely", () => {
  const a = builtInEdition(2026)!;
  a.functional[0].name = "changed";
  a.functional.pop();
  const b = builtInEdition(2026)!;
  expect(b.functional[0].name).toBe("一般公共服务支出");
  expect(b.functional.length).toBe(a.functional.length + 1);
});

test("an edition stored as changes renames, removes, adds and remaps against its base", () => {
  const base = builtInEdition(2026)!;
  const none = { added: [], removed: [], renamed: [] };
  const ed = applyChanges(base, 2024, "test", {
    base: 2026,
    functional: {
      added: [{ code: "2010698", name: "测试项" }],
      removed: ["2010608"],
      renamed: [{ code: "2010607", name: "信息化建设旧称" }],
    },
    deptEconomic: none,
    govEconomic: none,
    revenue: none,
    econMapping: { set: [{ dept: "30201", agency: "50299", institution: "50502" }], removed: ["30203"] },
  });
  const f = new Map(ed.functional.map((e) => [e.code, e]));
  expect(f.has("2010608")).toBe(false);
  expect(f.get("2010607")).toEqual({ code: "2010607", name: "信息化建设旧称", aliases: ["信息化建设"] });
  const codes = ed.functional.map((e) => e.code);
  expect(codes.indexOf("2010698")).toBe(codes.indexOf("2010699") - 1);
  expect(ed.econMapping.find((m) => m.dept === "30201")?.agency).toBe("50299");
  expect(ed.econMapping.some((m) => m.dept === "30203")).toBe(false);
  expect(ed.functional.length).toBe(base.functional.length);
  // The base edition stays as it was.
  expect(builtInEdition(2026)!.functional.find((e) => e.code === "2010607")?.name).toBe("信息化建设");
});

describe.each(years)("edition %i", (year) => {
  const ed = builtInEdition(year) as CatalogueEdition;

  test("has its year and a note", () => {
    expect(ed.year).toBe(year);
    expect(ed.note.trim().length).toBeGreaterThan(20);
  });

  describe.each(LISTS)("$kind", ({ kind, lengths, firstDigit }) => {
    const list = ed[kind] as CatalogueEntry[];

    test("is not empty and is sorted by code", () => {
      expect(list.length).toBeGreaterThan(0);
      const codes = list.map((e) => e.code);
      expect(codes).toEqual([...codes].sort());
    });

    test("codes are digits of a valid length, in the list's range, without duplicates", () => {
      const bad = list.filter(
        (e) => !/^\d+$/.test(e.code) || !lengths.includes(e.code.length) || e.code[0] !== firstDigit,
      );
      expect(bad).toEqual([]);
      const seen = new Set<string>();
      const dup = list.filter((e) => (seen.has(e.code) ? true : (seen.add(e.code), false)));
      expect(dup).toEqual([]);
    });

    test("every code's parent exists", () => {
      const codes = new Set(list.map((e) => e.code));
      const orphans = list.filter((e) => {
        const p = parentCode(e.code);
        return p !== null && !codes.has(p);
      });
      expect(orphans.map((e) => e.code)).toEqual([]);
    });

    test("names are non-blank, trimmed, unique among siblings", () => {
      const blank = list.filter((e) => e.name.trim() === "" || e.name !== e.name.trim() || /\s/.test(e.name));
      expect(blank).toEqual([]);
      const bySibling = new Map<string, string>();
      const clashes: string[] = [];
      for (const e of list) {
        const key = `${parentCode(e.code) ?? "-"}|${e.code.length}|${e.name}`;
        const other = bySibling.get(key);
        if (other) clashes.push(`${other}/${e.code} ${e.name}`);
        else bySibling.set(key, e.code);
      }
      expect(clashes).toEqual([]);
    });

    test("names and aliases use full-width brackets only, balanced", () => {
      const texts = list.flatMap((e) => [e.name, ...(e.aliases ?? [])].map((t) => ({ code: e.code, t })));
      const halfWidth = texts.filter(({ t }) => /[()]/.test(t));
      expect(halfWidth).toEqual([]);
      const unbalanced = texts.filter(({ t }) => (t.match(/（/g) ?? []).length !== (t.match(/）/g) ?? []).length);
      expect(unbalanced).toEqual([]);
    });

    test("aliases are non-blank, distinct and differ from the name", () => {
      const bad = list.filter(
        (e) =>
          e.aliases !== undefined &&
          (e.aliases.length === 0 ||
            e.aliases.some((a) => a.trim() === "" || a === e.name) ||
            new Set(e.aliases).size !== e.aliases.length),
      );
      expect(bad).toEqual([]);
    });
  });

  test("the 30 functional classes carry the names 表一 prints", () => {
    const classes = ed.functional.filter((e) => e.code.length === 3).map((e) => [e.code, e.name]);
    expect(classes).toEqual(TABLE1_CLASSES);
  });

  test("every seed functional code is present with its printed name", () => {
    const byCode = new Map(ed.functional.map((e) => [e.code, e]));
    const missing = SEED_FUNCTIONAL.filter(([code, name]) => byCode.get(code)?.name !== name);
    expect(missing).toEqual([]);
  });

  test("every dept-economic 款 has one mapping, and mappings point at existing 款", () => {
    const dept = new Set(ed.deptEconomic.map((e) => e.code));
    const gov = new Set(ed.govEconomic.filter((e) => e.code.length === 5).map((e) => e.code));
    const mapped = ed.econMapping.map((m) => m.dept);
    expect(new Set(mapped).size).toBe(mapped.length);
    const sections = ed.deptEconomic.filter((e) => e.code.length === 5).map((e) => e.code);
    expect([...mapped].sort()).toEqual(sections);
    const badTargets = ed.econMapping.filter(
      (m) => !dept.has(m.dept) || [m.agency, m.institution].some((t) => t !== null && !gov.has(t)),
    );
    expect(badTargets).toEqual([]);
    // A 事业单位 is funded through 505/506 or the person-level 509 items, never 501–504 (机关 only).
    const agencyOnly = ed.econMapping.filter((m) => m.institution !== null && /^50[1-4]/.test(m.institution));
    expect(agencyOnly).toEqual([]);
  });

  test("salary items map as the domain notes say", () => {
    const m = new Map(ed.econMapping.map((x) => [x.dept, x]));
    for (const c of ["30101", "30102", "30103", "30107"]) expect(m.get(c)).toMatchObject({ agency: "50101", institution: "50501" });
    for (const c of ["30108", "30109", "30110", "30111", "30112"]) expect(m.get(c)).toMatchObject({ agency: "50102", institution: "50501" });
    expect(m.get("30113")).toMatchObject({ agency: "50103", institution: "50501" });
    expect(m.get("30201")).toMatchObject({ agency: "50201", institution: "50502" });
    expect(m.get("30302")).toMatchObject({ agency: "50905", institution: "50905" });
    expect(m.get("30309")).toMatchObject({ agency: "50901", institution: "50901" });
  });

  test("the mapping reproduces 表六 of the seed for a 事业单位", () => {
    const deptByName = new Map(ed.deptEconomic.filter((e) => e.code.length === 5).map((e) => [e.name, e.code]));
    const gov = new Map(ed.govEconomic.map((e) => [e.code, e.name]));
    const mapping = new Map(ed.econMapping.map((x) => [x.dept, x]));
    const got = SEED_TABLE6.map(([deptName]) => {
      const code = deptByName.get(deptName);
      const target = code ? mapping.get(code)?.institution : undefined;
      return [deptName, target ? gov.get(target) : undefined];
    });
    expect(got).toEqual(SEED_TABLE6);
  });

  const haveReference = fs.existsSync(REFERENCE_DIR);
  describe.each(REFERENCE_FILES)("reference $file", ({ file, kind }) => {
    const run = haveReference ? test : test.skip;
    run(
      haveReference
        ? "every observed code is present and its printed names agree"
        : "skipped: shared/reference/classification not found next to the repository",
      () => {
        const list = ed[kind] as CatalogueEntry[];
        const byCode = new Map(list.map((e) => [e.code, e]));
        const problems: string[] = [];
        for (const row of readCsv(path.join(REFERENCE_DIR, file))) {
          const entry = byCode.get(row.code);
          if (!entry) {
            problems.push(`${row.code} ${row.name}: missing`);
            continue;
          }
          const printed = [row.name, ...(row.alt_names ? row.alt_names.split("|") : [])];
          for (const p of printed) if (!nameAgrees(entry, p)) problems.push(`${row.code} ${p} ≠ ${entry.name}`);
        }
        expect(problems).toEqual([]);
      },
    );
  });
});

describe("the May 2025 revision (财预〔2025〕41号) in both editions", () => {
  /** Names from the notice; see data/README.md for the source and what is left out. */
  const REVISION: { kind: ClassificationKind; code: string; name: string }[] = [
    { kind: "functional", code: "2170404", name: "中央金融机构注资特别国债支出" },
    { kind: "functional", code: "22911", name: "中央金融机构注资特别国债财务基金支出" },
    { kind: "functional", code: "23107", name: "中央金融机构注资特别国债还本支出" },
    { kind: "revenue", code: "1030184", name: "中央金融机构注资特别国债财务基金收入" },
  ];
  /** Not carried until their names are confirmed: an invented name would turn a correct table into an error. */
  const UNCONFIRMED = ["10503", "1050303", "1050305"];

  test.each([2025, 2026])("%i carries the revision's confirmed codes with the notice's names", (year) => {
    const ed = builtInEdition(year)!;
    for (const r of REVISION) expect(ed[r.kind].find((e) => e.code === r.code)).toEqual({ code: r.code, name: r.name });
    // No 项 under the new 款 is carried: the notice names none.
    expect(ed.functional.filter((e) => e.code.length === 7 && (e.code.startsWith("22911") || e.code.startsWith("23107")))).toEqual([]);
    expect(ed.revenue.filter((e) => UNCONFIRMED.includes(e.code))).toEqual([]);
    expect(ed.note).toContain("财预〔2025〕41号");
  });

  test("the 2025 edition no longer claims to be the unrevised list", () => {
    const ed = builtInEdition(2025)!;
    expect(ed.note).toContain("2025年5月");
  });
});

describe("diffEditions", () => {
  test("lists added, removed and renamed codes per list and mapping changes, in code order", () => {
    const a = builtInEdition(2026)!;
    const b = builtInEdition(2026)!;
    b.functional = b.functional.filter((e) => e.code !== "2010608").map((e) => (e.code === "2010607" ? { ...e, name: "新名" } : e));
    b.functional.push({ code: "2010698", name: "甲" }, { code: "2010697", name: "乙" });
    b.econMapping = b.econMapping.map((m) => (m.dept === "30201" ? { ...m, agency: "50299" } : m));
    const d = diffEditions(a, b);
    expect(d.lists.functional.added.map((e) => e.code)).toEqual(["2010697", "2010698"]);
    expect(d.lists.functional.removed).toEqual([{ code: "2010608", name: "财政委托业务支出" }]);
    expect(d.lists.functional.renamed).toEqual([{ code: "2010607", from: "信息化建设", to: "新名" }]);
    expect(d.lists.revenue).toEqual({ added: [], removed: [], renamed: [] });
    expect(d.mapping.map((m) => [m.dept, m.from?.agency, m.to?.agency])).toEqual([["30201", "50201", "50299"]]);
    expect(diffIsEmpty(d)).toBe(false);
    expect(diffIsEmpty(diffEditions(a, builtInEdition(2026)!))).toBe(true);
    // Limited to the functional list, the mapping change is not compared.
    expect(diffEditions(a, b, ["functional"]).mapping).toEqual([]);
  });
});
