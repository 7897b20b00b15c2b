import { tableLocal } from "../engine";
import type { Rule } from "../types";
import { vehicleSums } from "./relations";
import { checkVertical } from "./vertical";

export const sumVehicle: Rule = tableLocal({
  id: "sum/vehicle",
  severity: "error",
  title: { zh: "公务用车购置及运行费", en: "Official vehicle costs" },
  doc: "表十：公务用车购置及运行费等于公务用车购置费与公务用车运行维护费之和，逐列核对。",
  reads: ["T10"],
  check(ctx, report) {
    for (const t of ctx.tablesOf("T10")) checkVertical(t, vehicleSums(t), report);
  },
});
