/**
 * What a user meets around the commands: the README's usage agrees with the CLI's, a closed pipe ends
 * quietly, `npm start` fails loudly where it cannot work. All run as processes.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, runCli as run } from "./run";



/** Usage lines "budget-disclosure CMD …" (continuation lines joined) → the options each command takes. */
function optionsByCommand(text: string): Map<string, string[]> {
  const lines = text.split("\n");
  const joined: string[] = [];
  for (const l of lines) {
    if (/^\s*budget-disclosure [a-z]/.test(l)) joined.push(l.trim());
    else if (joined.length && /^\s{8,}\[/.test(l)) joined[joined.length - 1] += " " + l.trim();
  }
  const out = new Map<string, string[]>();
  for (const l of joined) {
    const cmd = /^budget-disclosure ([a-z]+)/.exec(l)![1];
    const opts = [...l.matchAll(/(?<![\w-])(--?[a-z][a-z-]*)/g)].map((m) => m[1]);
    out.set(cmd, [...new Set(opts)].sort());
  }
  return out;
}

function readmeUsage(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Command line"));
  return /```\n([\s\S]*?)```/.exec(section)![1];
}

describe("usage", () => {
  test("the README's command-line usage lists the same commands and options as the CLI's --help", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    const cli = optionsByCommand(help.stdout);
    const readme = optionsByCommand(readmeUsage());
    expect([...cli.keys()].sort()).toEqual([...readme.keys()].sort());
    for (const [cmd, opts] of cli) expect([cmd, readme.get(cmd)]).toEqual([cmd, opts]);
    expect(cli.get("export")).toContain("--force");
    // fill's own --help says the same as the main usage line
    const fill = await run(["fill", "--help"]);
    expect(optionsByCommand(fill.stdout).get("fill")).toEqual(cli.get("fill"));
  });

  test("bad arguments still show the usage; an existing output does not", async () => {
    const bad = await run(["check", "--format", "xml", "x.xlsx"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("用法 / Usage");
  });
});

describe("a closed pipe", () => {
  test.each([
    ["rules", "rules"],
    ["check --format json", "check assets/samples/2026-单位预算公开-样例.xlsx --format json"],
  ])("%s | head -c 1: no EPIPE stack trace, exit 0", (_name, args) => {
    const r = spawnSync("bash", ["-c", `set -o pipefail; node bin/budget-disclosure.js ${args} | head -c 1 >/dev/null`], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.status).toBe(0);
  });
});

describe("npm start / npm stop", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wrapper = require(join(ROOT, "scripts", "office-debug.js")) as { supported(platform: string, appType: string): boolean; FAILURE: RegExp };

  test("sideloading into Excel desktop is possible on Windows and macOS only", () => {
    expect(wrapper.supported("win32", "desktop")).toBe(true);
    expect(wrapper.supported("darwin", "desktop")).toBe(true);
    expect(wrapper.supported("linux", "desktop")).toBe(false);
  });

  test("the failures office-addin-debugging reports with exit 0 are recognised", () => {
    // Its output on Linux, as seen: it still exits 0.
    const seen = "Sideloading the Office Add-in...\nError: Unable to start debugging.\nError: Unable to sideload the Office Add-in. \nError: Platform not supported: linux.\n";
    expect(wrapper.FAILURE.test(seen)).toBe(true);
    expect(wrapper.FAILURE.test("Debugging started.\n")).toBe(false);
  });

  const onDesktopLess = process.platform === "win32" || process.platform === "darwin" ? test.skip : test;
  onDesktopLess.each(["start", "stop"])("npm %s here exits 1 with a clear message", (cmd) => {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "office-debug.js"), cmd, "manifest.xml"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, npm_package_config_app_type_to_debug: "desktop" },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Excel 桌面版只有 Windows 和 macOS 版");
    expect(r.stderr).toContain("npm run dev-server");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test("package.json's start and stop go through the wrapper", () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toMatch(/^node scripts\/office-debug\.js start\b/);
    expect(scripts.stop).toMatch(/^node scripts\/office-debug\.js stop\b/);
  });
});
