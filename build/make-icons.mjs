// Draws Stint's icon (the shapes of build/icon.svg) and writes every file packaging and the tray need, with
// Node's built-ins only: PNGs (zlib), a Windows ICO and a macOS ICNS (both holding PNGs). Run it after
// changing the icon: `node build/make-icons.mjs`. The outputs are committed.
//
//   build/icon.png                 1024 px, the source electron-builder falls back to
//   build/icon.ico, build/icon.icns Windows and macOS
//   build/icons/NxN.png            Linux (AppImage, deb), 16–512 px
//   build/tray/                    copied to dist/icons/ by scripts/build.mjs for the main process:
//     tray.png, tray@2x.png        the tray icon (Windows, Linux)
//     trayTemplate.png, @2x        the macOS menu bar icon (a black template image; macOS tints it)
//     window.png                   the window icon (Linux, Windows)
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));

// ---- shapes, in the SVG's 1024-unit space: signed distances (negative inside) ----

const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, outer, inner) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return Math.max(d - outer, inner - d);
};
const roundedRect = (x0, y0, w, h, r) => (x, y) => {
  const cx = x0 + w / 2;
  const cy = y0 + h / 2;
  const qx = Math.abs(x - cx) - (w / 2 - r);
  const qy = Math.abs(y - cy) - (h / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const capsule = (ax, ay, bx, by, r) => (x, y) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - r;
};
const union =
  (...shapes) =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

const background = roundedRect(64, 64, 896, 896, 200);
const stopwatch = union(
  roundedRect(452, 150, 120, 70, 24),
  roundedRect(487, 210, 50, 70, 0),
  ring(512, 570, 310, 252),
  capsule(512, 570, 640, 392, 26),
  circle(512, 570, 46),
);
// The tray glyph is the stopwatch alone, scaled up to fill its square.
const GLYPH = { x: 170, y: 130, size: 760 };

const TOP = [0x3b, 0x82, 0xf6];
const BOTTOM = [0x1d, 0x4e, 0xd8];

/** Coverage (0..1) of a shape over one output pixel, from 4 × 4 samples. */
function coverage(shape, px, py, scale, ox, oy) {
  let inside = 0;
  for (let j = 0; j < 4; j++) {
    for (let i = 0; i < 4; i++) {
      if (shape(ox + (px + (i + 0.5) / 4) * scale, oy + (py + (j + 0.5) / 4) * scale) <= 0) inside++;
    }
  }
  return inside / 16;
}

/** RGBA pixels of the app icon at `size` px. */
function appIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const scale = 1024 / size;
  for (let y = 0; y < size; y++) {
    const t = Math.min(1, Math.max(0, ((y + 0.5) * scale - 64) / 896));
    const bg = TOP.map((c, k) => Math.round(c + (BOTTOM[k] - c) * t));
    for (let x = 0; x < size; x++) {
      const a = coverage(background, x, y, scale, 0, 0);
      const w = coverage(stopwatch, x, y, scale, 0, 0);
      const o = (y * size + x) * 4;
      if (a === 0) continue;
      // White over the background colour; the background's edge sets the alpha.
      for (let k = 0; k < 3; k++) rgba[o + k] = Math.round(bg[k] * (1 - w) + 255 * w);
      rgba[o + 3] = Math.round(255 * a);
    }
  }
  return rgba;
}

/** RGBA pixels of the stopwatch alone in `color`, on transparent. */
function glyph(size, color) {
  const rgba = Buffer.alloc(size * size * 4);
  const scale = GLYPH.size / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(stopwatch, x, y, scale, GLYPH.x, GLYPH.y);
      const o = (y * size + x) * 4;
      rgba[o] = color[0];
      rgba[o + 1] = color[1];
      rgba[o + 2] = color[2];
      rgba[o + 3] = Math.round(255 * a);
    }
  }
  return rgba;
}

// ---- file formats ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG (8-bit RGBA, no interlace) of `size` × `size` pixels. */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows ICO whose images are PNGs (Windows Vista and later). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** A macOS ICNS of PNG elements, each `{ type, png }` (icp4 16 px … ic10 1024 px). */
export function encodeIcns(elements) {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((sum, p) => sum + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// ---- write everything ----

function write(relative, data) {
  const file = join(HERE, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`wrote build/${relative} (${data.length} bytes)`);
}

const pngs = new Map();
const app = (size) => {
  if (!pngs.has(size)) pngs.set(size, encodePng(size, appIcon(size)));
  return pngs.get(size);
};

write('icon.png', app(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) write(`icons/${size}x${size}.png`, app(size));
write('icon.ico', encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: app(size) }))));
write(
  'icon.icns',
  encodeIcns([
    { type: 'icp4', png: app(16) },
    { type: 'icp5', png: app(32) },
    { type: 'icp6', png: app(64) },
    { type: 'ic07', png: app(128) },
    { type: 'ic08', png: app(256) },
    { type: 'ic09', png: app(512) },
    { type: 'ic10', png: app(1024) },
    { type: 'ic11', png: app(32) },
    { type: 'ic12', png: app(64) },
    { type: 'ic13', png: app(256) },
    { type: 'ic14', png: app(512) },
  ]),
);
write('tray/tray.png', app(16));
write('tray/tray@2x.png', app(32));
write('tray/trayTemplate.png', encodePng(16, glyph(16, [0, 0, 0])));
write('tray/trayTemplate@2x.png', encodePng(32, glyph(32, [0, 0, 0])));
write('tray/window.png', app(256));
