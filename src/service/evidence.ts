/**
 * Linking a file already streamed into the vault to an event: its label (the file's own
 * name, made printable — never used as a path), its media type from the extension, the time
 * it was added. Shared by `dunguard evidence add` and the upload route.
 */
import { extname } from 'node:path';
import type { EvidenceFile } from '../record/schemas.js';
import { printable, type PutResult } from '../store/vault.js';
import type { RecordContext } from './record-context.js';

const MEDIA_TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.amr': 'audio/amr', '.wav': 'audio/wav', '.aac': 'audio/aac', '.ogg': 'audio/ogg',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.heic': 'image/heic', '.gif': 'image/gif',
  '.pdf': 'application/pdf', '.txt': 'text/plain', '.mp4': 'video/mp4', '.mov': 'video/quicktime',
};

function evidenceRecord(fileName: string, put: PutResult, now: Date): EvidenceFile {
  return {
    sha256: put.sha256,
    size: put.size,
    name: printable(fileName),
    media_type: MEDIA_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream',
    added_at: now.toISOString(),
  };
}

export async function attachEvidence(ctx: RecordContext, eventId: string, fileName: string, put: PutResult, now: Date): Promise<EvidenceFile & { new_file: boolean }> {
  const record = evidenceRecord(fileName, put, now);
  const { added } = await ctx.store.addEvidence(record, eventId);
  return { ...record, new_file: put.stored || added };
}

/**
 * Links several files already in the vault to one event, all or none (one upload). If the
 * record refuses them, the files this upload newly put in the vault are removed again.
 */
export async function attachAllEvidence(ctx: RecordContext, eventId: string, files: readonly { name: string; put: PutResult }[], now: Date): Promise<(EvidenceFile & { new_file: boolean })[]> {
  const records = files.map((f) => evidenceRecord(f.name, f.put, now));
  let added: { added: boolean }[];
  try {
    added = await ctx.store.addEvidenceFiles(records, eventId);
  } catch (e) {
    await discardUnrecorded(ctx, files.map((f) => f.put));
    throw e;
  }
  return records.map((r, i) => ({ ...r, new_file: files[i]!.put.stored || added[i]!.added }));
}

/** Removes vault files a failed upload stored, unless the record refers to them (the same content added meanwhile). */
export async function discardUnrecorded(ctx: RecordContext, puts: readonly PutResult[]): Promise<void> {
  const stored = puts.filter((p) => p.stored);
  if (stored.length === 0) return;
  const known = new Set((await ctx.store.listEvidence()).map((f) => f.sha256));
  for (const p of stored) if (!known.has(p.sha256)) await ctx.vault.discard(p.sha256);
}
