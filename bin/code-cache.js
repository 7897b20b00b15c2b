"use strict";
/**
 * Loads a CommonJS file (the CLI bundle, the batch worker) with a V8 code cache kept beside it
 * (`<file>.v8cache`), so that a run does not parse and compile ~700 KB of JavaScript again, nor
 * compile again the functions the previous run compiled lazily. Node 22.1+ has this built in
 * (module.enableCompileCache); Node 20 has not, hence vm.Script with cachedData.
 *
 * The cache is written by `npm run build:cli` (after checking the sample, so that it holds the
 * functions a check uses) and rewritten after a run whenever it is missing or V8 refused it (another
 * Node version, other V8 flags). It starts with a key (Node version, the file's size and mtime):
 * V8 itself only compares the source length, so a rebuilt bundle of the same length must not get
 * the old code. Writing is best effort (a read-only install just runs without the cache) and atomic
 * (a temporary file renamed into place), so runs in parallel never read half a cache.
 */
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");

const KEY_BYTES = 128;

function keyOf(stat) {
  const key = Buffer.alloc(KEY_BYTES, 32);
  key.write(`bda-v8cache ${process.version} ${process.arch} ${stat.size} ${stat.mtimeMs}`, "latin1");
  return key;
}

/** The cache file's V8 data when its key matches, else undefined. */
function readCache(cacheFile, key) {
  let buf;
  try {
    buf = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return buf.length > KEY_BYTES && buf.subarray(0, KEY_BYTES).equals(key) ? buf.subarray(KEY_BYTES) : undefined;
}

function writeCache(cacheFile, key, data) {
  const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([key, data]));
    fs.renameSync(tmp, cacheFile);
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}

/**
 * require(file), through the code cache. Returns { exports, cacheUsed, saveCache }: saveCache()
 * writes the cache if it is missing or was refused; call it when the work is done, so that the
 * cache holds the functions compiled meanwhile. With `{ force: true }` it always writes (the build).
 */
function requireCached(file) {
  const cacheFile = `${file}.v8cache`;
  const source = fs.readFileSync(file, "utf8");
  const key = keyOf(fs.statSync(file));
  const cachedData = process.env.BDA_NO_CODE_CACHE ? undefined : readCache(cacheFile, key);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod.loaded = true;
  require.cache[file] = mod;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  const usable = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: mod.exports,
    cacheUsed: usable,
    saveCache(opts = {}) {
      if ((usable && !opts.force) || process.env.BDA_NO_CODE_CACHE) return;
      writeCache(cacheFile, key, script.createCachedData());
    },
  };
}

module.exports = { requireCached };
