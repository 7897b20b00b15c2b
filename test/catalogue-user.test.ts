import { Catalogue, mergeEdition, type UserEntry } from "../src/core/catalogue/catalogue";
import { builtInEdition } from "../src/core/catalogue/editions";
import type { ClassificationKind } from "../src/core/catalogue/types";
import { parseUserEditionCsv, parseUserEditionCsvBytes, parseUserEditionRows, splitCsv } from "../src/core/catalogue/user-edition";

describe("parseUserEditionCsv", () => {
  test("a header row, a BOM, CRLF, quoted names and codes of every kind", () => {
    const csv = '\ufeff科目编码,科目名称\r\n201,一般公共服务支出\r\n20106,财政事务\r\n2010607,"信息化建设"\r\n30213,"维修（护）费"\r\n50501,工资福利支出\r\n1030148,"国有土地使用权出让收入,含""划拨"""\r\n';
    const res = parseUserEditionCsv(csv);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.entries).toEqual([
      { code: "201", name: "一般公共服务支出", kind: "functional" },
      { code: "20106", name: "财政事务", kind: "functional" },
      { code: "2010607", name: "信息化建设", kind: "functional" },
      { code: "30213", name: "维修（护）费", kind: "deptEconomic" },
      { code: "50501", name: "工资福利支出", kind: "govEconomic" },
      { code: "1030148", name: '国有土地使用权出让收入,含"划拨"', kind: "revenue" },
    ]);
    expect(res.data.counts).toEqual({ functional: 3, deptEconomic: 1, govEconomic: 1, revenue: 1 });
  });

  test("no header, a title line above, blank lines, indented names, columns in another order by header", () => {
    const plain = parseUserEditionCsv("2026年政府收支分类科目\n\n201,一般公共服务支出\n20106,　　财政事务\n");
    expect(plain.ok && plain.data.entries.map((e) => [e.code, e.name])).toEqual([
      ["201", "一般公共服务支出"],
      ["20106", "财政事务"],
    ]);
    const swapped = parseUserEditionCsv("名称,编码\n一般公共服务支出,201\n");
    expect(swapped.ok && swapped.data.entries[0]).toEqual({ code: "201", name: "一般公共服务支出", kind: "functional" });
  });

  test("tab-separated text (pasted from Excel) works too", () => {
    const res = parseUserEditionCsv("科目编码\t科目名称\n201\t一般公共服务支出\n");
    expect(res.ok && res.data.entries).toEqual([{ code: "201", name: "一般公共服务支出", kind: "functional" }]);
  });

  test.each([
    ["科目编码,科目名称\n201,一般公共服务支出\n20I06,财政事务\n", 3, "20I06,财政事务", "不是数字"],
    ["201,一般公共服务支出\n20106,财政事务\n\n2010607\n", 4, "2010607", "没有科目名称"],
    ["201,一般公共服务支出\n2010,财政事务\n", 2, "2010,财政事务", "位数"],
    ["201,一般公共服务支出\n401,不知何类\n", 2, "401,不知何类", "无法从编码"],
    ["201,一般公共服务支出\n201,一般公共服务\n", 2, "201,一般公共服务", "已是"],
    ["科目编码,科目名称\n,财政事务\n", 2, ",财政事务", "没有科目编码"],
  ])("malformed: %j is refused at line %i, nothing loaded", (csv, line, content, why) => {
    const res = parseUserEditionCsv(csv);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.line).toBe(line);
    expect(res.error.content).toBe(content);
    expect(res.error.message).toContain(`第 ${line} 行`);
    expect(res.error.message).toContain(why);
    expect(res.error.message).toContain(content);
    expect(res.error.messageEn).toContain(`Line ${line}`);
    expect(res.error.messageEn).toContain("Nothing was loaded");
    expect("data" in res).toBe(false);
  });

  test("a repeated code is found whether the codes before it come in order or not", () => {
    // in code order up to the repeat: the earlier line is still named
    const inOrder = parseUserEditionCsv("科目编码,科目名称\n201,一般公共服务支出\n20101,人大事务\n\n202,外交支出\n20101,人大\n");
    expect(!inOrder.ok && [inOrder.error.line, inOrder.error.message]).toEqual([6, "第 6 行有误：编码 20101 在第 3 行已是「人大事务」。内容：「20101,人大」。目录未加载。"]);
    // out of order first, then the repeat
    const outOfOrder = parseUserEditionCsv("202,外交支出\n201,一般公共服务支出\n\n20101,人大事务\n202,外交\n");
    expect(!outOfOrder.ok && [outOfOrder.error.line, outOfOrder.error.messageEn]).toEqual([5, 'Line 5 is wrong: code 202 already has the name "外交支出" on line 1. Content: "202,外交". Nothing was loaded.']);
    // a repeat with the same name is taken once, in either case
    const same = parseUserEditionCsv("201,一般公共服务支出\n201,一般公共服务支出\n203,国防支出\n202,外交支出\n203,国防支出\n20101,人大事务\n");
    expect(same.ok && same.data.entries.map((e) => e.code)).toEqual(["201", "203", "202", "20101"]);
  });

  test("a short line after a wide one is read with its own cells only", () => {
    // the CSV reader refills one array per line: nothing of the wider line above may be left in it
    const res = parseUserEditionCsv("201,一般公共服务支出,备注,更多\n20101\n");
    expect(!res.ok && [res.error.line, res.error.content, res.error.message]).toEqual([2, "20101", "第 2 行有误：编码 20101 没有科目名称。内容：「20101」。目录未加载。"]);
    const ok = parseUserEditionCsv("201,一般公共服务支出,备注,更多\n20101,人大事务\n\n2010101,行政运行,,\n");
    expect(ok.ok && ok.data.entries.map((e) => `${e.code} ${e.name}`)).toEqual(["201 一般公共服务支出", "20101 人大事务", "2010101 行政运行"]);
  });

  test("a line break inside a quoted name keeps later line numbers right", () => {
    const res = parseUserEditionCsv('201,"一般公共\n服务支出"\n20106,财政事务\nabc,坏行\n');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.line).toBe(4);
  });

  test("a long CSV, read row by row as it is split, gives what its rows give as a table", () => {
    // 20,000 lines with blank lines, a title, a header and a quoted name with a line break in it
    const lines = ["2026年科目", "", "科目编码,科目名称", '201,"一般公共\n服务支出"'];
    for (let i = 0; i < 20000; i++) lines.push(i % 997 === 0 ? "" : `2${String(10 + (i % 90)).padStart(2, "0")}${String(i).padStart(5, "0").slice(-4)},项目${i}`);
    const csv = lines.join("\n") + "\n";
    const res = parseUserEditionCsv(csv);
    const { rows } = splitCsv(csv);
    const asRows = parseUserEditionRows(rows);
    expect(res.ok && asRows.ok).toBe(true);
    if (!res.ok || !asRows.ok) return;
    expect(res.data).toEqual(asRows.data);
    expect(res.data.entries.length).toBe(1 + 20000 - Math.ceil(20000 / 997));
    // and a bad line at the end is found with its line number (the quoted name spans two lines)
    const bad = parseUserEditionCsv(csv + "abc,坏行\n");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.line).toBe(lines.length + 2);
  });

  test("a given kind is enforced", () => {
    const res = parseUserEditionCsv("30101,基本工资\n2010607,信息化建设\n", { kind: "deptEconomic" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect([res.error.line, res.error.message.includes("部门预算支出经济分类")]).toEqual([2, true]);
  });

  test("an empty file is refused", () => {
    const res = parseUserEditionCsv("科目编码,科目名称\n");
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toContain("没有科目编码");
  });
});

describe("encodings", () => {
  test("UTF-8 bytes with or without BOM", () => {
    const body = new TextEncoder().encode("201,一般公共服务支出\n");
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    for (const bytes of [body, bom]) {
      const res = parseUserEditionCsvBytes(bytes);
      expect(res.ok && res.data.entries[0].name).toBe("一般公共服务支出");
    }
  });

  test("GBK bytes are refused with the line and a hint to save as UTF-8", () => {
    // "201,一般" in GBK: 一 = D2 BB, 般 = B0 E3
    const gbk = new Uint8Array([...new TextEncoder().encode("code,name\n201,"), 0xd2, 0xbb, 0xb0, 0xe3, 0x0a]);
    const res = parseUserEditionCsvBytes(gbk);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.line).toBe(2);
    expect(res.error.message).toContain("UTF-8");
    expect(res.error.messageEn).toContain("GBK");
  });
});

describe("parseUserEditionRows (.xlsx rows from SheetJS)", () => {
  test("numeric codes, a title row, Excel row numbers in errors", () => {
    const rows: unknown[][] = [["2026年支出功能分类科目"], [], ["科目编码", "科目名称"], [201, "一般公共服务支出"], [20106, "财政事务"], ["2010607 ", "信息化建设"]];
    const res = parseUserEditionRows(rows);
    expect(res.ok && res.data.entries.map((e) => e.code)).toEqual(["201", "20106", "2010607"]);
    const bad = parseUserEditionRows([...rows, [2010608.5, "坏"]], { firstRow: 3 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect([bad.error.line, bad.error.content]).toEqual([9, "2010608.5,坏"]);
  });

  test("the Ministry layout with 类/款/项 columns", () => {
    const rows: unknown[][] = [
      ["类", "款", "项", "科目名称"],
      ["201", null, null, "一般公共服务支出"],
      [null, "06", null, "财政事务"],
      [null, null, "07", "信息化建设"],
      [null, null, "50", "事业运行"],
      ["208", null, null, "社会保障和就业支出"],
      [null, "05", null, "行政事业单位养老支出"],
      [null, null, "02", "事业单位离退休"],
    ];
    const res = parseUserEditionRows(rows);
    expect(res.ok && res.data.entries.map((e) => `${e.code} ${e.name}`)).toEqual([
      "201 一般公共服务支出",
      "20106 财政事务",
      "2010607 信息化建设",
      "2010650 事业运行",
      "208 社会保障和就业支出",
      "20805 行政事业单位养老支出",
      "2080502 事业单位离退休",
    ]);
  });
});

describe("a 项 without its 款 is refused with its line (it used to load as a wrong 5-digit code)", () => {
  test.each([
    ["no 款 line at all", [["201", null, null, "一般公共服务支出"], [null, null, "07", "信息化建设"]], 3],
    ["类 written on the 项 line, 款 missing", [["201", null, null, "一般公共服务支出"], ["201", null, "07", "信息化建设"]], 3],
    [
      "the 款 above belongs to another 类",
      [["201", null, null, "一般公共服务支出"], [null, "06", null, "财政事务"], ["208", null, null, "社会保障和就业支出"], [null, null, "02", "事业单位离退休"]],
      5,
    ],
  ])("%s", (_what, body, line) => {
    const res = parseUserEditionRows([["类", "款", "项", "科目名称"], ...(body as unknown[][])]);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.line).toBe(line);
      expect(res.error.message).toContain("缺少款编码");
    }
  });
});

describe("overriding a year", () => {
  test("user entries from a file rename and extend the built-in edition", () => {
    const res = parseUserEditionCsv("科目编码,科目名称\n2010608,财政委托业务\n2010698,新设科目\n");
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const base = Catalogue.forYear(2026)!;
    const cat = Catalogue.forYear(2026, res.data.entries)!;
    expect(base.name("2010608")).toBe("财政委托业务支出");
    expect(cat.name("2010608")).toBe("财政委托业务");
    expect(cat.name("2010698")).toBe("新设科目");
    expect(base.name("2010698")).toBeNull();
    // the rest of the year is still there, and the old name still finds the code
    expect(cat.name("2010607")).toBe("信息化建设");
    expect(cat.matchName("财政委托业务支出", { kind: "functional", parentCode: "20106" })?.code).toBe("2010608");
    expect(cat.note).toContain("用户");
  });

  test("user entries merged into the indexes give what the merged edition gives", () => {
    const user: UserEntry[] = [
      { code: "2010698", name: "新设科目" }, // new, kind inferred
      { code: "2010608", name: "财政委托业务" }, // renamed: the old name becomes an alias
      { code: "20106", name: "财政事务", aliases: ["财政"] }, // same name, an alias added
      { code: "201", name: "一般公共服务", kind: "functional" },
      { code: "201", name: "一般公共服务支出" }, // the code again: back to the built-in name
      { code: "2010699", name: "另一个新科目", aliases: ["另一个"] },
      { code: "30299", name: "其他商品和服务支出（用户）" },
      { code: "1030148", name: "国有土地使用权出让收入" },
      { code: "999", name: "不知何类" }, // skipped, as mergeEdition skips it
      { code: "20101", name: "人大事务", kind: "functional" },
    ];
    const direct = Catalogue.forYear(2026, user)!;
    const viaEdition = new Catalogue(mergeEdition(builtInEdition(2026)!, user));
    const kinds: ClassificationKind[] = ["functional", "deptEconomic", "govEconomic", "revenue"];
    for (const k of kinds) expect(direct.entries(k)).toEqual(viaEdition.entries(k));
    expect(direct.entries("functional").map((e) => e.code)).toEqual([...direct.entries("functional").map((e) => e.code)].sort());
    expect(direct.entry("2010608")).toEqual({ code: "2010608", name: "财政委托业务", kind: "functional", aliases: ["财政委托业务支出"] });
    expect(direct.entry("201")?.aliases).toEqual(["一般公共服务"]);
    expect(direct.has("999")).toBe(false);
    expect(direct.note).toBe(viaEdition.note);
    expect(direct.edition).toEqual(viaEdition.edition);
    expect(direct.childrenOf("20106")).toEqual(viaEdition.childrenOf("20106"));
    for (const name of ["财政委托业务支出", "新设科目", "另一个", "行政运行", "财政"]) {
      expect(direct.matchName(name, { kind: "functional" })).toEqual(viaEdition.matchName(name, { kind: "functional" }));
    }
  });
});
