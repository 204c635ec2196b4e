/**
 * Writing the model's weights file (training only): single precision to half-precision
 * bytes by the float16 library. Kept apart from engine-from.ts so that no check or
 * classify start loads the library (~20 ms): reading the file needs only decodeHalf.
 */
import { setFloat16 } from '@petamoriken/float16';

/**
 * Mantissa bits every model's weights keep in the weights file (half precision has 10). At 7 bits the scam
 * classifier's 2^18 weights are ~75 KiB smaller gzipped and the side models' 3 × 2^16 ~60 KiB, which keeps the
 * offline app's first visit within its 1.5 MiB budget with the fourth model; every threshold and the scam
 * classifier's cross-validation are computed on the rounded weights. (The scam classifier kept all 10 bits
 * until 2026-12-03: rounding its committed weights to 7 bits changed no verdict on the sealed, ordinary or
 * chat sets.)
 */
export const MANTISSA_BITS = 7;

/**
 * Single precision to little-endian half-precision bytes (rounded to nearest), as the weights file holds them.
 * With `mantissaBits` below half precision's 10, each value is then rounded to nearest with that many
 * mantissa bits (the low bits left zero): a file that compresses better for the offline app's first
 * visit, each weight within 2^-(mantissaBits+1) of its value, relatively.
 */
export function encodeHalf(values: Float32Array, mantissaBits = 10): Uint8Array {
  if (!Number.isInteger(mantissaBits) || mantissaBits < 1 || mantissaBits > 10) throw new RangeError(`mantissaBits must be 1–10, not ${mantissaBits}`);
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  const drop = 10 - mantissaBits;
  for (let i = 0; i < values.length; i++) {
    setFloat16(view, 2 * i, values[i]!, true);
    if (drop === 0) continue;
    const h = view.getUint16(2 * i, true);
    const magnitude = h & 0x7fff;
    // Infinity and NaN (exponent all ones) are kept; a carry out of the mantissa raises the exponent, as rounding should.
    if (magnitude >= 0x7c00) continue;
    view.setUint16(2 * i, (h & 0x8000) | Math.min(0x7c00, ((magnitude + (1 << (drop - 1))) >> drop) << drop), true);
  }
  return out;
}

/** Interleaved little-endian half-precision bytes to the planar layout (`float16-le-planar`): every low byte, then every high byte. */
export function toPlanar(bytes: Uint8Array): Uint8Array {
  const n = bytes.byteLength >> 1;
  const out = new Uint8Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[i] = bytes[2 * i]!;
    out[n + i] = bytes[2 * i + 1]!;
  }
  return out;
}
