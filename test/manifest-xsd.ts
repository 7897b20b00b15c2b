/** Offline validation of add-in manifests with xmllint against the schemas in fixtures/manifest-xsd. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const XSD = path.join(__dirname, "fixtures", "manifest-xsd", "OfficeAppManifestV1_1.xsd");

/** null when xmllint runs; otherwise what to install. */
export function xmllintMissing(xmllint = "xmllint"): string | null {
  const r = spawnSync(xmllint, ["--version"], { encoding: "utf8" });
  return r.error ? `xmllint is not installed (${r.error.message}): install Debian's libxml2-utils (apt-get install -y libxml2-utils); the manifest cannot be validated without it` : null;
}

/** Validates XML text against the schemas; returns xmllint's verdict. */
export function validateManifest(xml: string, xmllint = "xmllint"): { ok: boolean; output: string } {
  const missing = xmllintMissing(xmllint);
  if (missing) throw new Error(missing);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bda-manifest-"));
  const file = path.join(dir, "manifest.xml");
  fs.writeFileSync(file, xml);
  const r = spawnSync(xmllint, ["--noout", "--nonet", "--schema", XSD, file], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

