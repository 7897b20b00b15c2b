import * as fs from "fs";
import * as path from "path";
import webpack from "webpack";
import { newestMtime as newest, runWebpack } from "./build";

/**
 * Bundles the Excel simulator (test/excel-sim/browser.ts) into one script that stands in for
 * office.js in browser tests: the test answers the page's request for office-js/office.js with it.
 */

const ROOT = path.resolve(__dirname, "..", "..");

export async function buildSimBundle(outDir: string, root: string = ROOT): Promise<string> {
  const ROOT = root;
  const file = path.join(outDir, "office-sim.js");
  const inputs = Math.max(newest(path.join(ROOT, "test", "excel-sim")), newest(path.join(ROOT, "src")));
  if (fs.existsSync(file) && fs.statSync(file).mtimeMs > inputs) return file;
  fs.mkdirSync(outDir, { recursive: true });
  const config: webpack.Configuration = {
    mode: "development",
    devtool: false,
    context: ROOT,
    entry: { "office-sim": "./test/excel-sim/browser.ts" },
    output: { path: outDir, filename: "[name].js" },
    resolve: { extensions: [".ts", ".js", ".mjs"], fallback: { fs: false, path: false, crypto: false, stream: false } },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: false } } } },
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
      ],
    },
    cache: { type: "filesystem", name: "excel-sim" },
    infrastructureLogging: { level: "error" },
    performance: { hints: false },
  };
  await runWebpack(config);
  return file;
}
