import * as fs from "fs";
import * as path from "path";
import webpack from "webpack";

/**
 * Builds pages for browser tests with the project's webpack config (development mode, no source
 * maps) into `outDir`, unless a build there is newer than every input.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const STAMP = ".build-stamp.json";

/** The newest modification time of a file, or of a folder and everything in it. */
export function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function inputsMtime(): number {
  return Math.max(
    newestMtime(path.join(ROOT, "src")),
    newestMtime(path.join(ROOT, "assets")),
    newestMtime(path.join(ROOT, "webpack.config.js")),
    newestMtime(path.join(ROOT, "package-lock.json")),
  );
}

/** Runs one webpack compilation; rejects with webpack's error text when it fails. */
export function runWebpack(config: webpack.Configuration): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

export async function buildPages(outDir: string, entries: string[]): Promise<{ reused: boolean }> {
  const stampFile = path.join(outDir, STAMP);
  const key = entries.join(",");
  if (fs.existsSync(stampFile)) {
    const stamp = JSON.parse(fs.readFileSync(stampFile, "utf8")) as { entries: string; builtAt: number };
    if (stamp.entries === key && stamp.builtAt > inputsMtime() && entries.every((e) => fs.existsSync(path.join(outDir, `${e}.html`)))) {
      return { reused: true };
    }
  }
  const startedAt = Date.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (env: object, argv: object) => Promise<webpack.Configuration>;
  const config = await makeConfig({ entries: key, outDir, sourceMaps: "false" }, { mode: "development" });
  config.context = ROOT;
  config.infrastructureLogging = { level: "error" };
  await runWebpack(config);
  fs.writeFileSync(stampFile, JSON.stringify({ entries: key, builtAt: startedAt }));
  return { reused: false };
}
