// The CLI tests run the built command as a process: build it once, fresh, before the suite.
const { execFileSync } = require("node:child_process");
const path = require("node:path");

module.exports = async function globalSetup() {
  const root = path.join(__dirname, "..");
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node.json"], { cwd: root, stdio: "inherit" });
  // …and bundle it (npm run build:cli), as npm install does: the tests run the CLI users run.
  execFileSync(process.execPath, [path.join(root, "scripts", "build-cli.js")], { cwd: root, stdio: "inherit" });
};
