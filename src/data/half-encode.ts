/**
 * Writing the model's weights file (training only): single precision to half-precision
 * bytes by the float16 library. Kept apart from engine-from.ts so that no check or
 * classify start loads the library (~20 ms): reading the file needs only decodeHalf.
 */
import { setFloat16 } from '@petamoriken/float16';

/** Single precision to little-endian half-precision bytes (rounded to nearest), as the weights file holds them. */
export function encodeHalf(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) setFloat16(view, 2 * i, values[i]!, true);
  return out;
}
