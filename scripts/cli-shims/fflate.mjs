/**
 * "fflate" as the CLI bundle sees it (scripts/build-cli.js resolves the package here for every module
 * but this one). fflate builds its Huffman and bit-reversal tables when it is loaded — a loop of
 * 32,768 steps and more, run uncompiled at every start of the CLI, for nothing in an ordinary check:
 * Node inflates the workbook (zlib) and fflate only decodes the zip's part names. So the names are
 * decoded here exactly as fflate's strFromU8 decodes them, and the real module is loaded on the first
 * call of anything else (the inflate fallback for Node without process.getBuiltinModule, fill's and
 * the open-data export's zip). A module that imports another name fails the build, as it should.
 */
let real;
const load = () => (real ??= require("fflate"));
let utf8;

/** fflate's strFromU8: Latin-1 (zip names without the UTF-8 flag), else UTF-8 through TextDecoder. */
export function strFromU8(dat, latin1) {
  if (latin1) {
    let r = "";
    for (let i = 0; i < dat.length; i += 16384) r += String.fromCharCode.apply(null, dat.subarray(i, i + 16384));
    return r;
  }
  if (typeof TextDecoder === "undefined") return load().strFromU8(dat, latin1);
  return (utf8 ??= new TextDecoder()).decode(dat);
}

/** new Inflate(ondata): the real one (a constructor that returns an object gives that object to `new`). */
export function Inflate(...args) {
  const RealInflate = load().Inflate;
  return new RealInflate(...args);
}

export function unzipSync(...args) {
  return load().unzipSync(...args);
}

export function zipSync(...args) {
  return load().zipSync(...args);
}
