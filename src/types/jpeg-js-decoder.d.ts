/** jpeg-js's decoder alone (its package's main also brings the encoder, which OCR does not need). */
declare module 'jpeg-js/lib/decoder.js' {
  import type { decode } from 'jpeg-js';
  const decodeJpeg: typeof decode;
  export default decodeJpeg;
}
