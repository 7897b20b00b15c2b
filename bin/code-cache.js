"use strict";
/**
 * Loads a CommonJS file (the CLI bundle, the batch worker) with a V8 code cache kept beside it
 * (`<file>.v8cache`), so that a run does not parse and compile ~700 KB of JavaScript again, nor
 * compile again the functions the previous run compiled lazily. Node 22.1+ has this built in
 * (module.enableCompileCache); Node 20 has not, hence vm.Script with cachedData.
 *
 * The cache is written by `npm run build:cli` (after checking the sample, so that it holds the
 * functions a check uses) and rewritten after a run whenever it is missing or V8 refused it (another
 * Node version, other V8 flags). It starts with a key (Node version, the file's size and mtime, a
 * checksum of the data): V8 itself only compares the source length, so a rebuilt bundle of the same
 * length must not get the old code, and a release build of V8 does not verify the data (a damaged
 * cache crashes the process: "unreachable code"), so data whose checksum differs never reaches V8.
 * Writing is best effort (a read-only install just runs without the cache) and atomic
 * (a temporary file renamed into place), so runs in parallel never read half a cache.
 */
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");
const { isAscii } = require("node:buffer");

const KEY_BYTES = 128;

/** CRC-32 of the data (zlib.crc32, Node 20.15+; MD5 before). */
function checksum(data) {
  const zlib = require("node:zlib");
  return zlib.crc32 ? zlib.crc32(data).toString(16) : require("node:crypto").createHash("md5").update(data).digest("hex");
}

function keyOf(stat, data) {
  const key = Buffer.alloc(KEY_BYTES, 32);
  key.write(`bda-v8cache ${process.version} ${process.arch} ${stat.size} ${stat.mtimeMs} ${checksum(data)}`, "latin1");
  return key;
}

/** The whole file, read into `scratch` when it fits (memory already touched), else into a new buffer. */
function readInto(file, scratch) {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const buf = scratch && scratch.length >= size ? scratch.subarray(0, size) : Buffer.allocUnsafeSlow(size);
    let n = 0;
    while (n < size) {
      const k = fs.readSync(fd, buf, n, size - n, n);
      if (k === 0) break;
      n += k;
    }
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The cache file's V8 data when its key (with the data's checksum) matches, else undefined. Read
 * into `scratch` (the buffer the source was read into, free once the source string is made) when it
 * fits: ~200 fewer fresh pages, each a page fault.
 */
function readCache(cacheFile, stat, scratch) {
  let buf;
  try {
    buf = readInto(cacheFile, scratch);
  } catch {
    return undefined;
  }
  if (buf.length <= KEY_BYTES) return undefined;
  const data = buf.subarray(KEY_BYTES);
  return buf.subarray(0, KEY_BYTES).equals(keyOf(stat, data)) ? data : undefined;
}

function writeCache(cacheFile, stat, data) {
  const key = keyOf(stat, data);
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
 * The file's text inside Node's module wrapper (what Module.wrap gives), and its stat. The bundles
 * are ASCII (scripts/build-cli.js makes them so), so the wrapper and the file are read into one
 * buffer and made one flat one-byte string with a single copy: Module.wrap(readFileSync(file,
 * "utf8")) decoded the UTF-8 into one string and V8 then flattened the concatenation into a second,
 * ~1 MB each at every start. A file that is not ASCII is decoded as UTF-8, as before.
 */
function wrappedSource(file) {
  const [head, tail] = Module.wrapper;
  const fd = fs.openSync(file, "r");
  try {
    const stat = fs.fstatSync(fd);
    const buf = Buffer.allocUnsafeSlow(head.length + stat.size + tail.length);
    buf.latin1Write(head, 0);
    let n = 0;
    while (n < stat.size) {
      const k = fs.readSync(fd, buf, head.length + n, stat.size - n, n);
      if (k === 0) break;
      n += k;
    }
    const body = buf.subarray(head.length, head.length + n);
    if (n !== stat.size || !isAscii(body)) return { source: Module.wrap(body.toString("utf8")), stat, scratch: buf };
    buf.latin1Write(tail, head.length + n);
    return { source: buf.latin1Slice(0, head.length + n + tail.length), stat, scratch: buf };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * require(file), through the code cache. Returns { exports, cacheUsed, saveCache }: saveCache()
 * writes the cache if it is missing or was refused; call it when the work is done, so that the
 * cache holds the functions compiled meanwhile. With `{ force: true }` it always writes (the build).
 */
function requireCached(file) {
  const cacheFile = `${file}.v8cache`;
  const { source, stat, scratch } = wrappedSource(file);
  const cachedData = process.env.BDA_NO_CODE_CACHE ? undefined : readCache(cacheFile, stat, scratch);
  const script = new vm.Script(source, { filename: file, cachedData });
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
      writeCache(cacheFile, stat, script.createCachedData());
    },
  };
}

module.exports = { requireCached };
