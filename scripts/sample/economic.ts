/**
 * 表六's 政府预算支出经济科目名称 column, named as units print it. The seed prints, beside each 部门 item,
 * the class-level name a 事业单位 uses (工资福利支出, 商品和服务支出) and 509 items (离退休费 …); a 机关
 * prints its 501/502 items or their classes. Every naming here is one the 30x→50x correspondence of
 * the catalogue (econ-mapping.json) allows, so each must check as clean as the seed.
 */
import { Catalogue } from "../../src/core/catalogue/catalogue";
import type { TableData } from "./data";

/**
 * - "seed": as the seed prints it;
 * - "agencyItem" / "institutionItem": the 政府 item the 部门 item maps to for a 机关 (50101 工资奖金津补贴,
 *   50201 办公经费 …) or a 事业单位 (50501 工资福利支出, 50502 商品和服务支出 …);
 * - "agencyClass" / "institutionClass": that item's class (501 机关工资福利支出, 502 机关商品和服务支出,
 *   505 对事业单位经常性补助, 509 对个人和家庭的补助).
 */
export type EconomicNaming = "seed" | "agencyItem" | "agencyClass" | "institutionItem" | "institutionClass";

export const ECONOMIC_NAMINGS: EconomicNaming[] = ["seed", "agencyItem", "agencyClass", "institutionItem", "institutionClass"];

let catalogue: Catalogue | null = null;
function cat(): Catalogue {
  return (catalogue ??= Catalogue.forYear(2026)!);
}

/** The 政府 name for one 部门 item code under a naming, or null when the catalogue has no mapping. */
export function govEconomicName(deptCode: string, naming: Exclude<EconomicNaming, "seed">): string | null {
  const m = cat().economicMapping(deptCode);
  const code = naming.startsWith("agency") ? m?.agency : m?.institution;
  if (!code) return null;
  const target = naming.endsWith("Class") ? code.slice(0, 3) : code;
  return cat().name(target, "govEconomic");
}

/**
 * T06 with its name2 column renamed. `classRows` also writes the class-level 政府 name on the 部门 class
 * rows (工资福利支出 | 机关工资福利支出), which some units do; the seed leaves those cells empty.
 */
export function withEconomicNames(t: TableData, naming: EconomicNaming, classRows = false): TableData {
  if (t.id !== "T06" || (naming === "seed" && !classRows)) return t;
  const ni = t.columns.indexOf("name");
  const n2 = t.columns.indexOf("name2");
  if (ni < 0 || n2 < 0) return t;
  let classCode: string | null = null;
  let classRowIndex = -1;
  const rows = t.rows.map((r) => [...r]);
  const classGov = new Map<number, Set<string>>();
  rows.forEach((cells, i) => {
    const name = cells[ni].trim();
    if (name === "" || name === "合计") return;
    if (cells[n2] === "") {
      const m = cat().matchName(name, { kind: "deptEconomic", codeLength: 3 });
      classCode = m?.code ?? null;
      classRowIndex = i;
      return;
    }
    const m = cat().matchName(name, { kind: "deptEconomic", codeLength: 5, parentCode: classCode });
    if (!m?.code) throw new Error(`sample T06: no departmental economic item 「${name}」`);
    const target = naming === "seed" ? cells[n2] : govEconomicName(m.code, naming);
    if (target === null) throw new Error(`sample T06: no 政府 mapping for ${m.code} ${name}`);
    cells[n2] = target;
    const gov = govEconomicCode(m.code, naming === "seed" ? "institutionItem" : naming);
    if (gov) {
      const set = classGov.get(classRowIndex) ?? new Set<string>();
      set.add(gov.slice(0, 3));
      classGov.set(classRowIndex, set);
    }
  });
  if (!classRows) return { ...t, rows };
  for (const [i, classes] of classGov) {
    // A class row names one 政府 class only when all its items map under it.
    if (i >= 0 && classes.size === 1) rows[i][n2] = cat().name([...classes][0], "govEconomic") ?? "";
  }
  return { ...t, rows, classRows: [...classGov.keys()].filter((i) => i >= 0) };
}

function govEconomicCode(deptCode: string, naming: Exclude<EconomicNaming, "seed">): string | null {
  const m = cat().economicMapping(deptCode);
  return (naming.startsWith("agency") ? m?.agency : m?.institution) ?? null;
}
