/**
 * Where the Chinese recognition data comes from — always a local folder, never a download:
 * $DUNGUARD_TESSDATA if set, else Debian's `tesseract-ocr-chi-sim`
 * (/usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata, plain), else the npm package
 * `@tesseract.js-data/chi_sim` if someone installed it (its 4.0.0 folder, gzip). docs/ocr.md
 * says why Debian's comes first.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UserError } from '../service/errors.js';

export interface TessData {
  /** The folder holding chi_sim.traineddata (or .gz). */
  langPath: string;
  gzip: boolean;
  /** Where it was found, for --verbose and the benchmark. */
  source: string;
}

const DEBIAN = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata', '/usr/share/tessdata'];

function inFolder(dir: string, source: string): TessData | undefined {
  if (existsSync(join(dir, 'chi_sim.traineddata'))) return { langPath: dir, gzip: false, source };
  if (existsSync(join(dir, 'chi_sim.traineddata.gz'))) return { langPath: dir, gzip: true, source };
  return undefined;
}

export function findChineseData(env: NodeJS.ProcessEnv = process.env): TessData {
  const own = env.DUNGUARD_TESSDATA;
  if (own) {
    const found = inFolder(own, 'DUNGUARD_TESSDATA');
    if (found) return found;
    throw new UserError(
      'NO_OCR_DATA',
      `DUNGUARD_TESSDATA 指向的文件夹 ${own} 里没有 chi_sim.traineddata（或 .gz）。`,
      `The folder DUNGUARD_TESSDATA names (${own}) holds no chi_sim.traineddata (or .gz).`,
      3,
    );
  }
  for (const dir of DEBIAN) {
    const found = inFolder(dir, `Debian tesseract-ocr-chi-sim (${dir})`);
    if (found) return found;
  }
  try {
    const pkg = createRequire(import.meta.url).resolve('@tesseract.js-data/chi_sim/package.json');
    const found = inFolder(join(dirname(pkg), '4.0.0'), 'npm @tesseract.js-data/chi_sim 4.0.0');
    if (found) return found;
  } catch {
    /* not installed */
  }
  throw new UserError(
    'NO_OCR_DATA',
    '没有找到识别中文截图所需的数据：请安装 tesseract-ocr-chi-sim（sudo apt-get install tesseract-ocr-chi-sim），或把 DUNGUARD_TESSDATA 设为放有 chi_sim.traineddata 的文件夹。也可以不用截图，直接把文字粘贴或输入进来。',
    'The Chinese recognition data was not found: install tesseract-ocr-chi-sim (sudo apt-get install tesseract-ocr-chi-sim), or set DUNGUARD_TESSDATA to a folder holding chi_sim.traineddata. You can also paste or type the text instead.',
    3,
  );
}
