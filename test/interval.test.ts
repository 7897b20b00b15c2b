import Decimal from "decimal.js";
import type { Amount } from "../src/core/money/amount";
import { Interval, checkSum, sumVerdict, sameFigure, halfUnit, scaledValue } from "../src/core/money/interval";

function amt(s: string, decimals?: number, raw?: string): Amount {
  const d = decimals ?? (s.includes(".") ? s.length - s.indexOf(".") - 1 : 0);
  return { value: new Decimal(s), decimals: d, raw: new Decimal(raw ?? s), fromText: false };
}

describe("Interval", () => {
  test("of: a figure shown with d decimals stands for ±½·10⁻ᵈ", () => {
    const i = Interval.of("12.68", 2);
    expect(i.lo.toString()).toBe("12.675");
    expect(i.hi.toString()).toBe("12.685");
    expect(Interval.of("1800000", 0).toString()).toBe("[1799999.5, 1800000.5]");
    expect(Interval.fromAmount(amt("434.67")).radius.toString()).toBe("0.005");
  });

  test("plus and sum add bounds", () => {
    const s = Interval.of("8.67", 2).plus(Interval.of("4.00", 2));
    expect(s.toString()).toBe("[12.66, 12.68]");
    const t = Interval.sum([Interval.of("8.67", 2), Interval.of("4.00", 2)]);
    expect(t.lo.eq(s.lo) && t.hi.eq(s.hi)).toBe(true);
    expect(Interval.sum([]).toString()).toBe("[0, 0]");
  });

  test("times scales 万元 to 元 and swaps for a negative factor", () => {
    const y = Interval.of("180.00", 2).times(10000);
    expect(y.toString()).toBe("[1799950, 1800050]");
    expect(y.contains(1800000)).toBe(true);
    expect(y.contains("1800050.01")).toBe(false);
    const n = Interval.of("1", 0).times(-2);
    expect(n.toString()).toBe("[-3, -1]");
  });

  test("intersects is closed at both ends", () => {
    const a = Interval.of("12.68", 2); // [12.675, 12.685]
    expect(a.intersects(Interval.between(new Decimal("12.685"), new Decimal("13")))).toBe(true);
    expect(a.intersects(Interval.between(new Decimal("12.6851"), new Decimal("13")))).toBe(false);
    expect(a.intersects(Interval.between(new Decimal("12"), new Decimal("12.675")))).toBe(true);
    expect(a.intersects(Interval.between(new Decimal("12"), new Decimal("12.6749")))).toBe(false);
    expect(Interval.of("12.69", 2).intersects(Interval.of("8.67", 2).plus(Interval.of("4.00", 2)))).toBe(false);
  });

  test("contains a value or an interval", () => {
    const a = Interval.of("10", 0);
    expect(a.contains("9.5")).toBe(true);
    expect(a.contains("9.49")).toBe(false);
    expect(a.contains(Interval.of("10.2", 1))).toBe(true);
    expect(a.contains(Interval.of("10.5", 1))).toBe(false);
    expect(Interval.exact(3).contains(3)).toBe(true);
  });

  test("halfUnit", () => {
    expect(halfUnit(0).toString()).toBe("0.5");
    expect(halfUnit(2).toString()).toBe("0.005");
    expect(halfUnit(25).eq(new Decimal("5e-26"))).toBe(true);
  });
});

describe("checkSum", () => {
  const kids = [amt("8.67"), amt("4.00")];
  const cases: Array<[string, string, boolean, boolean, string]> = [
    // parent, label, consistent, exact, difference
    ["12.67", "exact", true, true, "0"],
    ["12.68", "seed 21011: tail", true, false, "0.01"],
    ["12.69", "beyond tolerance", false, false, "0.02"],
    ["12.66", "tail below", true, false, "-0.01"],
    ["12.65", "beyond below", false, false, "-0.02"],
  ];
  test.each(cases)("12.67 = 8.67 + 4.00 vs %s (%s)", (p, _label, consistent, exact, diff) => {
    const r = checkSum(amt(p), kids);
    expect(r.consistent).toBe(consistent);
    expect(r.exact).toBe(exact);
    expect(r.difference.toString()).toBe(diff);
    expect(r.expected.toFixed(2)).toBe("12.67");
    expect(r.tolerance.toString()).toBe("0.015");
    expect(r.verdict).toBe(exact ? "exact" : consistent ? "tail" : "error");
    expect(sumVerdict(amt(p), kids)).toBe(r.verdict);
  });

  test("seed 表六 工资福利支出 220.63 vs ten items 220.61: tolerance 5.5 cents", () => {
    const items = ["47.20", "5.36", "71.14", "19.18", "39.45", "8.67", "4.00", "0.53", "19.09", "5.99"].map((s) => amt(s));
    const r = checkSum(amt("220.63"), items);
    expect(r.expected.toFixed(2)).toBe("220.61");
    expect(r.tolerance.toString()).toBe("0.055");
    expect(r.consistent).toBe(true);
    expect(r.exact).toBe(false);
    expect(sumVerdict(amt("220.63"), items)).toBe("tail");
    // ⌊(n+1)/2⌋ cents for n = 10 children: 5 cents allowed, 6 not
    expect(checkSum(amt("220.66"), items).consistent).toBe(true);
    expect(checkSum(amt("220.67"), items).consistent).toBe(false);
    expect(checkSum(amt("220.56"), items).consistent).toBe(true);
    expect(checkSum(amt("220.55"), items).consistent).toBe(false);
  });

  test("boundaries exactly at the tolerance and one cent beyond, both sides", () => {
    // three children at 2 decimals + parent: tolerance 0.02 exactly
    const three = [amt("1.00"), amt("2.00"), amt("3.00")];
    expect(checkSum(amt("6.02"), three).tolerance.toString()).toBe("0.02");
    expect(checkSum(amt("6.02"), three).consistent).toBe(true);
    expect(checkSum(amt("5.98"), three).consistent).toBe(true);
    expect(checkSum(amt("6.03"), three).consistent).toBe(false);
    expect(checkSum(amt("5.97"), three).consistent).toBe(false);
    for (const p of ["6.02", "5.98", "6.03", "5.97"]) {
      expect(sumVerdict(amt(p), three)).toBe(checkSum(amt(p), three).verdict);
    }
    // with three decimals the half-unit boundary is reachable with odd counts too
    const fine = [amt("1.000"), amt("2.000")];
    expect(checkSum(amt("3.0015", 4), fine).tolerance.toString()).toBe("0.00105");
    expect(checkSum(amt("3.001", 3), fine).consistent).toBe(true); // 0.001 ≤ 0.0015
    expect(checkSum(amt("3.002", 3), fine).consistent).toBe(false);
  });

  test("one child: two figures at the same precision allow one cent", () => {
    expect(checkSum(amt("434.67"), [amt("434.67")]).verdict).toBe("exact");
    // two figures at 2 decimals: tolerance 0.01, so one cent off is a tail; two are not
    expect(checkSum(amt("434.68"), [amt("434.67")]).verdict).toBe("tail");
    expect(checkSum(amt("434.69"), [amt("434.67")]).verdict).toBe("error");
  });

  test("mixed precisions: 0 and 2 decimals", () => {
    // parent 13 (0 decimals, ±0.5) vs 8.67 + 4.00 = 12.67 (±0.01): tolerance 0.51
    const r = checkSum(amt("13"), kids);
    expect(r.tolerance.toString()).toBe("0.51");
    expect(r.difference.toString()).toBe("0.33");
    expect(r.consistent).toBe(true);
    expect(r.decimals).toBe(2);
    expect(sumVerdict(amt("13"), kids)).toBe("tail");
    expect(checkSum(amt("14"), kids).consistent).toBe(false);
    // children at 0 decimals, parent at 2
    const whole = [amt("8"), amt("4")];
    expect(checkSum(amt("12.90"), whole).tolerance.toString()).toBe("1.005");
    expect(checkSum(amt("12.90"), whole).consistent).toBe(true);
    expect(checkSum(amt("13.01"), whole).consistent).toBe(false);
    expect(sumVerdict(amt("13.01"), whole)).toBe("error");
  });

  test("blank figures are exactly zero and add no tolerance", () => {
    const r = checkSum(amt("12.68"), [amt("8.67"), undefined, amt("4.00"), null]);
    expect(r.tolerance.toString()).toBe("0.015");
    expect(r.verdict).toBe("tail");
    const blankParent = checkSum(undefined, [amt("0.01")]);
    expect(blankParent.actual.toString()).toBe("0");
    expect(blankParent.difference.toString()).toBe("-0.01");
    expect(blankParent.tolerance.toString()).toBe("0.005");
    expect(blankParent.consistent).toBe(false);
    const none = checkSum(undefined, [undefined], 2);
    expect(none.exact).toBe(true);
    expect(none.decimals).toBe(2);
    expect(sumVerdict(undefined, [undefined])).toBe("exact");
  });

  test("large figures fall back to Decimal arithmetic", () => {
    const big = [amt("900000000000.01"), amt("100000000000.00")];
    expect(sumVerdict(amt("1000000000000.01"), big)).toBe("exact");
    expect(sumVerdict(amt("1000000000000.02"), big)).toBe("tail");
    expect(sumVerdict(amt("1000000000000.04"), big)).toBe("error");
    expect(sumVerdict(amt("0.0000001", 7), [amt("0.0000001", 7)])).toBe("exact");
    expect(sumVerdict(amt("0.0000003", 7), [amt("0.0000001", 7)])).toBe("error");
  });

  test("negative children", () => {
    expect(checkSum(amt("5.00"), [amt("10.00"), amt("-5.00")]).verdict).toBe("exact");
    expect(sumVerdict(amt("5.00"), [amt("10.00"), amt("-5.01")])).toBe("tail");
  });
});

describe("sameFigure", () => {
  test("equal at the same precision, blanks as zero", () => {
    expect(sameFigure(amt("533.48"), amt("533.48"))).toBe(true);
    expect(sameFigure(amt("533.48"), amt("533.49"))).toBe(false);
    expect(sameFigure(undefined, amt("0.00"))).toBe(true);
    expect(sameFigure(undefined, amt("0.01"))).toBe(false);
    expect(sameFigure(undefined, undefined)).toBe(true);
    expect(sameFigure(amt("1e12", 0), amt("1000000000000", 0))).toBe(true);
  });
});

describe("scaledValue (the allocation-free fast path)", () => {
  test.each(["0", "12.68", "-5.35", "1800000", "0.004", "123456789.123456", "999999999.999999", "-0.000001", "100.5", "99999999.99", "0.1", "7", "10000000", "0.0000010"])(
    "%s × 10⁶ is exact",
    (s) => {
      expect(scaledValue(new Decimal(s))).toBe(new Decimal(s).times(1e6).toNumber());
    },
  );
  test.each(["1000000000", "0.0000001", "12.3456789", "1e-20", "1e30"])("%s is out of the fast range", (s) => {
    expect(scaledValue(new Decimal(s))).toBeNaN();
  });
  test("agrees with Decimal on many random figures", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 5000; i++) {
      const digits = Math.floor(rnd() * 7);
      const v = new Decimal(Math.floor(rnd() * 1e12)).div(new Decimal(10).pow(Math.floor(rnd() * 4) + digits)).toDecimalPlaces(digits);
      const x = rnd() < 0.5 ? v.neg() : v;
      const expected = x.abs().lt(1e9) ? x.times(1e6).toNumber() : NaN;
      expect(scaledValue(x)).toBe(expected);
    }
  });
});
