/**
 * Draws the add-in icons (assets/icon-<size>.png) in plain code: a blue rounded square holding a
 * white ledger sheet with ruled lines and a green check mark.
 *
 * Sizes: the ribbon's 16, 32 and 80 (required by the manifest) and the high-DPI steps Office asks for
 * (20, 24, 40, 48, 64: 125 %–200 % scaling of 16 and 32), 64 for HighResolutionIconUrl, 128 for
 * catalogues and the admin centre.
 *
 * Run: npx tsx scripts/make-icons.ts   (the PNGs are committed; rerun only to change the design)
 *
 * Shapes are described in a 0..1 coordinate space and rasterised with 4×4 supersampling, so every
 * size is drawn from the same geometry rather than scaled from a bitmap.
 */
import { deflateSync } from "zlib";
import { writeFileSync, mkdirSync } from "fs";
import { join } from "path";

type RGBA = [number, number, number, number];

const BLUE: RGBA = [0x0f, 0x6c, 0xbd, 255]; // Fluent brand blue, reads well on light and dark ribbons
const PAPER: RGBA = [255, 255, 255, 255];
const RULE: RGBA = [0x9d, 0xb8, 0xd6, 255];
const CHECK: RGBA = [0x10, 0x7c, 0x10, 255];

function insideRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Distance from point p to segment a–b. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Colour of the design at (x, y) in 0..1, or null for transparent. Later layers paint over earlier ones. */
function shade(x: number, y: number, size: number): RGBA | null {
  let c: RGBA | null = null;
  if (insideRoundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2)) c = BLUE;
  // The sheet: at 16 px there is no room for margins, so it grows a little.
  const m = size <= 16 ? 0.16 : 0.2;
  if (insideRoundedRect(x, y, m, m - 0.02, 1 - m, 1 - m + 0.06, 0.05)) c = PAPER;
  // Ruled lines of the ledger; fewer at small sizes so they do not blur into grey.
  const lines = size <= 16 ? [0.36, 0.52] : size <= 32 ? [0.34, 0.46, 0.58] : [0.32, 0.42, 0.52, 0.62];
  const lw = Math.max(0.035, 1.1 / size);
  for (const ly of lines) {
    if (x >= m + 0.08 && x <= 1 - m - 0.08 && Math.abs(y - ly) <= lw / 2) c = RULE;
  }
  // Check mark over the lower right of the sheet.
  const w = Math.max(0.085, 1.8 / size);
  const d = Math.min(segDist(x, y, 0.4, 0.66, 0.52, 0.78), segDist(x, y, 0.52, 0.78, 0.8, 0.44));
  if (d <= w / 2) c = CHECK;
  return c;
}

function render(size: number): Buffer {
  const ss = 4;
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sj = 0; sj < ss; sj++) {
        for (let si = 0; si < ss; si++) {
          const c = shade((i + (si + 0.5) / ss) / size, (j + (sj + 0.5) / ss) / size, size);
          if (!c) continue;
          // Average only the covered samples and carry coverage in alpha, so edges get no dark fringe.
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const o = (j * size + i) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
        px[o + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return encodePng(size, size, px);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

/** Every size drawn; the manifest (and test/manifest.test.ts) refer to these files. */
export const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 128] as const;

if (require.main === module) {
  const dir = join(__dirname, "..", "assets");
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(dir, `icon-${size}.png`);
    writeFileSync(file, render(size));
    console.log(`wrote ${file}`);
  }
}
