import { Catalogue, mergeEdition } from "../src/core/catalogue/catalogue";
import { cleanCode, inferKind, isParentCode, levelOfCode, parentCode } from "../src/core/catalogue/codes";
import { builtInEdition } from "../src/core/catalogue/editions";
import { compareNames, isTruncationOf, looseKey, normaliseName, PrefixIndex } from "../src/core/catalogue/normalise";
import { suggestCode } from "../src/core/catalogue/rules/common";
import { FIXTURE_EDITION, SEED_FUNCTIONAL_ROWS } from "./catalogue-fixture";

const cat = new Catalogue(FIXTURE_EDITION);

describe("normaliseName", () => {
  test.each([
    ["　　（一）维修（护）费 ", "维修(护)费"],
    ["维修(护)费", "维修(护)费"],
    ["一、一般公共服务支出", "一般公共服务支出"],
    ["二十三、灾害防治及应急管理支出", "灾害防治及应急管理支出"],
    ["①公务用车购置费", "公务用车购置费"],
    ["1.办公费", "办公费"],
    ["因公出国（境）费", "因公出国(境)费"],
    ["【其他】交通费用", "(其他)交通费用"],
    ["［专项］业务费", "(专项)业务费"],
    ["ＡＢＣ１２３", "ABC123"],
    ["“三公”经费", "三公经费"],
    ["财政 事务\u00a0", "财政事务"],
    ["住房公积金。", "住房公积金"],
    ["2010607", "2010607"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });
});

describe("looseKey", () => {
  test.each([
    ["机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险缴费"],
    ["其他财政事务支出", "其他财政事务"],
    ["财政事务其他支出", "其他财政事务支出"],
    ["其他交通费用", "其他交通费"],
  ])("%j and %j share a loose key", (a, b) => {
    expect(looseKey(a)).toBe(looseKey(b));
  });

  test("a bare 支出 is not emptied, different names stay apart", () => {
    expect(looseKey("支出")).toBe("支出");
    expect(looseKey("行政运行")).not.toBe(looseKey("事业运行"));
  });
});

describe("compareNames and truncation", () => {
  test.each([
    ["住房公积金", "住房公积金", "same"],
    ["维修(护)费", "维修（护）费", "normalised"],
    ["　　住房公积金", "住房公积金", "same"],
    ["住房 公积金", "住房公积金", "normalised"],
    ["机关事业单位基本养老保险缴费", "机关事业单位基本养老保险缴费支出", "loose"],
    ["机关事业单位基本养老保险缴费支", "机关事业单位基本养老保险缴费支出", "truncated"],
    ["机关事业单位职业年金缴", "机关事业单位职业年金缴费支出", "truncated"],
    ["行政运行", "事业运行", "different"],
  ] as const)("%j vs %j: %s", (a, b, rel) => {
    expect(compareNames(a, b)).toBe(rel);
  });

  test("a prefix shorter than four characters is not a truncation", () => {
    expect(isTruncationOf("机关事", "机关事业单位基本养老保险缴费支出")).toBe(false);
    expect(isTruncationOf("机关事业", "机关事业单位基本养老保险缴费支出")).toBe(true);
    expect(isTruncationOf("机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险缴费支出")).toBe(false);
  });

  test("PrefixIndex finds longer keys by prefix only", () => {
    const idx = new PrefixIndex<string>([["行政运行", "a"], ["行政单位医疗", "b"], ["行政单位离退休", "c"], ["事业运行", "d"]]);
    expect(idx.startingWith("行政单位").sort()).toEqual(["b", "c"]);
    expect(idx.startingWith("行政运行")).toEqual([]);
    expect(idx.startingWith("医疗")).toEqual([]);
  });
});

describe("codes", () => {
  test("kind from the first digits, level and parent from the length", () => {
    expect(["2010607", "30101", "50501", "1030148", "401", "20"].map(inferKind)).toEqual(["functional", "deptEconomic", "govEconomic", "revenue", null, null]);
    expect(["201", "20106", "2010607", "201060701"].map(levelOfCode)).toEqual(["类", "款", "项", null]);
    expect(parentCode("2010607")).toBe("20106");
    expect(parentCode("201")).toBeNull();
    // isParentCode(p, c) is parentCode(c) === p, without cutting c
    const codes = ["", "2", "20", "201", "202", "2010", "20106", "20107", "2010607", "201060701", "301", "30101"];
    for (const p of codes) for (const c of codes) expect([p, c, isParentCode(p, c)]).toEqual([p, c, parentCode(c) === p]);
    expect(cleanCode(" ２０１０６ ")).toBe("20106");
    expect(cleanCode(2010607)).toBe("2010607");
  });
});

describe("Catalogue: code → name", () => {
  test("name, level, parent", () => {
    expect(cat.name("2010650")).toBe("事业运行");
    expect(cat.name("30213", "deptEconomic")).toBe("维修（护）费");
    expect(cat.name("2010650", "deptEconomic")).toBeNull();
    expect(cat.name("2019999")).toBeNull();
    expect(cat.levelOf("20106")).toBe("款");
    expect(cat.parentOf("2010650")).toBe("20106");
    expect(cat.childrenOf("20805").map((i) => i.code)).toEqual(["2080501", "2080502", "2080505", "2080506"]);
    expect(cat.economicMapping("30108")).toEqual({ dept: "30108", agency: "50102", institution: "50501" });
  });
});

describe("Catalogue.matchName", () => {
  test("an exact unique name", () => {
    expect(cat.matchName("信息化建设", { kind: "functional" })).toEqual({ code: "2010607", name: "信息化建设", confidence: 1, reason: "exact" });
  });

  test("the parent row decides between same-named items", () => {
    const a = cat.matchName("事业运行", { kind: "functional", parentCode: "20106" });
    const b = cat.matchName("事业运行", { kind: "functional", parentCode: "20101" });
    expect([a?.code, a?.reason]).toEqual(["2010650", "context"]);
    expect([b?.code, b?.reason]).toEqual(["2010150", "context"]);
    // a grandparent narrows too: 201 holds both, so it is still ambiguous
    const c = cat.matchName("事业运行", { kind: "functional", parentCode: "201" });
    expect(c?.code).toBeNull();
    expect(c?.candidates?.map((x) => x.code)).toEqual(["2010150", "2010650"]);
  });

  test("without context an ambiguous name gives candidates and a low confidence, never a guess", () => {
    const m = cat.matchName("行政运行", { kind: "functional" });
    expect(m?.code).toBeNull();
    expect(m?.confidence).toBeLessThanOrEqual(0.5);
    expect(m?.candidates).toEqual([
      { code: "2010101", name: "行政运行" },
      { code: "2010601", name: "行政运行" },
    ]);
  });

  test("truncated names match by prefix, with a confidence that grows with what is left", () => {
    const long = cat.matchName("机关事业单位基本养老保险缴费支", { kind: "functional" });
    const short = cat.matchName("机关事业单位基本养", { kind: "functional" });
    expect([long?.code, long?.reason]).toEqual(["2080505", "prefix"]);
    expect(short?.code).toBe("2080505");
    expect(long!.confidence).toBeGreaterThan(short!.confidence);
    expect(long!.confidence).toBeLessThan(1);
    // a prefix shared by two entries is ambiguous
    const both = cat.matchName("机关事业单位", { kind: "functional" });
    expect(both?.code).toBeNull();
    expect(both?.candidates?.map((c) => c.code)).toEqual(["2080505", "2080506"]);
  });

  test("bracket, width and spacing variants match as normalised", () => {
    const m = cat.matchName("　维修(护)费", { kind: "deptEconomic" });
    expect([m?.code, m?.reason]).toEqual(["30213", "normalised"]);
    const l = cat.matchName("机关事业单位基本养老保险缴费", { kind: "functional" });
    expect([l?.code, l?.reason]).toEqual(["2080505", "normalised"]);
    expect(l!.confidence).toBeLessThan(m!.confidence);
  });

  test("aliases match with their own reason", () => {
    const m = cat.matchName("基本养老保险", { kind: "functional" });
    expect([m?.code, m?.reason]).toEqual(["2080505", "alias"]);
  });

  test("the level narrows: a 款 name is not taken for a 类", () => {
    expect(cat.matchName("财政事务", { kind: "functional", codeLength: 3 })).toBeNull();
    expect(cat.matchName("财政事务", { kind: "functional", codeLength: 5 })?.code).toBe("20106");
  });

  test("a name that exists only outside the parent says so and where it belongs", () => {
    const m = cat.matchName("住房公积金", { kind: "functional", parentCode: "20106" });
    expect(m?.code).toBeNull();
    expect(m?.outsideParent).toBe(true);
    expect(m?.candidates).toEqual([{ code: "2210201", name: "住房公积金" }]);
  });

  test("an unknown name gives null", () => {
    expect(cat.matchName("不存在的科目", { kind: "functional" })).toBeNull();
    expect(cat.matchName("   ", { kind: "functional" })).toBeNull();
  });

  test("a wrong code gets the right suggestion from its name", () => {
    // 2010601 行政运行 written where the name says 事业运行: the section of the code decides
    expect(suggestCode(cat, "事业运行", "2010601", "functional")?.code).toBe("2010650");
    // a code under the wrong section: the name is found elsewhere
    expect(suggestCode(cat, "住房公积金", "2010699", "functional")?.code).toBe("2210201");
    expect(suggestCode(cat, "行政运行", "2089999", "functional")).toBeNull();
  });
});

describe("mergeEdition", () => {
  test("user entries add codes and rename others, keeping the old name as an alias; the base is untouched", () => {
    const merged = mergeEdition(FIXTURE_EDITION, [
      { code: "2010608", name: "财政委托业务" },
      { code: "2010699", name: "其他财政事务支出" },
      { code: "2089901", name: "新增科目" },
    ]);
    const c = new Catalogue(merged);
    expect(c.name("2010608")).toBe("财政委托业务");
    expect(c.entry("2010608")?.aliases).toEqual(["财政委托业务支出"]);
    expect(c.matchName("财政委托业务支出", { kind: "functional" })?.code).toBe("2010608");
    expect(c.name("2089901")).toBe("新增科目");
    expect(c.entry("2010699")?.aliases).toEqual([]);
    expect(new Catalogue(FIXTURE_EDITION).name("2010608")).toBe("财政委托业务支出");
    // entries stay in code order, so a merged list reads like the official one
    const codes = merged.functional.map((e) => e.code);
    expect(codes).toEqual([...codes].sort());
  });
});

describe("the built-in 2026 edition", () => {
  const builtIn = Catalogue.forYear(2026);

  test("exists, and knows every code of the seed under its seed name", () => {
    expect(builtIn).not.toBeNull();
    expect(builtInEdition(2026)).not.toBeNull();
    for (const [code, name] of SEED_FUNCTIONAL_ROWS) expect([code, builtIn!.name(code)]).toEqual([code, name]);
  });

  test("finds the seed's ambiguous names from the parent code", () => {
    expect(builtIn!.matchName("事业运行", { kind: "functional", parentCode: "20106" })?.code).toBe("2010650");
    expect(builtIn!.matchName("事业单位医疗", { kind: "functional", parentCode: "21011" })?.code).toBe("2101102");
  });

  test("forYear: null for a year with no edition and no user entries; user entries alone make one", () => {
    expect(Catalogue.forYear(1990)).toBeNull();
    const own = Catalogue.forYear(1990, [{ code: "201", name: "一般公共服务支出" }]);
    expect(own?.name("201")).toBe("一般公共服务支出");
    expect(own?.year).toBe(1990);
  });
});
