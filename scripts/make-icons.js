#!/usr/bin/env node
// Draws the add-in's icon and writes assets/icon-{16,32,64,80,128}.png and assets/icon.svg.
//
// One geometry, two outputs: the PNGs are rasterised here (8x8 supersampling per pixel, encoded
// with zlib only: no image library, no browser), and icon.svg is the same drawing as vector
// source for anyone who wants to restyle it. Re-run after changing the geometry:
//   node scripts/make-icons.js
// The output is deterministic, so re-running without changes leaves the files as they are.
//
// The drawing: a blue rounded square (the tile), a faint 3x3 spreadsheet grid (omitted at 16 px,
// where it would only muddy the tile), and a bold white check mark.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ASSETS = path.resolve(__dirname, '..', 'assets');
const SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 8;

// Geometry in unit coordinates (0..1 across the icon).
const TILE = { inset: 0.03, radius: 0.2 };
const TILE_TOP = [0x2b, 0x79, 0xd6]; // gradient, top of the tile
const TILE_BOTTOM = [0x16, 0x4d, 0x9a]; // gradient, bottom of the tile
const GRID = { lines: [1 / 3, 2 / 3], margin: 0.03, alpha: 0.32, minSize: 32 };
const CHECK = {
  points: [
    [0.25, 0.52],
    [0.42, 0.69],
    [0.76, 0.33],
  ],
  halfWidth: 0.085,
};

function clamp01(v) {
  return Math.min(1, Math.max(0, v));
}

/** Signed distance from (x, y) to a rounded rectangle spanning [a, b] on both axes with radius r. */
function roundedRectDistance(x, y, a, b, r) {
  const cx = (a + b) / 2;
  const half = (b - a) / 2 - r;
  const qx = Math.abs(x - cx) - half;
  const qy = Math.abs(y - cx) - half;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp01(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inCheck(x, y) {
  const p = CHECK.points;
  for (let i = 0; i + 1 < p.length; i++) {
    if (segmentDistance(x, y, p[i], p[i + 1]) <= CHECK.halfWidth) return true;
  }
  return false;
}

/**
 * Grid line centres and width in pixels for one size, snapped to the pixel grid so that 1 px and
 * 2 px lines stay crisp instead of smearing over two pixel columns.
 */
function gridFor(size) {
  if (size < GRID.minSize) return null;
  const width = Math.max(1, Math.round(size / 40));
  const centres = GRID.lines.map((t) => Math.round(size * t - width / 2) + width / 2);
  const lo = size * (TILE.inset + GRID.margin);
  const hi = size * (1 - TILE.inset - GRID.margin);
  return { width, centres, lo, hi };
}

function onGrid(grid, px, py) {
  if (!grid) return false;
  if (px < grid.lo || px > grid.hi || py < grid.lo || py > grid.hi) return false;
  return grid.centres.some((c) => Math.abs(px - c) <= grid.width / 2 || Math.abs(py - c) <= grid.width / 2);
}

/** Rasterises one size to straight-alpha RGBA bytes. */
function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const grid = gridFor(size);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied accumulation over the sub-samples.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const fx = px + (sx + 0.5) / n;
          const fy = py + (sy + 0.5) / n;
          const x = fx / size;
          const y = fy / size;
          if (roundedRectDistance(x, y, TILE.inset, 1 - TILE.inset, TILE.radius) > 0) continue;
          const t = clamp01((y - TILE.inset) / (1 - 2 * TILE.inset));
          let cr = TILE_TOP[0] + (TILE_BOTTOM[0] - TILE_TOP[0]) * t;
          let cg = TILE_TOP[1] + (TILE_BOTTOM[1] - TILE_TOP[1]) * t;
          let cb = TILE_TOP[2] + (TILE_BOTTOM[2] - TILE_TOP[2]) * t;
          if (onGrid(grid, fx, fy)) {
            cr += (255 - cr) * GRID.alpha;
            cg += (255 - cg) * GRID.alpha;
            cb += (255 - cb) * GRID.alpha;
          }
          if (inCheck(x, y)) {
            cr = 255;
            cg = 255;
            cb = 255;
          }
          r += cr;
          g += cg;
          b += cb;
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return rgba;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
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

/** Encodes straight-alpha RGBA bytes as a PNG (8-bit RGBA, filter 0 on every row). */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); // width
  ihdr.writeUInt32BE(size, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function hex(rgb) {
  return `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** The same drawing as SVG, on a 128-unit canvas (grid at the large-size line width). */
function svg() {
  const s = 128;
  const u = (v) => +(v * s).toFixed(2);
  const inset = u(TILE.inset);
  const side = u(1 - 2 * TILE.inset);
  const grid = gridFor(s);
  const gridLines = grid
    ? grid.centres
        .flatMap((c) => [
          `<line x1="${c}" y1="${+grid.lo.toFixed(2)}" x2="${c}" y2="${+grid.hi.toFixed(2)}"/>`,
          `<line x1="${+grid.lo.toFixed(2)}" y1="${c}" x2="${+grid.hi.toFixed(2)}" y2="${c}"/>`,
        ])
        .map((line) => `    ${line}`)
        .join('\n')
    : '';
  const points = CHECK.points.map(([x, y]) => `${u(x)},${u(y)}`).join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Spot MSP Enrollment icon. Generated by scripts/make-icons.js from the same geometry as the PNGs. -->
<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${hex(TILE_TOP)}"/>
      <stop offset="1" stop-color="${hex(TILE_BOTTOM)}"/>
    </linearGradient>
  </defs>
  <rect x="${inset}" y="${inset}" width="${side}" height="${side}" rx="${u(TILE.radius)}" fill="url(#tile)"/>
  <g stroke="#ffffff" opacity="${GRID.alpha}" stroke-width="${grid ? grid.width : 0}">
${gridLines}
  </g>
  <polyline points="${points}" fill="none" stroke="#ffffff" stroke-width="${u(2 * CHECK.halfWidth)}" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
}

function main() {
  fs.mkdirSync(ASSETS, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(ASSETS, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  const svgFile = path.join(ASSETS, 'icon.svg');
  fs.writeFileSync(svgFile, svg());
  console.log(`wrote ${path.relative(process.cwd(), svgFile)}`);
}

module.exports = { SIZES, render, encodePng };

if (require.main === module) main();
