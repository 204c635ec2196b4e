/**
 * Makes a phone screenshot easy for Tesseract: one grey image with dark text on a white
 * ground, whatever the bubbles' colours. Tesseract binarises the whole page with one
 * threshold, so white text on a blue bubble or black text on a green one is lost beside black
 * text on white; here each pixel is read against the bubble around it (textOnWhite). Small
 * images (forwarded, re-compressed) are then scaled up so that a line of text is about as tall
 * as on a phone's own screenshot. Pure: RGBA in, grey out; no node: module, so the same code
 * can run in a browser.
 */

export interface Rgba {
  width: number;
  height: number;
  /** width × height × 4 bytes, RGBA. */
  data: Uint8Array | Uint8ClampedArray;
}

export interface Grey {
  width: number;
  height: number;
  /** width × height bytes, 0 black … 255 white. */
  data: Uint8Array;
}

/**
 * An image narrower than UPSCALE_BELOW is scaled up to MIN_WIDTH: on a phone's screenshot
 * (390 CSS px at twice the density) a character is then about 34 px high, which suits
 * Tesseract; a forwarded, shrunk copy is read better enlarged (measured on the fixtures:
 * degraded 0.955 unscaled → 0.983 at 800 px; larger targets did no better).
 */
export const MIN_WIDTH = 800;
export const UPSCALE_BELOW = 760;

/** Bilinear scaling by `f` (> 1 enlarges). */
export function scale(g: Grey, f: number): Grey {
  const w = Math.max(1, Math.round(g.width * f));
  const h = Math.max(1, Math.round(g.height * f));
  const out = new Uint8Array(w * h);
  const sx = (g.width - 1) / Math.max(1, w - 1);
  const sy = (g.height - 1) / Math.max(1, h - 1);
  for (let y = 0; y < h; y++) {
    const fy = y * sy;
    const y0 = Math.floor(fy);
    const y1 = Math.min(g.height - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = x * sx;
      const x0 = Math.floor(fx);
      const x1 = Math.min(g.width - 1, x0 + 1);
      const tx = fx - x0;
      const a = g.data[y0 * g.width + x0]! * (1 - tx) + g.data[y0 * g.width + x1]! * tx;
      const b = g.data[y1 * g.width + x0]! * (1 - tx) + g.data[y1 * g.width + x1]! * tx;
      out[y * w + x] = Math.round(a * (1 - ty) + b * ty);
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Grey with dark text on a light ground, whatever the bubbles' colours: a saturated pixel
 * (a bubble's fill) becomes white; inside a dark saturated bubble (blue, red) light pixels are
 * its text and are inverted to dark; inside a light one (WeChat's green) text is already
 * dark. A dark-mode screenshot (mostly dark and grey) is inverted as a whole.
 */
export function textOnWhite(img: Rgba): Grey {
  const { width: w, height: h, data: d } = img;
  const n = w * h;
  const luma = new Float32Array(n);
  const sat = new Float32Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    const a = d[p + 3]! / 255;
    const r = d[p]! * a + 255 * (1 - a);
    const g = d[p + 1]! * a + 255 * (1 - a);
    const b = d[p + 2]! * a + 255 * (1 - a);
    luma[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    const chroma = Math.max(r, g, b) - Math.min(r, g, b);
    sat[i] = chroma <= 40 ? 0 : chroma >= 100 ? 1 : (chroma - 40) / 60;
  }
  // Dark mode: most of the screen dark.
  let dark = 0;
  for (let i = 0; i < n; i += 7) if (luma[i]! < 96) dark++;
  if (dark > (n / 7) * 0.5) for (let i = 0; i < n; i++) luma[i] = 255 - luma[i]!;
  // Integral images of the saturation and of luma × saturation, to find each pixel's bubble.
  const W = w + 1;
  const sS = new Float64Array(W * (h + 1));
  const sL = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let rs = 0;
    let rl = 0;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      rs += sat[i]!;
      rl += sat[i]! * luma[i]!;
      sS[(y + 1) * W + x + 1] = sS[y * W + x + 1]! + rs;
      sL[(y + 1) * W + x + 1] = sL[y * W + x + 1]! + rl;
    }
  }
  const r = Math.max(6, Math.round(w / 50));
  const out = new Uint8Array(n);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const area = (y1 - y0) * (x1 - x0);
      const s = sS[y1 * W + x1]! - sS[y0 * W + x1]! - sS[y1 * W + x0]! + sS[y0 * W + x0]!;
      const l = luma[i]!;
      let v = l;
      if (s > 0) {
        const fill = s / area; // how much of the neighbourhood is a coloured bubble
        const bubbleLuma = (sL[y1 * W + x1]! - sL[y0 * W + x1]! - sL[y1 * W + x0]! + sL[y0 * W + x0]!) / s;
        const inside = Math.min(1, Math.max(0, (fill - 0.4) / 0.25));
        const darkBubble = Math.min(1, Math.max(0, (175 - bubbleLuma) / 40));
        // In a dark bubble its fill → white and lighter text → dark; in a light one the fill → white, darker text stays dark.
        const inDark = 255 * (1 - (l - bubbleLuma) / Math.max(1, 255 - bubbleLuma));
        const inLight = (255 * l) / Math.max(1, bubbleLuma);
        const bubbled = darkBubble * inDark + (1 - darkBubble) * inLight;
        // Outside bubbles, a coloured pixel (an avatar, an icon, a bubble's edge) is no text.
        const outside = sat[i]! * 255 + (1 - sat[i]!) * l;
        v = inside * bubbled + (1 - inside) * outside;
      }
      out[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
  return { width: w, height: h, data: out };
}

/** The whole preparation: text dark on white, then scaled up if small. */
export function prepareScreenshot(img: Rgba): Grey {
  let g = textOnWhite(img);
  if (g.width < UPSCALE_BELOW) g = scale(g, Math.min(4, MIN_WIDTH / g.width));
  return g;
}

/** A grey image as a binary PGM (P5) file, which Tesseract's image reader takes. */
export function toPgm(g: Grey): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${g.width} ${g.height}\n255\n`);
  const out = new Uint8Array(head.length + g.data.length);
  out.set(head, 0);
  out.set(g.data, head.length);
  return out;
}
