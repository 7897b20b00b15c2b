import type { TableId, TableRow } from "../../recognise/model";
import type { Rule } from "../../rules/types";
import type { Catalogue, CatalogueItem } from "../catalogue";
import { cleanCode } from "../codes";
import { relationTo } from "./name-mismatch";
import { catalogueOf } from "./common";

type Side = "agency" | "institution";

/** Names that may stand in 政府预算支出经济科目名称 for a 部门 item, with the unit type each implies. */
function allowedGovNames(cat: Catalogue, deptCode: string, classItem: CatalogueItem | undefined): Array<{ item: CatalogueItem; side: Side | null; classLevel?: true }> {
  const m = cat.economicMapping(deptCode);
  if (!m) return [];
  const out: Array<{ item: CatalogueItem; side: Side | null; classLevel?: true }> = [];
  const agency = m.agency ? cat.entry(m.agency, "govEconomic") : undefined;
  const institution = m.institution ? cat.entry(m.institution, "govEconomic") : undefined;
  if (agency) out.push({ item: agency, side: agency.code === institution?.code ? null : "agency" });
  if (institution && institution.code !== agency?.code) out.push({ item: institution, side: "institution" });
  // 事业单位 tables print the class-level name (工资福利支出, 商品和服务支出), as the seed does; it is
  // also the name of the 505 item, but a catalogue may word that one differently.
  if (classItem && m.institution?.startsWith("505")) out.push({ item: classItem, side: "institution" });
  // Units may print the 政府 class instead of the item (机关工资福利支出, 对事业单位经常性补助,
  // 对个人和家庭的补助 …): the class of a mapped item is as consistent as the item.
  const agencyClass = agency ? cat.entry(agency.code.slice(0, 3), "govEconomic") : undefined;
  const institutionClass = institution ? cat.entry(institution.code.slice(0, 3), "govEconomic") : undefined;
  if (agencyClass) out.push({ item: agencyClass, side: agencyClass.code === institutionClass?.code ? null : "agency", classLevel: true });
  if (institutionClass && institutionClass.code !== agencyClass?.code) out.push({ item: institutionClass, side: "institution", classLevel: true });
  return out;
}

function describe(items: CatalogueItem[]): string {
  return [...new Set(items.map((i) => i.name))].map((n) => `「${n}」`).join("或");
}

/**
 * code/economic-name (表六): every 部门预算支出经济科目名称 must be in the year's departmental
 * economic classification (类 on class rows, 款 on item rows, under their class), and the
 * 政府预算支出经济科目名称 beside it must be the 政府 item the 部门 item maps to — for 机关 the 501/502…
 * item, for 事业单位 the 505… item (printed with the class name 工资福利支出 / 商品和服务支出), or the
 * 政府 class of either (机关工资福利支出, 机关商品和服务支出, 对事业单位经常性补助, 对个人和家庭的补助 …).
 */
export const economicName: Rule = {
  id: "code/economic-name",
  severity: "error",
  title: { zh: "经济分类科目名称不符", en: "Economic classification name mismatch" },
  doc: "表六的部门预算支出经济科目名称须在本年目录中，政府预算支出经济科目名称须是其对应的政府经济分类科目。In table 6 each departmental economic name must be in the year's catalogue and the government economic name beside it must be the one it maps to.",
  reads: ["T06"],
  check(ctx, report) {
    const cat = catalogueOf(ctx);
    if (!cat) return;
    for (const table of ctx.tablesOf("T06")) {
      let classItem: CatalogueItem | undefined;
      const name2Column = table.columns.find((c) => c.role === "name2");
      const sides: Array<{ row: TableRow; side: Side }> = [];
      for (const row of table.rows) {
        if (row.kind !== "subject") continue;
        const written = row.name.text.trim();
        const code = row.code ? cleanCode(row.code.text) : "";
        const isClass = code ? code.length === 3 : row.depth === 0;
        const at = { table: table.id, sheet: table.sheet, cell: row.name.cell, actual: written };
        // With a code the code decides (code/name-mismatch checks the pair); without, the name.
        let item = code ? cat.entry(code, "deptEconomic") : undefined;
        if (!item && written) {
          const m = cat.matchName(written, { kind: "deptEconomic", codeLength: isClass ? 3 : 5, parentCode: isClass ? null : classItem?.code ?? null });
          if (m?.code) item = cat.entry(m.code, "deptEconomic");
          else {
            const where = isClass ? "类级" : "款级";
            const cands = m?.candidates?.length ? `可能是：${m.candidates.map((c) => `${c.code} ${c.name}`).join("、")}。` : "";
            const candsEn = m?.candidates?.length ? ` Perhaps: ${m.candidates.map((c) => `${c.code} ${c.name}`).join(", ")}.` : "";
            report({
              ...at,
              message: `「${written}」不是${cat.year}年部门预算支出经济分类的${where}科目${isClass || !classItem ? "" : `（在「${classItem.name}」之下）`}。${cands}`,
              messageEn: `"${written}" is not a ${isClass ? "class" : "section"}-level item of the ${cat.year} departmental economic classification${isClass || !classItem ? "" : ` (under "${classItem.name}")`}.${candsEn}`,
            });
            if (isClass) classItem = undefined;
            continue;
          }
        }
        if (!item) continue;
        if (isClass) {
          classItem = item;
          continue;
        }
        if (!code && relationTo(written, item) === "truncated") {
          report({
            ...at,
            severity: "info",
            expected: item.name,
            message: `经济科目名称「${written}」不完整，全称是「${item.name}」。`,
            messageEn: `The economic name "${written}" is cut short: the full name is "${item.name}".`,
          });
        }
        const allowed = allowedGovNames(cat, item.code, classItem);
        if (allowed.length === 0) continue; // no mapping in the catalogue: nothing to compare with
        const gov = row.name2?.text.trim() ?? "";
        const govCell = row.name2?.cell ?? (name2Column ? `${name2Column.letter}${row.r + 1}` : null);
        // Findings name the items (the classes are accepted as well, but would only lengthen the message).
        const named = allowed.filter((a) => !a.classLevel);
        const govAt = { table: table.id, sheet: table.sheet, cell: govCell, expected: describe(named.map((a) => a.item)) };
        if (gov === "") {
          report({
            ...govAt,
            severity: "warning",
            message: `「${item.name}」缺少政府预算支出经济科目名称，应为${describe(named.map((a) => a.item))}。`,
            messageEn: `"${item.name}" has no government economic name; expected ${named.map((a) => `"${a.item.name}"`).join(" or ")}.`,
          });
          continue;
        }
        const hit = allowed.filter((a) => relationTo(gov, a.item) !== "different");
        if (hit.length === 0) {
          report({
            ...govAt,
            actual: gov,
            message: `「${item.name}」（${item.code}）对应的政府预算支出经济科目应为${describe(named.map((a) => a.item))}，表中为「${gov}」。`,
            messageEn: `"${item.name}" (${item.code}) maps to the government economic item ${named.map((a) => `"${a.item.name}"`).join(" or ")}, not "${gov}".`,
          });
          continue;
        }
        const hitSides = new Set(hit.map((h) => h.side));
        if (hitSides.size === 1 && !hitSides.has(null)) sides.push({ row, side: [...hitSides][0] as Side });
      }
      reportMixedSides(sides, table.id, table.sheet, report);
    }
  },
};

/** A unit is either a 机关 or a 事业单位: a table mixing both mappings has the minority rows wrong. */
function reportMixedSides(
  sides: Array<{ row: TableRow; side: Side }>,
  table: TableId,
  sheet: string,
  report: Parameters<Rule["check"]>[1],
): void {
  const agency = sides.filter((s) => s.side === "agency");
  const institution = sides.filter((s) => s.side === "institution");
  if (agency.length === 0 || institution.length === 0) return;
  const minority = agency.length < institution.length ? agency : institution;
  const majorityZh = minority === agency ? "事业单位" : "机关";
  const majorityEn = minority === agency ? "public institution" : "administrative body";
  for (const { row } of minority) {
    report({
      table,
      sheet,
      cell: row.name2?.cell ?? row.name.cell,
      severity: "warning",
      actual: row.name2?.text,
      message: `本表多数行按${majorityZh}对应政府预算支出经济科目，本行「${row.name2?.text ?? ""}」不一致。`,
      messageEn: `Most rows of this table map to the government economic items of a ${majorityEn}; this row ("${row.name2?.text ?? ""}") does not.`,
    });
  }
}
