// Runs fuzz cases for test/fuzz.test.ts in a child process, so that a hang is killed by the parent's
// timer instead of hanging the suite. Uses the compiled code in dist/node (test/global-setup.js builds it).
"use strict";
const path = require("node:path");
const dist = path.join(__dirname, "..", "dist", "node", "src");
const { readWorkbookBytes, InputError } = require(path.join(dist, "io", "xlsx-read.js"));
const { analyse, packageOf } = require(path.join(dist, "core", "analyse.js"));
const { Catalogue } = require(path.join(dist, "core", "catalogue", "catalogue.js"));
const { planFill } = require(path.join(dist, "core", "catalogue", "fill.js"));
const { patchXlsx, PatchError } = require(path.join(dist, "io", "xlsx-patch.js"));
const { canonicalJson } = require(path.join(dist, "core", "report", "canonical.js"));
const { validatePackage } = require(path.join(dist, "node", "validate-package.js"));

function run(bytes) {
  let wb;
  try {
    wb = readWorkbookBytes(bytes, "mutant.xlsx");
  } catch (e) {
    if (e instanceof InputError) return { outcome: "input-error", message: e.zh };
    throw e;
  }
  const result = analyse(wb);
  const pkg = packageOf(result);
  // the package must serialise canonically and be valid against its schema, seal included
  const invalid = validatePackage(JSON.parse(canonicalJson(pkg)));
  if (invalid.length) throw new Error(`the package is not valid: ${JSON.stringify(invalid.slice(0, 3))}`);
  const cat = Catalogue.forYear(result.recognition.year ?? 2026, []);
  let planned = 0;
  if (cat) {
    const plan = planFill(result.recognition, cat, { workbook: wb });
    planned = plan.changes.length;
    try {
      patchXlsx(bytes, plan.changes.map((c) => ({ sheet: c.sheet, cell: c.cell, value: c.after })));
    } catch (e) {
      if (!(e instanceof PatchError) && !(e instanceof InputError)) throw e;
    }
  }
  return { outcome: "result", tables: pkg.tables.length, problems: pkg.problems.length, errors: pkg.summary.errors, planned, unreadable: pkg.problems.filter((p) => p.kind === "unreadable-sheet").map((p) => p.message) };
}

process.on("message", (msg) => {
  let reply;
  try {
    reply = { id: msg.id, ...run(new Uint8Array(msg.bytes)) };
  } catch (e) {
    reply = { id: msg.id, outcome: "crash", error: String((e && e.stack) || e) };
  }
  process.send(reply);
});
