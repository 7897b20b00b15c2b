/**
 * The add-in manifests against Microsoft's XML schemas, offline (xmllint, test/fixtures/manifest-xsd),
 * and what the schemas cannot check: icon files and sizes, URLs of a generated manifest.
 */
import * as fs from "fs";
import * as path from "path";
import { ICON_SIZES } from "../scripts/make-icons";
import { makeManifest, manifestVersion, normaliseBaseUrl } from "../scripts/make-manifest";
import { EXCEL_API_FLOOR } from "../src/taskpane/start";
import { validateManifest, xmllintMissing } from "./manifest-xsd";

const ROOT = path.resolve(__dirname, "..");
const DEV = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const BASE = "https://addins.example.gov.cn/budget";

function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

const urlsOf = (xml: string) => [...xml.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"|<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1] ?? m[2]);

test("xmllint is installed (Debian libxml2-utils); without it this suite fails rather than passing silently", () => {
  expect(xmllintMissing()).toBeNull();
});

test("without xmllint, validation fails saying what to install", () => {
  expect(() => validateManifest(DEV, "/nonexistent/xmllint")).toThrow(/xmllint is not installed.*libxml2-utils/);
});

describe("the development manifest (manifest.xml)", () => {
  test("validates against the schemas", () => {
    const r = validateManifest(DEV);
    expect(r.output).toContain("validates");
    expect(r.ok).toBe(true);
  });

  test("the schemas do reject a broken manifest: a required element missing, elements out of order", () => {
    const noId = validateManifest(DEV.replace(/<Id>[^<]*<\/Id>/, ""));
    expect(noId.ok).toBe(false);
    const swapped = validateManifest(DEV.replace(/(<Requirements>[\s\S]*?<\/Requirements>)\s*(<DefaultSettings>[\s\S]*?<\/DefaultSettings>)/, "$2\n  $1"));
    expect(swapped.ok).toBe(false);
    const badSize = validateManifest(DEV.replace('<bt:Image size="16"', '<bt:Image size="sixteen"'));
    expect(badSize.ok).toBe(false);
  });

  test("every URL is on the dev server", () => {
    const urls = urlsOf(DEV);
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((u) => !u.startsWith("https://localhost:3000"))).toEqual([]);
  });

  test("requires ExcelApi at the floor the pane checks at start-up", () => {
    expect(DEV).toMatch(new RegExp(`<Set Name="ExcelApi" MinVersion="${EXCEL_API_FLOOR.replace(".", "\\.")}"/>`));
  });

  test("ribbon icons in every size Office uses, each file present and of its stated size", () => {
    const images = [...DEV.matchAll(/<bt:Image id="Icon\.(\d+)x(\d+)" DefaultValue="https:\/\/localhost:3000\/(assets\/icon-(\d+)\.png)"\/>/g)];
    const sizes = images.map((m) => Number(m[1]));
    expect(sizes).toEqual([16, 20, 24, 32, 40, 48, 64, 80]);
    for (const m of images) {
      expect(m[1]).toBe(m[2]);
      expect(m[4]).toBe(m[1]);
      expect(pngSize(path.join(ROOT, m[3]))).toEqual([Number(m[1]), Number(m[1])]);
    }
    // Both icon lists (group and button) name every size.
    for (const n of sizes) expect(DEV.split(`<bt:Image size="${n}" resid="Icon.${n}x${n}"/>`).length - 1).toBe(2);
    // IconUrl 32, HighResolutionIconUrl 64.
    expect(DEV).toContain('<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>');
    expect(DEV).toContain('<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>');
    // scripts/make-icons.ts draws every size the manifest names, and the files are committed.
    for (const n of [...sizes, 128]) {
      expect(ICON_SIZES).toContain(n);
      expect(pngSize(path.join(ROOT, "assets", `icon-${n}.png`))).toEqual([n, n]);
    }
  });
});

describe("a generated deployment manifest (scripts/make-manifest.ts)", () => {
  const xml = makeManifest(DEV, BASE + "/", VERSION);

  test("validates against the schemas", () => {
    const r = validateManifest(xml);
    expect(r.output).toContain("validates");
    expect(r.ok).toBe(true);
  });

  test("carries the deployment's address everywhere, its origin as AppDomain, the package version", () => {
    expect(xml).not.toContain("localhost");
    const urls = urlsOf(xml);
    expect(urls.length).toBe(urlsOf(DEV).length);
    for (const u of urls) expect(u === "https://addins.example.gov.cn" || u.startsWith(BASE + "/")).toBe(true);
    expect(xml).toContain("<AppDomain>https://addins.example.gov.cn</AppDomain>");
    expect(xml).toContain(`<SourceLocation DefaultValue="${BASE}/taskpane.html"/>`);
    expect(xml).toContain(`<Version>${manifestVersion(VERSION)}</Version>`);
    expect(manifestVersion("1.2.3")).toBe("1.2.3.0");
    // Only the URLs changed: same id, same structure.
    expect(xml.replace(/<!--[\s\S]*?-->/g, "").split("\n").length).toBe(DEV.replace(/<!--[\s\S]*?-->/g, "").split("\n").length);
    expect(xml).toContain("<Id>8ec7b196-6a77-4f4f-a154-ed8c8d83acff</Id>");
  });

  test("refuses an address Office would not load", () => {
    expect(() => normaliseBaseUrl("http://addins.example.gov.cn")).toThrow(/https/);
    expect(() => normaliseBaseUrl("addins.example.gov.cn")).toThrow(/不是有效的网址/);
    expect(() => normaliseBaseUrl("https://x.example/?a=1")).toThrow(/查询串/);
    expect(normaliseBaseUrl("https://X.example:8443/a/b/")).toBe("https://x.example:8443/a/b");
    expect(normaliseBaseUrl("https://x.example")).toBe("https://x.example");
  });

  test("an address with characters XML must escape stays well-formed", () => {
    const r = validateManifest(makeManifest(DEV, "https://x.example/a&b", VERSION));
    expect(r.ok).toBe(true);
  });
});
