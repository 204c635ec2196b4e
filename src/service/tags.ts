/**
 * Tags on numbers as use cases shared by the CLI and the server: tag a number by hand or from
 * the latest verdict on it in the record, take a tag off, list the tags, find the tag of a
 * number. Every change goes through the store, which logs it in the audit chain. Node-free: the
 * offline app's worker answers the same routes with it on the browser store.
 */
import { numberKey, parseTagKind, tagFromVerdict, type NumberTag, type TagKind } from '../record/tags.js';
import type { Store } from '../store/store.js';
import { UserError } from './errors.js';

/** What the tag use cases need: the record's store. */
export interface TagContext {
  store: Store;
}

export interface TagRequest {
  number: string;
  /** What the person typed or chose: 诈骗 / scam / 违规催收 / 催收-某平台 / 官方…; left out: from the latest verdict on the number. */
  kind?: string;
  platform?: string;
  note?: string;
}

export function keyOf(raw: string): string {
  const key = numberKey(raw);
  if (key === undefined) throw new UserError('BAD_NUMBER', `“${raw.slice(0, 40)}”不是电话号码（应为 3 到 20 位数字）。`, `“${raw.slice(0, 40)}” is not a phone number (3 to 20 digits).`);
  return key;
}

/** The tag the latest recorded verdict on this number suggests (undefined when none does). */
export async function tagFromRecord(ctx: TagContext, number: string): Promise<{ kind: TagKind; platform?: string } | undefined> {
  const key = keyOf(number);
  const events = (await ctx.store.listEvents()).filter((e) => e.number !== undefined && numberKey(e.number) === key && e.analysis !== null);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const t = tagFromVerdict(e.analysis!.verdict, e.claimed.platform ?? e.claimed.company, e.analysis!.assessment);
    if (t) return t;
  }
  return undefined;
}

export async function tagNumber(ctx: TagContext, r: TagRequest, now = new Date()): Promise<NumberTag> {
  const number = keyOf(r.number);
  let chosen: { kind: TagKind; platform?: string } | undefined;
  let source: NumberTag['source'] = 'manual';
  if (r.kind !== undefined && r.kind.trim() !== '') {
    chosen = parseTagKind(r.kind);
    if (chosen === undefined) {
      throw new UserError('BAD_TAG', `标记只能是：诈骗、违规催收、催收（或“催收-平台名”）、官方。`, `A tag is one of: scam, violation, collection (or “collection-platform name”), official.`);
    }
  } else {
    chosen = await tagFromRecord(ctx, number);
    source = 'check';
    if (chosen === undefined) {
      throw new UserError(
        'NO_VERDICT',
        `记录里没有这个号码可用的判断结果（诈骗、违规催收或正常催收）：请直接写明标记，例如“诈骗”。`,
        `The record holds no verdict on this number that suggests a tag (scam, rule-breaking or genuine collection): name the tag, e.g. “scam”.`,
      );
    }
  }
  const platform = clean(r.platform) ?? chosen.platform;
  const tag: NumberTag = { number, kind: chosen.kind, source, tagged_at: now.toISOString() };
  if (platform !== undefined && (tag.kind === 'collection' || tag.kind === 'official')) tag.platform = platform.slice(0, 60);
  const note = clean(r.note);
  if (note !== undefined) tag.note = note.slice(0, 500);
  await ctx.store.setTag(tag);
  return tag;
}

export async function untagNumber(ctx: TagContext, raw: string, now = new Date()): Promise<NumberTag> {
  const number = keyOf(raw);
  const t = (await ctx.store.listTags()).find((x) => x.number === number);
  if (t === undefined) throw new UserError('NOT_FOUND', `号码 ${number} 没有标记。`, `Number ${number} has no tag.`);
  const removed: NumberTag = { ...t, removed_at: now.toISOString() };
  await ctx.store.setTag(removed);
  return removed;
}

export async function tagOf(ctx: TagContext, raw: string | undefined): Promise<NumberTag | undefined> {
  if (raw === undefined) return undefined;
  const key = numberKey(raw);
  if (key === undefined) return undefined;
  return (await ctx.store.listTags()).find((t) => t.number === key);
}

function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  // eslint-disable-next-line no-control-regex -- control and bidi characters never belong in a tag
  const t = s.replace(/[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, ' ').trim();
  return t === '' ? undefined : t;
}
