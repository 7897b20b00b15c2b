import Decimal from "decimal.js";
import { CellAmount, formatDecimals, parseAmountCell, parseAmountText, plainFigureDecimals, textDecimals } from "../src/core/money/amount";
import type { Cell } from "../src/core/workbook/snapshot";

const shown = (cell: Cell) => {
  const p = parseAmountCell(cell);
  return p.kind === "amount" ? `${p.amount.value.toFixed(p.amount.decimals)}/${p.amount.decimals}${p.amount.fromText ? "/text" : ""}` : p.kind;
};

describe("figures as staff type them", () => {
  test.each([
    ["434.67", "434.67/2/text"],
    ["1,800,000", "1800000/0/text"],
    ["１２.５０", "12.50/2/text"],
    ["１，８００，０００", "1800000/0/text"],
    [" 533.48 ", "533.48/2/text"],
    ["-12.5", "-12.5/1/text"],
    ["", "empty"],
    ["-", "empty"],
    ["—", "empty"],
    ["－－", "empty"],
    ["/", "empty"],
    ["　", "empty"],
    ["12.3.4", "invalid"],
    ["1,80,000", "invalid"],
    ["约5万", "invalid"],
  ])("%s → %s", (text, expected) => {
    expect(shown({ v: text })).toBe(expected);
  });
});

describe("numeric cells keep the precision they are shown with", () => {
  test.each<[Cell, string]>([
    [{ v: 434.67, z: "0.00" }, "434.67/2"],
    [{ v: 100, z: "0.00" }, "100.00/2"],
    [{ v: 1800000, z: "#,##0" }, "1800000/0"],
    [{ v: 12.675, z: "0.00" }, "12.68/2"], // more stored than shown: rounded half up as Excel shows it
    [{ v: 434.66999999999996, z: "0.00" }, "434.67/2"], // binary noise of a cached formula
    [{ v: 8.67 }, "8.67/2"], // General: its own decimals
    [{ v: 19.1, t: "19.10" }, "19.10/2"], // displayed text wins
    [{ v: 5, z: "0.00_ ;[Red]-0.00 " }, "5.00/2"],
    [{ v: "#REF!", error: true }, "error"],
    [{ v: true }, "invalid"],
    [{ v: null }, "empty"],
  ])("%j → %s", (cell, expected) => {
    expect(shown(cell)).toBe(expected);
  });

  test("the stored figure is kept beside the shown one", () => {
    const p = parseAmountCell({ v: 12.675, z: "0.00" });
    expect(p.kind === "amount" && p.amount.raw.toString()).toBe("12.675");
    const q = parseAmountCell({ v: 434.67, z: "0.00" });
    expect(q.kind === "amount" && [q.amount.raw.toString(), q.amount.scaled]).toEqual(["434.67", 434670000]);
  });

  test("number formats and displayed texts", () => {
    expect(formatDecimals("#,##0.00")).toBe(2);
    expect(formatDecimals("0")).toBe(0);
    expect(formatDecimals("General")).toBeNull();
    expect(formatDecimals("@")).toBeNull();
    expect(formatDecimals('0.000"万元"')).toBe(3);
    expect(textDecimals("1,800,000")).toBe(0);
    expect(textDecimals("12.7")).toBe(1);
    expect(parseAmountText("12.").kind).toBe("amount");
  });
});

describe("figures in the JSON package", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { figure } = require("../src/core/report/package") as typeof import("../src/core/report/package");
  test.each<[Cell, string]>([
    [{ v: 434.67, z: "0.00" }, "434.67"],
    [{ v: 100, z: "0.00" }, "100.00"],
    [{ v: 0.05, z: "0.00" }, "0.05"],
    [{ v: -12.5, z: "0.00" }, "-12.50"],
    [{ v: 0, z: "0.00" }, "0.00"],
    [{ v: 1800000, z: "#,##0" }, "1800000"],
    [{ v: 12.675, z: "0.00" }, "12.68"],
    [{ v: 999999999.99, z: "0.00" }, "999999999.99"],
    [{ v: 123456789012.5, z: "0.00" }, "123456789012.50"],
  ])("%j → %s, the same as decimal.js gives", (cell, expected) => {
    const p = parseAmountCell(cell);
    if (p.kind !== "amount") throw new Error("not an amount");
    expect(figure(p.amount)).toBe(expected);
    expect(figure(p.amount)).toBe(p.amount.value.toFixed(p.amount.decimals));
  });
});

describe("a plain figure's Decimal is made from its scaled integer", () => {
  test("the same text as the cell's number, for numbers of 0 to 6 decimals up to 10⁹ (random and edge values)", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const values: number[] = [0, -0, 0.000001, -0.000001, 0.1, 0.7, 1.005, 2.675, 434.67, 999999999.999999, -123456789.123456, 8.5e8, 0.3];
    for (let i = 0; i < 200000; i++) {
      const d = i % 7;
      const k = Math.floor(rand() * 10 ** Math.min(15, 9 + d)) * (rand() < 0.2 ? -1 : 1);
      values.push(k / 10 ** d);
    }
    let checked = 0;
    for (const n of values) {
      const p = parseAmountCell({ v: n });
      if (p.kind !== "amount" || p.amount.scaled === undefined) continue;
      checked++;
      if (p.amount.value.toString() !== new Decimal(String(n)).toString()) throw new Error(`${n}: ${p.amount.value.toString()}`);
    }
    expect(checked).toBeGreaterThan(150000);
  });
});

describe("a figure that keeps its cell (CellAmount) is the figure parseAmountCell reads", () => {
  test("plainFigureDecimals ≥ 0 exactly where parseAmountCell gives a scaled integer, with the same decimals, scaled integer and JSON", () => {
    let seed = 777;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const formats = [undefined, "0", "0.00", "#,##0.00", "0.0000", "0.00000000", "General", "@"];
    const texts = [undefined, "1.5", "12", "1,234.567", "abc"];
    const cells: Cell[] = [{ v: "12.5" }, { v: "" }, { v: null }, { v: true }, { v: "#REF!", error: true }, { v: Infinity }, { v: NaN }, { v: 1e12 }, { v: -0 }];
    for (let i = 0; i < 50000; i++) {
      const d = i % 9;
      const n = (Math.floor(rand() * 10 ** Math.min(15, 6 + d)) * (rand() < 0.2 ? -1 : 1)) / 10 ** d;
      cells.push({ v: n, z: formats[i % formats.length], ...(i % 3 === 0 ? { t: texts[i % texts.length] } : {}) });
    }
    let plain = 0;
    for (const cell of cells) {
      const p = parseAmountCell(cell);
      const d = plainFigureDecimals(cell);
      const scaled = p.kind === "amount" ? p.amount.scaled : undefined;
      if (d < 0) {
        if (scaled !== undefined) throw new Error(`${JSON.stringify(cell)}: plain by parseAmountCell only`);
        continue;
      }
      if (p.kind !== "amount" || scaled === undefined) throw new Error(`${JSON.stringify(cell)}: plain by plainFigureDecimals only`);
      plain++;
      const a = new CellAmount(cell, d);
      if (a.decimals !== p.amount.decimals || !Object.is(a.scaled, scaled) || a.fromText || JSON.stringify(a) !== JSON.stringify(p.amount) || a.raw.toString() !== p.amount.raw.toString()) {
        throw new Error(`${JSON.stringify(cell)}: ${JSON.stringify(a)} ${a.scaled} vs ${JSON.stringify(p.amount)} ${scaled}`);
      }
    }
    expect(plain).toBeGreaterThan(10000);
    expect(plain).toBeLessThan(cells.length - 5000);
  });
});
