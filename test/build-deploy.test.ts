/**
 * The deployment options of the web build (webpack.config.js): where taskpane.html loads office.js
 * from, its Content-Security-Policy, the generated manifest. Real webpack builds, into .tmp/.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import webpack from "webpack";
import { validateManifest } from "./manifest-xsd";

const ROOT = path.resolve(__dirname, "..");
const BASE = "https://addins.example.gov.cn/budget";
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

type MakeConfig = (env: object, argv: object) => Promise<webpack.Configuration>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(path.join(ROOT, "webpack.config.js")) as MakeConfig;

async function build(outDir: string, env: Record<string, string>, mode: "production" | "development"): Promise<webpack.Stats> {
  const config = await makeConfig({ entries: "taskpane,browser", outDir, sourceMaps: "false", ...env }, { mode });
  config.context = ROOT;
  config.infrastructureLogging = { level: "error" };
  // Production HTML (minified, hashes computed after) without minifying the bundles: what these
  // tests look at is the same, and terser over Fluent UI would take minutes on a shared machine.
  config.optimization = { ...config.optimization, minimize: false };
  return new Promise<webpack.Stats>((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((err, stats) => {
      const failure = err ?? (!stats ? new Error("webpack gave no stats") : stats.hasErrors() ? new Error(stats.toString({ all: false, errors: true })) : null);
      compiler.close(() => (failure ? reject(failure) : resolve(stats!)));
    });
  });
}

/**
 * The source files (node_modules ones included, concatenated modules taken apart) a chunk group of a
 * build loads: by name, a page's entry (what its <script> tags load) or an `import()` named by
 * webpackChunkName (the chunks loaded for it, split-off vendor chunks included).
 */
function chunkGroupFiles(stats: webpack.Stats): Map<string, string[]> {
  const { compilation } = stats;
  type Inner = webpack.Module & { modules?: Inner[] };
  const sources = (m: Inner): string[] => (m.modules ? m.modules.flatMap(sources) : [m.nameForCondition() ?? m.identifier()]);
  const groups = new Map<string, string[]>();
  for (const [name, group] of compilation.namedChunkGroups) {
    const files = group.chunks.flatMap((c) => [...compilation.chunkGraph.getChunkModulesIterable(c)].flatMap((m) => sources(m as Inner)));
    groups.set(name, files.map((f) => path.relative(ROOT, f).split(path.sep).join("/")));
  }
  return groups;
}

interface Page {
  html: string;
  csp: Map<string, string[]>;
  inlineScripts: string[];
  scriptSrcs: string[];
}

function readPage(file: string): Page {
  const html = fs.readFileSync(file, "utf8");
  const meta = /<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"/.exec(html);
  expect(meta).not.toBeNull();
  const csp = new Map(meta![1].split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  const inlineScripts: string[] = [];
  const scriptSrcs: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    const src = /\ssrc="?([^"\s>]+)/.exec(m[1] ?? "");
    if (src) scriptSrcs.push(src[1]);
    else inlineScripts.push(m[2]);
  }
  return { html, csp, inlineScripts, scriptSrcs };
}

const sha256 = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

/** Every inline script is allowed by its hash, and nothing else inline is. */
function expectInlineAllowedByHash(p: Page): void {
  expect(p.inlineScripts).toHaveLength(1);
  expect(p.inlineScripts[0]).toContain("budgetDisclosureBoot");
  const scriptSrc = p.csp.get("script-src")!;
  expect(scriptSrc).toContain(sha256(p.inlineScripts[0]));
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc.join(" ")).not.toContain("inline-script-hashes");
}

describe("production build for Microsoft's CDN with BASE_URL (npm run build)", () => {
  const out = path.join(ROOT, ".tmp", "build-cdn");
  let stats: webpack.Stats;
  beforeAll(async () => void (stats = await build(out, { baseUrl: BASE }, "production")), 400_000);

  test("taskpane.html loads office.js from the CDN; its policy allows that origin, itself and the start-up check only", () => {
    const p = readPage(path.join(out, "taskpane.html"));
    expect(p.scriptSrcs[0]).toBe(CDN);
    expect(p.scriptSrcs.slice(1).every((s) => /^taskpane\.[0-9a-f]{8}\.js$/.test(s))).toBe(true);
    expect(p.csp.get("default-src")).toEqual(["'self'"]);
    expect(p.csp.get("script-src")!.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(p.csp.get("connect-src")).toEqual(["'self'"]);
    expect(p.csp.get("frame-src")).toEqual(["'none'"]);
    expect(p.csp.get("worker-src")).toEqual(["'self'"]);
    expect(p.csp.get("object-src")).toEqual(["'none'"]);
    expectInlineAllowedByHash(p);
    // The start-up check comes before office.js, so it runs even when office.js hangs.
    expect(p.html.indexOf("budgetDisclosureBoot")).toBeLessThan(p.html.indexOf(CDN));
    expect(fs.existsSync(path.join(out, "office-js"))).toBe(false);
  });

  test("browser.html loads no office.js and allows only itself and the start-up check", () => {
    const p = readPage(path.join(out, "browser.html"));
    expect(p.scriptSrcs.filter((s) => /office/i.test(s))).toEqual([]);
    expect(p.scriptSrcs.every((s) => /^browser\.[0-9a-f]{8}\.js$/.test(s))).toBe(true);
    expect(p.csp.get("script-src")!.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'"]);
    expect(p.csp.get("connect-src")).toEqual(["'self'"]);
    expectInlineAllowedByHash(p);
  });

  // The finding's "…" menu and the dialogs are loaded on first use (issue 11): Fluent's Menu and
  // Dialog and our own modules drawing them are in chunks of their own, not in either page's
  // initial script. (What that script weighs is a bench figure: npm run bench, BENCH_ONLY=pane.)
  test("Menu and Dialog code stays out of both pages' initial script, in the chunks loaded on first use", () => {
    const groups = chunkGroupFiles(stats);
    const lazy: Array<[group: string, module: RegExp]> = [
      ["rule-menu", /node_modules\/@fluentui\/react-menu\//],
      ["rule-menu", /^src\/taskpane\/components\/RuleMenuPopup\.tsx$/],
      ["dialogs", /node_modules\/@fluentui\/react-dialog\//],
      ["dialogs", /^src\/taskpane\/components\/(dialogs-impl\.ts|DismissDialog\.tsx|ExportConfirmDialog\.tsx)$/],
    ];
    for (const page of ["taskpane", "browser"]) {
      const initial = groups.get(page) ?? [];
      // The page's own code is there (so the list is the right one)…
      expect(initial).toContain("src/taskpane/components/FindingItem.tsx");
      // …and none of what is loaded later.
      for (const [, module] of lazy) expect({ page, found: initial.filter((f) => module.test(f)) }).toEqual({ page, found: [] });
    }
    for (const [group, module] of lazy) expect({ group, module: String(module), there: (groups.get(group) ?? []).some((f) => module.test(f)) }).toEqual({ group, module: String(module), there: true });
  });

  test("the deployment manifest is written next to the pages, with BASE_URL, and validates", () => {
    const xml = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(xml).toContain(`<SourceLocation DefaultValue="${BASE}/taskpane.html"/>`);
    expect(xml).not.toContain("localhost");
    const r = validateManifest(xml);
    expect(r.output).toContain("validates");
    // Every icon the manifest names is in the output.
    for (const m of xml.matchAll(new RegExp(`${BASE}/(assets/icon-\\d+\\.png)`, "g"))) expect(fs.existsSync(path.join(out, m[1]))).toBe(true);
  });
});

describe("intranet build with a self-hosted office.js (officeJs=self)", () => {
  const out = path.join(ROOT, ".tmp", "build-self");
  beforeAll(() => build(out, { officeJs: "self" }, "development"), 400_000);

  test("office.js and the files it loads from its folder are in the output; the policy allows no other origin", () => {
    const p = readPage(path.join(out, "taskpane.html"));
    expect(p.scriptSrcs[0]).toBe("office-js/office.js");
    for (const f of ["office.js", "excel-win32-16.01.js", "excel-web-16.00.js", "excel-mac-16.00.js", "zh-cn/office_strings.js", "en-us/office_strings.js"]) {
      expect(fs.existsSync(path.join(out, "office-js", f))).toBe(true);
    }
    expect(p.csp.get("script-src")!.filter((s) => !s.startsWith("'sha256-") && s !== "'unsafe-eval'")).toEqual(["'self'"]);
    expectInlineAllowedByHash(p);
    // No BASE_URL: no deployment manifest is written (the dev manifest stays in the repository).
    expect(fs.existsSync(path.join(out, "manifest.xml"))).toBe(false);
  });
});

describe("office.js address options", () => {
  const paneOptions = async (env: Record<string, string>, mode = "production") => {
    const config = await makeConfig({ entries: "taskpane", ...env }, { mode });
    const html = (config.plugins ?? []).find((p) => p?.constructor?.name === "HtmlWebpackPlugin") as unknown as { userOptions: { officeJs: string; csp: string } };
    return html.userOptions;
  };

  test("the China (21Vianet) CDN needs its address given: no documented address is built in", async () => {
    await expect(paneOptions({ officeJs: "china" })).rejects.toThrow(/officeJsUrl/);
    const o = await paneOptions({ officeJs: "china", officeJsUrl: "https://office-js.example.cn/lib/1/hosted/office.js" });
    expect(o.officeJs).toBe("https://office-js.example.cn/lib/1/hosted/office.js");
    expect(o.csp).toContain("script-src 'self' https://office-js.example.cn 'inline-script-hashes'");
    expect(o.csp).not.toContain("appsforoffice.microsoft.com");
  });

  test("an unknown option or an http address is refused", async () => {
    await expect(paneOptions({ officeJs: "mirror" })).rejects.toThrow(/cdn, china or self/);
    await expect(paneOptions({ officeJsUrl: "http://intranet/office.js" })).rejects.toThrow(/https/);
  });

  test("development defaults to the local copy, production to the CDN", async () => {
    expect((await paneOptions({}, "development")).officeJs).toBe("office-js/office.js");
    expect((await paneOptions({}, "production")).officeJs).toBe(CDN);
  });
});
