/* eslint-disable no-undef */
/**
 * Builds the task pane (taskpane.html, loaded by Excel) and the plain browser page (browser.html,
 * the same pane over an .xlsx picked from disk).
 *
 *   npm run build        production → dist/ (office.js from the Microsoft CDN unless told otherwise)
 *   npm run build:dev    development → dist/ (office.js copied from @microsoft/office-js, works offline)
 *   npm run dev-server   https://localhost:3000 with office-addin-dev-certs, http if no certificate
 *
 * Options (--env key=value, or the first argument when the config is called from code):
 *   entries=browser      build only some pages (comma-separated: taskpane,browser)
 *   outDir=path          output directory (tests build into their own)
 *   sourceMaps=false     no source maps in development (the browser test builds faster)
 *
 * Deployment options (also read from the environment: OFFICE_JS, OFFICE_JS_URL, BASE_URL):
 *   officeJs=cdn         office.js from Microsoft's global CDN (production default)
 *   officeJs=china       office.js from the CDN of Office 365 operated by 21Vianet: its address is
 *                        not in Microsoft's documentation we could find, so officeJsUrl is required
 *   officeJs=self        office.js and its host scripts copied into the output (office-js/), for an
 *                        intranet without internet (development default)
 *   officeJsUrl=https:// office.js from this address (any of the above can be overridden this way)
 *   baseUrl=https://…    where the pages will be served: writes the deployment manifest.xml into
 *                        the output (scripts/make-manifest.ts); the dev manifest stays localhost
 *
 * browser.html never loads office.js: that page must make no request beyond its own files.
 */
const childProcess = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_PORT = Number(process.env.npm_package_config_dev_server_port || 3000);
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_LOCAL = "office-js/office.js";
const OFFICE_JS_DIST = path.resolve(__dirname, "node_modules/@microsoft/office-js/dist");

const PAGES = {
  taskpane: { entry: "./src/taskpane/index.tsx", title: "预算公开助手", office: true },
  browser: { entry: "./src/browser/index.tsx", title: "预算公开助手（浏览器版）", office: false },
};

/**
 * office.js loads the host script (excel-win32-16.01.js, excel-web-16.00.js …) and the strings of
 * Office's UI language (de-de/office_strings.js …) from its own folder, so the local copy needs those
 * files next to it: the Excel scripts and every locale's office_strings.js, about 12 MB of the
 * package's 88 MB.
 */
function officeJsCopyPatterns() {
  return [
    {
      from: OFFICE_JS_DIST,
      to: "office-js",
      globOptions: {
        ignore: ["**/*.debug.js", "**/*.d.ts", "**/office-vsdoc.js"],
      },
      filter: (file) => {
        const rel = path.relative(OFFICE_JS_DIST, file).split(path.sep).join("/");
        return (
          /^(office|o15apptofilemappingtable|es6-promise)\.js$/.test(rel) ||
          /^excel[^/]*\.js$/.test(rel) ||
          /^[a-z]{2,3}(-[a-z0-9]+)+\/office_strings\.js$/.test(rel)
        );
      },
    },
  ];
}

/**
 * Where the task pane loads office.js from: { src, origin, copy }. `origin` goes into the pane's
 * Content-Security-Policy (null: same origin); `copy` puts the npm copy into the output.
 */
function officeJsSetting(env, dev) {
  const mode = String(env.officeJs || process.env.OFFICE_JS || (dev ? "self" : "cdn"));
  const url = env.officeJsUrl || process.env.OFFICE_JS_URL || "";
  if (!["cdn", "china", "self"].includes(mode)) {
    throw new Error(`officeJs must be cdn, china or self, not "${mode}"`);
  }
  if (url) {
    let u;
    try {
      u = new URL(url);
    } catch {
      throw new Error(`officeJsUrl is not a URL: ${url}`);
    }
    if (u.protocol !== "https:" && !(dev && u.protocol === "http:")) throw new Error(`officeJsUrl must be https: ${url}`);
    return { mode, src: u.href, origin: u.origin, copy: false };
  }
  if (mode === "china") {
    throw new Error(
      "officeJs=china needs officeJsUrl (OFFICE_JS_URL): the address of office.js on the 21Vianet CDN, as your " +
        "Office 365 operated by 21Vianet tenant documents it (e.g. …/lib/1/hosted/office.js). " +
        "officeJs=china 需要同时给出 officeJsUrl（世纪互联 CDN 上 office.js 的地址）。",
    );
  }
  if (mode === "cdn") return { mode, src: OFFICE_JS_CDN, origin: new URL(OFFICE_JS_CDN).origin, copy: false };
  return { mode, src: OFFICE_JS_LOCAL, origin: null, copy: true };
}

/**
 * The task pane's policy: its own files, office.js's origin (office.js loads its host script,
 * strings and telemetry sink from its own folder) and the inline start-up check by hash. No frames
 * (office.js's telemetry frame outside Office is refused), no requests to other origins.
 */
function paneCsp(dev, officeOrigin) {
  return [
    "default-src 'self'",
    `script-src 'self'${officeOrigin ? ` ${officeOrigin}` : ""} ${INLINE_HASHES}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    // The analysis runs in a Web Worker built from the page's own files.
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Replaced after minification with the hashes of the page's inline scripts (InlineScriptHashes). */
const INLINE_HASHES = "'inline-script-hashes'";
const BOOT_CHECK = path.resolve(__dirname, "src/taskpane/boot-check.js");

/**
 * Puts the SHA-256 of every inline <script> of the emitted page into its policy, so the start-up
 * check runs without 'unsafe-inline'. Done on the final HTML: minification cannot break the hash.
 */
class InlineScriptHashes {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("InlineScriptHashes", (compilation) => {
      // The last stage: after HtmlWebpackPlugin has written and minified the pages.
      const stage = compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT;
      compilation.hooks.processAssets.tap({ name: "InlineScriptHashes", stage }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!name.endsWith(".html")) continue;
          const html = assets[name].source().toString();
          if (!html.includes(INLINE_HASHES)) continue;
          const hashes = [];
          for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
            if (/\ssrc=/.test(m[1] || "") || m[2] === "") continue;
            hashes.push(`'sha256-${crypto.createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
          }
          compilation.updateAsset(name, new compiler.webpack.sources.RawSource(html.split(INLINE_HASHES).join(hashes.join(" "))));
        }
      });
    });
  }
}

/**
 * Emits the deployment manifest (manifest.xml with the deployment's address) into the output. The
 * generator is TypeScript (scripts/make-manifest.ts, tested on its own); it runs in a child process
 * under tsx, which keeps TypeScript loaders out of webpack's own process and cache.
 */
class DeploymentManifest {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("DeploymentManifest", (compilation) => {
      const stage = compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL;
      compilation.hooks.processAssets.tap({ name: "DeploymentManifest", stage }, () => {
        compilation.fileDependencies.add(path.resolve(__dirname, "manifest.xml"));
        const r = childProcess.spawnSync(
          process.execPath,
          [require.resolve("tsx/cli"), path.resolve(__dirname, "scripts/make-manifest.ts"), this.baseUrl],
          { cwd: __dirname, encoding: "utf8" },
        );
        if (r.status !== 0) {
          compilation.errors.push(new compiler.webpack.WebpackError(`manifest.xml: ${(r.stderr || r.error || "").toString().trim()}`));
          return;
        }
        compilation.emitAsset("manifest.xml", new compiler.webpack.sources.RawSource(r.stdout));
      });
    });
  }
}

/** Development builds use eval source maps, hence 'unsafe-eval' there only. */
function browserCsp(dev) {
  return [
    "default-src 'self'",
    `script-src 'self' ${INLINE_HASHES}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    // The analysis runs in a Web Worker built from the page's own files.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** HTTPS options from office-addin-dev-certs, or null when certificates cannot be made or trusted. */
async function devServerHttps() {
  try {
    const devCerts = require("office-addin-dev-certs");
    const o = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca: o.ca, key: o.key, cert: o.cert } };
  } catch (e) {
    console.warn(
      "\n[webpack] 无法安装或读取开发证书，开发服务器改用 http。Excel 只加载 https 的加载项；浏览器页面仍可使用。\n" +
        "[webpack] Could not install or read the Office dev certificates (" +
        (e && e.message ? e.message : e) +
        "); serving over plain http. Excel needs https, the browser page works.\n",
    );
    return null;
  }
}

/** Outputs of other builds that share dist/: the CLI compiled by tsc (tsconfig.node.json). */
const OTHER_BUILDS = ["node"];

/** webpack's output.clean.keep: called with paths relative to the output folder. */
function keepOtherBuilds(rel) {
  const first = String(rel).split(/[\\/]/)[0];
  return OTHER_BUILDS.includes(first);
}

const makeConfig = async (env = {}, argv = {}) => {
  const mode = argv.mode || env.mode || "production";
  const dev = mode !== "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const wanted = env.entries ? String(env.entries).split(",") : Object.keys(PAGES);
  const pages = wanted.map((name) => {
    if (!PAGES[name]) throw new Error(`unknown page "${name}"; pages: ${Object.keys(PAGES).join(", ")}`);
    return [name, PAGES[name]];
  });
  const needsOfficeJs = pages.some(([, p]) => p.office);
  const officeJs = needsOfficeJs ? officeJsSetting(env, dev) : null;
  const baseUrl = env.baseUrl || process.env.BASE_URL || "";
  const bootCheck = fs.readFileSync(BOOT_CHECK, "utf8").trim();

  const config = {
    mode: dev ? "development" : "production",
    devtool: dev && String(env.sourceMaps) !== "false" ? "eval-cheap-module-source-map" : false,
    entry: Object.fromEntries(pages.map(([name, p]) => [name, { import: p.entry }])),
    output: {
      path: path.resolve(__dirname, env.outDir || "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      // dist/node holds the CLI (npm run build:node, tsc): a page build removes only its own files.
      clean: { keep: keepOtherBuilds },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs"],
      // SheetJS and decimal.js carry Node fallbacks the browser never reaches.
      fallback: { fs: false, path: false, crypto: false, stream: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [
            // Griffel's build-time transform: our makeStyles() calls become precomputed class maps
            // (as Fluent ships its own), so the pane needs none of Griffel's runtime style resolver
            // (nor stylis and rtl-css-js) in its initial script. Runs after ts-loader.
            { loader: "@griffel/webpack-loader", options: { modules: [{ moduleSource: "@fluentui/react-components", importName: "makeStyles" }] } },
            {
              loader: "ts-loader",
              // Type checking is `npx tsc --noEmit`'s job; the bundle only needs the transpile.
              options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: dev } },
            },
          ],
        },
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
      ],
    },
    optimization: {
      // Fluent's icon package is thousands of modules; dropping unused ones also in development
      // keeps the test build quick.
      sideEffects: true,
      usedExports: true,
    },
    performance: { hints: false },
    // Rebuilds reuse parsed modules and minified output from node_modules/.cache/webpack: a cold
    // production build takes about a minute on two busy cores, a warm one seconds.
    cache: {
      type: "filesystem",
      name: `${mode}-${wanted.join("+")}${String(env.sourceMaps) === "false" ? "-nomaps" : ""}`,
      buildDependencies: { config: [__filename, BOOT_CHECK] },
    },
    plugins: [
      ...pages.map(
        ([name, p]) =>
          new HtmlWebpackPlugin({
            filename: `${name}.html`,
            template: "./src/taskpane/taskpane.html",
            chunks: [name],
            title: p.title,
            // office.js from the address the build was told (officeJsSetting); the browser page loads none.
            officeJs: p.office ? officeJs.src : null,
            // Both pages: only their own files (and office.js's origin); the browser page reads a
            // local file and may make no request to another origin.
            csp: p.office ? paneCsp(dev, officeJs.origin) : browserCsp(dev),
            bootCheck,
          }),
      ),
      new InlineScriptHashes(),
      ...(baseUrl && needsOfficeJs ? [new DeploymentManifest(baseUrl)] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          ...(officeJs && officeJs.copy ? officeJsCopyPatterns() : []),
        ],
      }),
    ],
  };

  if (serving) {
    const https = await devServerHttps();
    config.devServer = {
      host: "localhost",
      port: DEV_PORT,
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https || { type: "http" },
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    };
  }
  return config;
};

module.exports = makeConfig;
module.exports.keepOtherBuilds = keepOtherBuilds;
