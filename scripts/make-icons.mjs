// Draws the app icons (public/icons/*.png and icon.svg) from one geometric description, so the
// PWA manifest's PNGs and the favicon always match. Run after changing the design: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { encode } from 'fast-png';

const brandBlue = [29, 78, 137];
const white = [255, 255, 255];
const checkGreen = [64, 192, 112];

// Shapes in a 0..1 unit square: a lens ring, its handle, and a check mark inside the lens.
const lens = { cx: 0.44, cy: 0.42, outer: 0.25, inner: 0.19 };
const handle = { x0: 0.62, y0: 0.6, x1: 0.8, y1: 0.78, halfWidth: 0.055 };
const check = [
  [0.33, 0.43],
  [0.41, 0.51],
  [0.56, 0.35],
];
const checkHalfWidth = 0.035;

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

function colourAt(x, y, safeZone) {
  // Maskable icons keep their content in the central 80 %: shrink the drawing around the centre.
  const u = 0.5 + (x - 0.5) / safeZone;
  const v = 0.5 + (y - 0.5) / safeZone;
  const r = Math.hypot(u - lens.cx, v - lens.cy);
  if (r <= lens.outer && r >= lens.inner) return white;
  if (distanceToSegment(u, v, [handle.x0, handle.y0], [handle.x1, handle.y1]) <= handle.halfWidth) return white;
  if (distanceToSegment(u, v, check[0], check[1]) <= checkHalfWidth || distanceToSegment(u, v, check[1], check[2]) <= checkHalfWidth) return checkGreen;
  return brandBlue;
}

function drawIcon(sizePx, safeZone) {
  const supersample = 4;
  const data = new Uint8Array(sizePx * sizePx * 4);
  for (let y = 0; y < sizePx; y++) {
    for (let x = 0; x < sizePx; x++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < supersample; sy++) {
        for (let sx = 0; sx < supersample; sx++) {
          const colour = colourAt((x + (sx + 0.5) / supersample) / sizePx, (y + (sy + 0.5) / supersample) / sizePx, safeZone);
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
        }
      }
      const offset = (y * sizePx + x) * 4;
      for (let c = 0; c < 3; c++) data[offset + c] = Math.round(sum[c] / supersample ** 2);
      data[offset + 3] = 255;
    }
  }
  return encode({ width: sizePx, height: sizePx, data, channels: 4, depth: 8 });
}

const hex = (rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="18" fill="${hex(brandBlue)}"/>
<circle cx="${lens.cx * 100}" cy="${lens.cy * 100}" r="${((lens.outer + lens.inner) / 2) * 100}" fill="none" stroke="${hex(white)}" stroke-width="${(lens.outer - lens.inner) * 100}"/>
<line x1="${handle.x0 * 100}" y1="${handle.y0 * 100}" x2="${handle.x1 * 100}" y2="${handle.y1 * 100}" stroke="${hex(white)}" stroke-width="${handle.halfWidth * 200}" stroke-linecap="round"/>
<polyline points="${check.map(([x, y]) => `${x * 100},${y * 100}`).join(' ')}" fill="none" stroke="${hex(checkGreen)}" stroke-width="${checkHalfWidth * 200}" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

writeFileSync('public/icons/icon-192.png', drawIcon(192, 1));
writeFileSync('public/icons/icon-512.png', drawIcon(512, 1));
writeFileSync('public/icons/icon-maskable-512.png', drawIcon(512, 0.8));
writeFileSync('public/icons/icon.svg', svg);
