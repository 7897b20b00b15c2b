#!/usr/bin/env node
/* eslint-disable no-undef */
"use strict";
/**
 * `npm start` / `npm stop`: runs office-addin-debugging (sideloads manifest.xml into Excel and starts
 * the dev server) and exits 1 with a clear message when it cannot work, where the tool itself prints
 * "Platform not supported" and still exits 0.
 *
 *   node scripts/office-debug.js start|stop [manifest.xml]
 *
 * office-addin-debugging is an optional dependency: it pulls in keytar, a native module that needs
 * libsecret to build on Linux, and npm tolerates its failed build. Excel desktop exists only on
 * Windows and macOS, so elsewhere this script explains the alternatives instead of starting anything.
 */
const { spawn } = require("node:child_process");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");

function fail(zh, en) {
  process.stderr.write(`${zh}\n${en}\n`);
  process.exit(1);
}

/** Where Excel desktop can be sideloaded; exported for the test. */
function supported(platform, appType) {
  if (appType === "web") return true;
  return platform === "win32" || platform === "darwin";
}

/** The tool's own words for a failure it reports with exit code 0. */
const FAILURE = /^Error: (Unable to start debugging|Unable to sideload|Platform not supported|Unable to stop debugging)/m;

function main(argv) {
  const command = argv[0];
  if (command !== "start" && command !== "stop") fail("用法：node scripts/office-debug.js start|stop [manifest.xml]", "usage: node scripts/office-debug.js start|stop [manifest.xml]");
  const manifest = argv[1] || "manifest.xml";
  const appType = process.env.npm_package_config_app_type_to_debug || "desktop";
  if (!supported(process.platform, appType)) {
    fail(
      `npm ${command}：Excel 桌面版只有 Windows 和 macOS 版，在 ${process.platform} 上无法旁加载加载项。\n` +
        "  可以：运行 npm run dev-server，再在 Excel 网页版中“上传我的加载项”选择 manifest.xml；\n" +
        "  或者：npm run build:dev 后用浏览器打开 dist/browser.html；或者用命令行 budget-disclosure check。",
      `npm ${command}: Excel desktop exists only for Windows and macOS; an add-in cannot be sideloaded on ${process.platform}.\n` +
        "  Instead: npm run dev-server, then upload manifest.xml in Excel on the web (Insert > Add-ins > Upload My Add-in);\n" +
        "  or npm run build:dev and open dist/browser.html; or use the CLI (budget-disclosure check).",
    );
  }
  let cli;
  try {
    cli = require.resolve("office-addin-debugging/cli.js", { paths: [ROOT] });
  } catch {
    fail(
      "未安装旁加载工具 office-addin-debugging（可选依赖，安装时构建失败会被跳过）。\n" +
        "  请运行 npm install office-addin-debugging --no-save；在 Linux 上先安装 libsecret（Debian：apt-get install libsecret-1-dev）。",
      "The sideloading tool office-addin-debugging is not installed (an optional dependency, skipped when its native build fails).\n" +
        "  Run npm install office-addin-debugging --no-save; on Linux install libsecret first (Debian: apt-get install libsecret-1-dev).",
    );
  }
  const child = spawn(process.execPath, [cli, command, manifest], { cwd: ROOT, stdio: ["inherit", "pipe", "pipe"] });
  let seen = "";
  const pass = (stream, out) =>
    stream.on("data", (chunk) => {
      out.write(chunk);
      seen = (seen + chunk.toString()).slice(-65536);
    });
  pass(child.stdout, process.stdout);
  pass(child.stderr, process.stderr);
  child.on("error", (e) => fail(`无法运行 office-addin-debugging：${e.message}`, `cannot run office-addin-debugging: ${e.message}`));
  child.on("close", (code, signal) => {
    if (code !== 0 || signal) fail(`office-addin-debugging ${command} 失败（退出状态 ${signal || code}）。`, `office-addin-debugging ${command} failed (exit ${signal || code}).`);
    if (FAILURE.test(seen)) fail(`office-addin-debugging ${command} 报告了错误（见上）。`, `office-addin-debugging ${command} reported an error (see above).`);
    process.exit(0);
  });
}

if (require.main === module) main(process.argv.slice(2));
module.exports = { supported, FAILURE };
