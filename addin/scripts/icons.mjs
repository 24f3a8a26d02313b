// Draws the add-in's icons as PNGs: the app package's color (192) and outline (32) icons, the ribbon button
// icons (16/32/80) and the add-in icons of the add-in-only manifest (64/128, the unified manifest's alternateIcons)
// the pane serves. Run `npm run icons` after changing the drawing; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** @type {[number, number, number]} */
const brand = [15, 108, 189]; // Fluent's brand blue, #0F6CBD

/**
 * Renders a shape function into an RGBA PNG with 4x4 supersampling.
 * @param {number} size
 * @param {(x: number, y: number) => [number, number, number, number] | null} paint colour at a point in 0..1 space
 */
function render(size, paint) {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (c === null) continue;
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      const n = samples * samples;
      png.data[i] = a === 0 ? 0 : Math.round(r / a);
      png.data[i + 1] = a === 0 ? 0 : Math.round(g / a);
      png.data[i + 2] = a === 0 ? 0 : Math.round(b / a);
      png.data[i + 3] = Math.round(a / n);
    }
  }
  return PNG.sync.write(png);
}

/** @param {number} x @param {number} y @param {number} cx @param {number} cy @param {number} r */
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** @param {number} x @param {number} y @param {number} inset @param {number} radius */
const inRoundedSquare = (x, y, inset, radius) => {
  const lo = inset + radius;
  const hi = 1 - inset - radius;
  const qx = Math.min(Math.max(x, lo), hi);
  const qy = Math.min(Math.max(y, lo), hi);
  return inCircle(x, y, qx, qy, radius) && x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset;
};

/** A person's head and shoulders around centre cx, grown by `grow` (for the separating ring). */
/** @param {number} x @param {number} y @param {number} cx */
const person = (x, y, cx, grow = 0) =>
  inCircle(x, y, cx, 0.36, 0.11 + grow) || (inCircle(x, y, cx, 0.8, 0.21 + grow) && y <= 0.74 + grow && y >= 0.5 - grow);

/** Two peers of the same size, one beside the other: peer mentoring is between equals. */
/** @param {number} x @param {number} y @param {Color | null} background @returns {Color | null} */
function peers(x, y, background) {
  if (person(x, y, 0.38)) return white;
  if (person(x, y, 0.38, 0.045)) return background;
  if (person(x, y, 0.64)) return white;
  return background;
}

/** @typedef {[number, number, number, number]} Color */
/** @type {Color} */
const white = [255, 255, 255, 255];
/** @type {Color} */
const brandOpaque = [brand[0], brand[1], brand[2], 255];

/** @param {number} x @param {number} y */
const color = (x, y) => (inRoundedSquare(x, y, 0, 0.2) ? peers(x, y, brandOpaque) : null);
/** @param {number} x @param {number} y */
const colorButton = (x, y) => (inRoundedSquare(x, y, 0.04, 0.2) ? peers(x, y, brandOpaque) : null);
/** Outline icon: white on transparent, as the Microsoft 365 app package requires. */
/** @param {number} x @param {number} y */
const outline = (x, y) => peers(x, y, null);

/** @param {string} path @param {Uint8Array} bytes */
function write(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`wrote ${path.slice(root.length + 1)}`);
}

write(join(root, 'manifest', 'color.png'), render(192, color));
write(join(root, 'manifest', 'outline.png'), render(32, outline));
for (const size of [16, 32, 64, 80, 128]) {
  write(join(root, 'public', 'icons', `icon-${size}.png`), render(size, colorButton));
}
