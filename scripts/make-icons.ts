/**
 * Draws the add-in's icons and writes them to assets/icon-<size>.png.
 *
 *   npx tsx scripts/make-icons.ts
 *
 * The picture is a white U-turn arrow on a green rounded square: cost that
 * runs forward and is flushed back. It is drawn from a few geometric shapes
 * in unit coordinates, 8×8 samples per pixel, and encoded as an RGBA PNG with
 * Node's zlib — no image library, and the output is byte-for-byte repeatable
 * (test/addin/manifest.test.ts compares the committed files with it).
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { deflateSync } from "node:zlib";

/** Sizes the manifest refers to: 16/32/80 for the ribbon, 32/64 for IconUrl/HighResolutionIconUrl. */
export const ICON_SIZES = [16, 32, 64, 80] as const;

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [0x0e, 0x7a, 0x5f];
const ARROW: Rgb = [0xff, 0xff, 0xff];
const SAMPLES = 8;

/** Rounded square filling the canvas. */
function inBackground(x: number, y: number): boolean {
  const r = 0.2;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
}

/** Distance from point p to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.min(1, Math.max(0, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

/** Inside the triangle a, b, c (any winding). */
function inTriangle(px: number, py: number, a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): boolean {
  const side = (p: readonly [number, number], q: readonly [number, number]) => (q[0] - p[0]) * (py - p[1]) - (q[1] - p[1]) * (px - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** The U-turn arrow: a top stroke to the right, a half ring down, a bottom stroke back left, an arrowhead. */
function inArrow(x: number, y: number): boolean {
  const half = 0.075; // half the stroke width; 2.4 px at 16 px, still legible
  const top = 0.3;
  const bottom = 0.66;
  const turnX = 0.6;
  const cy = (top + bottom) / 2;
  const radius = (bottom - top) / 2;
  if (segmentDistance(x, y, 0.28, top, turnX, top) <= half) return true;
  if (x >= turnX && Math.abs(Math.hypot(x - turnX, y - cy) - radius) <= half) return true;
  if (segmentDistance(x, y, turnX, bottom, 0.4, bottom) <= half) return true;
  return inTriangle(x, y, [0.14, bottom], [0.42, bottom - 0.17], [0.42, bottom + 0.17]);
}

/** RGBA pixels, row by row. */
function drawPixels(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const n = SAMPLES * SAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (!inBackground(x, y)) continue;
          const c = inArrow(x, y) ? ARROW : BACKGROUND;
          covered++;
          r += c[0];
          g += c[1];
          b += c[2];
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        pixels[o] = Math.round(r / covered);
        pixels[o + 1] = Math.round(g / covered);
        pixels[o + 2] = Math.round(b / covered);
        pixels[o + 3] = Math.round((255 * covered) / n);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG file (8-bit RGBA, no interlace, filter 0 on every row) of the icon at `size` × `size`. */
export function renderIcon(size: number): Buffer {
  const pixels = drawPixels(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0;
    Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows, { level: 9 })), chunk("IEND", new Uint8Array(0))]);
}

export const iconPath = (root: string, size: number): string => join(root, "assets", `icon-${size}.png`);

if (require.main === module) {
  const root = resolve(__dirname, "..");
  mkdirSync(join(root, "assets"), { recursive: true });
  for (const size of ICON_SIZES) {
    writeFileSync(iconPath(root, size), renderIcon(size));
    console.log(`wrote assets/icon-${size}.png`);
  }
}
