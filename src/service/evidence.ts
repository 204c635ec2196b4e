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

export async function attachEvidence(ctx: RecordContext, eventId: string, fileName: string, put: PutResult, now: Date): Promise<EvidenceFile & { new_file: boolean }> {
  const record: EvidenceFile = {
    sha256: put.sha256,
    size: put.size,
    name: printable(fileName),
    media_type: MEDIA_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream',
    added_at: now.toISOString(),
  };
  const { added } = await ctx.store.addEvidence(record, eventId);
  return { ...record, new_file: put.stored || added };
}
