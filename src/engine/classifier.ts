/**
 * The statistical half of the check: logistic regression over hashed character n-grams
 * (1–3) of the normalised text. It knows only what the development data shows — scams and
 * ordinary messages — so `score.ts` limits its say on collection messages it never saw.
 * Pure: the weights come in as data; training is a pure function too (scripts/train.ts
 * does the file work).
 */

export interface ModelMeta {
  readonly version: string;
  readonly dimBits: number;
  readonly ngrams: readonly number[];
  readonly bias: number;
  /** Decision threshold on the logit chosen by cross-validation (see docs/classifier.md). */
  readonly threshold: number;
}

export interface Model extends ModelMeta {
  readonly weights: Float32Array;
}

const PRIME = 0x01000193;

// The feature index of a 1-, 2- and 3-gram ending in unit c (c1, c2: the units before it).
const uni = (c: number, mask: number): number => {
  const h = Math.imul(c ^ 0x9e3779b1, PRIME);
  return (h ^ (h >>> 15)) & mask;
};
const bi = (c1: number, c: number, mask: number): number => {
  const h = Math.imul(Math.imul(c1 ^ 0x85ebca6b, PRIME) ^ c, PRIME);
  return (h ^ (h >>> 13)) & mask;
};
const tri = (c2: number, c1: number, c: number, mask: number): number => {
  const h = Math.imul(Math.imul(Math.imul(c2 ^ 0xc2b2ae35, PRIME) ^ c1, PRIME) ^ c, PRIME);
  return (h ^ (h >>> 16)) & mask;
};

/**
 * The n-grams of a text, in one place: for each counted unit (digit runs read as one "0", so
 * amounts, dates and phone numbers don't each become their own feature) its 1-, 2- and 3-gram
 * ending there, as unmasked hashes in that order, and for each gram the offset of the unit
 * that ends it. Training's features and the strongest spans read these; `logit` and `logitPair`, the
 * check's hot path, walk the same grams inline with the same hashes (a test holds them equal). The buffers are reused from call
 * to call: valid until the next call.
 */
let gramHash = new Int32Array(1024);
let gramEnd = new Int32Array(1024);

function grams(text: string): number {
  if (gramHash.length < text.length * 3) {
    gramHash = new Int32Array(text.length * 3);
    gramEnd = new Int32Array(text.length * 3);
  }
  const hs = gramHash;
  const ends = gramEnd;
  let n = 0;
  let c1 = -1;
  let c2 = -1;
  let prevDigit = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit) {
      if (prevDigit) continue;
      c = 48;
    }
    prevDigit = digit;
    let h = Math.imul(c ^ 0x9e3779b1, PRIME);
    hs[n] = h ^ (h >>> 15);
    ends[n++] = i;
    if (c1 >= 0) {
      h = Math.imul(Math.imul(c1 ^ 0x85ebca6b, PRIME) ^ c, PRIME);
      hs[n] = h ^ (h >>> 13);
      ends[n++] = i;
    }
    if (c2 >= 0) {
      h = Math.imul(Math.imul(Math.imul(c2 ^ 0xc2b2ae35, PRIME) ^ c1, PRIME) ^ c, PRIME);
      hs[n] = h ^ (h >>> 16);
      ends[n++] = i;
    }
    c2 = c1;
    c1 = c;
  }
  return n;
}

/** The feature indexes of the text's n-grams (see `grams`), for training. */
export function features(text: string, dimBits: number): Int32Array {
  const mask = (1 << dimBits) - 1;
  const n = grams(text);
  const out = new Int32Array(n);
  for (let g = 0; g < n; g++) out[g] = gramHash[g]! & mask;
  return out;
}

/** The model's logit for "scam" (before the threshold). */
export function logit(model: Model, text: string): number {
  const mask = (1 << model.dimBits) - 1;
  const w = model.weights;
  let sum = 0;
  let n = 0;
  let c1 = -1;
  let c2 = -1;
  let prevDigit = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit) {
      if (prevDigit) continue;
      c = 48;
    }
    prevDigit = digit;
    sum += w[uni(c, mask)]!;
    n++;
    if (c1 >= 0) {
      sum += w[bi(c1, c, mask)]!;
      n++;
    }
    if (c2 >= 0) {
      sum += w[tri(c2, c1, c, mask)]!;
      n++;
    }
    c2 = c1;
    c1 = c;
  }
  return n === 0 ? model.bias : model.bias + sum / Math.sqrt(n);
}

/**
 * Two models' logits in one pass over the text, for models that read the same n-grams (both
 * of an engine's models do; they may differ in size): each gram is hashed once and looked up
 * in both. `out[0]` and `out[1]` get exactly what `logit(a, text)` and `logit(b, text)` give
 * (the same sums in the same order).
 */
export function logitPair(a: Model, b: Model, text: string, out: Float64Array): void {
  const maskA = (1 << a.dimBits) - 1;
  const maskB = (1 << b.dimBits) - 1;
  const wa = a.weights;
  const wb = b.weights;
  let sumA = 0;
  let sumB = 0;
  let n = 0;
  let c1 = -1;
  let c2 = -1;
  let prevDigit = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit) {
      if (prevDigit) continue;
      c = 48;
    }
    prevDigit = digit;
    // uni, bi and tri above, before the mask.
    let h = Math.imul(c ^ 0x9e3779b1, PRIME);
    h ^= h >>> 15;
    sumA += wa[h & maskA]!;
    sumB += wb[h & maskB]!;
    n++;
    if (c1 >= 0) {
      h = Math.imul(Math.imul(c1 ^ 0x85ebca6b, PRIME) ^ c, PRIME);
      h ^= h >>> 13;
      sumA += wa[h & maskA]!;
      sumB += wb[h & maskB]!;
      n++;
    }
    if (c2 >= 0) {
      h = Math.imul(Math.imul(Math.imul(c2 ^ 0xc2b2ae35, PRIME) ^ c1, PRIME) ^ c, PRIME);
      h ^= h >>> 16;
      sumA += wa[h & maskA]!;
      sumB += wb[h & maskB]!;
      n++;
    }
    c2 = c1;
    c1 = c;
  }
  out[0] = n === 0 ? a.bias : a.bias + sumA / Math.sqrt(n);
  out[1] = n === 0 ? b.bias : b.bias + sumB / Math.sqrt(n);
}

export interface TrainOptions {
  readonly dimBits: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { dimBits: 18, epochs: 12, learningRate: 0.5, l2: 1e-6, seed: 20261128 };

/** A small deterministic PRNG (mulberry32), so training is reproducible bit for bit. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Logistic regression by AdaGrad over the examples (texts already normalised). */
export function train(
  examples: readonly { text: string; scam: boolean }[],
  opts: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): { weights: Float32Array; bias: number } {
  const dim = 1 << opts.dimBits;
  const weights = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-8);
  let bias = 0;
  let g2b = 1e-8;
  const feats = examples.map((e) => features(e.text, opts.dimBits));
  const order = examples.map((_, i) => i);
  const rand = mulberry32(opts.seed);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const f = feats[k]!;
      const scale = f.length === 0 ? 0 : 1 / Math.sqrt(f.length);
      let z = bias;
      for (let m = 0; m < f.length; m++) z += weights[f[m]!]! * scale;
      const p = 1 / (1 + Math.exp(-z));
      const err = p - (examples[k]!.scam ? 1 : 0);
      g2b += err * err;
      bias -= (opts.learningRate * err) / Math.sqrt(g2b);
      const ge = err * scale;
      for (let m = 0; m < f.length; m++) {
        const idx = f[m]!;
        const g = ge + opts.l2 * weights[idx]!;
        g2[idx]! += g * g;
        weights[idx]! -= (opts.learningRate * g) / Math.sqrt(g2[idx]!);
      }
    }
  }
  return { weights, bias };
}

/**
 * Where a model's case is strongest: up to `k` non-overlapping stretches of the text (as
 * [start, end) offsets into it) whose n-grams add the most to the logit, best first, each
 * the three units that end a gram (fewer at the start). Shown as the highlighted words
 * when a model's judgement decides the verdict; a stretch that adds nothing is left out.
 */
export function strongestSpans(model: Model, text: string, k: number): { start: number; end: number; weight: number }[] {
  const mask = (1 << model.dimBits) - 1;
  const w = model.weights;
  // Each counted unit: its offset in the text and what its grams add (they are consecutive).
  const at: number[] = [];
  const add: number[] = [];
  const n = grams(text);
  for (let g = 0; g < n; g++) {
    const v = w[gramHash[g]! & mask]!;
    if (at.length > 0 && at[at.length - 1] === gramEnd[g]) add[add.length - 1] = add[add.length - 1]! + v;
    else {
      at.push(gramEnd[g]!);
      add.push(v);
    }
  }
  // A window is the three units ending at j; its score is the sum of what they add. The best
  // k windows that overlap no better one, by k linear passes (no sort: a text may be 2 MB).
  const score = new Float64Array(at.length);
  for (let j = 0; j < at.length; j++) score[j] = add[j]! + (j >= 1 ? add[j - 1]! : 0) + (j >= 2 ? add[j - 2]! : 0);
  const taken: { from: number; to: number; weight: number }[] = [];
  while (taken.length < k) {
    let best = -1;
    for (let j = 0; j < at.length; j++) {
      if (score[j]! <= 0 || (best >= 0 && score[j]! <= score[best]!)) continue;
      const from = Math.max(0, j - 2);
      if (taken.some((t) => from <= t.to && t.from <= j)) continue;
      best = j;
    }
    if (best < 0) break;
    taken.push({ from: Math.max(0, best - 2), to: best, weight: score[best]! });
  }
  return taken.map((t) => ({ start: at[t.from]!, end: at[t.to]! + 1, weight: t.weight }));
}
