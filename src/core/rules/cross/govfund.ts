import { relationRule } from "./relations";

/** Checks the relations its layout set declares under this rule's id (layouts/*.ts). */
export const crossGovFund = relationRule({
  id: "cross/govfund",
  severity: "error",
  title: { zh: "政府性基金与表一、表四一致", en: "Government fund tables agree with Tables 1 and 4" },
  doc:
    "表七合计等于表一、表四的政府性基金预算收入；表四无上年财政拨款结转时，表八合计等于表四本年支出合计的政府性基金预算列。",
});
