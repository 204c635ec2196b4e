/**
 * Where the user's record lives: --data-dir, else DUNGUARD_HOME, else the platform's data
 * folder (~/.local/share/dunguard on Linux). Created private to the user (0700).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import envPaths from 'env-paths';
import { StoreError } from './store.js';

/** The data folder's path, without creating it. */
export function dataDirPath(flag?: string): string {
  return resolve(flag ?? process.env.DUNGUARD_HOME ?? envPaths('dunguard', { suffix: '' }).data);
}

export function resolveDataDir(flag?: string): string {
  const dir = dataDirPath(flag);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new StoreError('IO', `无法创建数据文件夹 ${dir}：${(e as Error).message}`, `Cannot create the data folder ${dir}: ${(e as Error).message}`);
  }
  return dir;
}
