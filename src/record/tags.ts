/**
 * A person's own tags on phone numbers — 催收-某平台 (collection for a named platform),
 * 违规催收, 诈骗, 官方 — set by hand or from a verdict, kept in the record and logged in the
 * audit chain like every other change (a removed tag stays as a tombstone). Pure: the kinds,
 * their names, the number key a tag is filed under, and the tag a verdict suggests.
 */
import type { Bilingual } from '../engine/schemas/common.js';

export const TAG_KINDS = ['scam', 'collection_violation', 'collection', 'official'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

/** A tag as stored and logged. */
export interface NumberTag {
  /** The number as filed (numberKey). */
  number: string;
  kind: TagKind;
  /** The platform or organisation, for 催收-某平台 or 官方 (optional). */
  platform?: string;
  note?: string;
  /** 'manual', or 'check' when it was taken from a verdict. */
  source: 'manual' | 'check';
  tagged_at: string;
  /** Set when the tag was taken off (the row stays, as the audit chain's tombstones do). */
  removed_at?: string;
}

export const TAG_KIND_LABEL: Record<TagKind, Bilingual> = {
  scam: { zh: '诈骗', en: 'Scam' },
  collection_violation: { zh: '违规催收', en: 'Rule-breaking collection' },
  collection: { zh: '催收', en: 'Collection' },
  official: { zh: '官方', en: 'Official' },
};

/** The words a person may type for a kind (Chinese or English), lower-cased. */
const KIND_WORDS: Record<string, TagKind> = {
  诈骗: 'scam',
  scam: 'scam',
  违规催收: 'collection_violation',
  violation: 'collection_violation',
  collection_violation: 'collection_violation',
  催收: 'collection',
  collection: 'collection',
  官方: 'official',
  official: 'official',
};

/** A kind from what a person typed ("诈骗", "scam", "催收-某平台" gives collection and the platform). */
export function parseTagKind(word: string): { kind: TagKind; platform?: string } | undefined {
  const w = word.trim();
  const dash = /^(催收|collection|官方|official)\s*[-—–－:：]\s*(.+)$/iu.exec(w);
  if (dash) return { kind: KIND_WORDS[dash[1]!.toLowerCase()]!, platform: dash[2]!.trim() };
  const kind = KIND_WORDS[w.toLowerCase()];
  return kind === undefined ? undefined : { kind };
}

/** "诈骗", "催收-某平台", "官方-招商银行": the tag as a person reads it. */
export function tagLabel(t: Pick<NumberTag, 'kind' | 'platform'>, lang: 'zh' | 'en'): string {
  const name = TAG_KIND_LABEL[t.kind][lang];
  return t.platform ? `${name}-${t.platform}` : name;
}

/**
 * The key a number is filed under: spaces, dashes and brackets dropped, a Chinese mobile's
 * +86 / 0086 / 86 prefix dropped (so "+86 170-1234-5678" and "17012345678" are one number).
 * Undefined when what is left is not 3–20 digits (with a leading + for a foreign number).
 */
export function numberKey(raw: string): string | undefined {
  let n = raw.normalize('NFKC').replace(/[\s\-()（）.]/g, '');
  const cn = /^(?:\+86|0086|86)(1\d{10})$/.exec(n);
  if (cn) n = cn[1]!;
  return /^\+?\d{3,20}$/.test(n) ? n : undefined;
}

/** The tag a verdict suggests: scam → 诈骗, rule-breaking → 违规催收, genuine → 催收 (with the platform claimed) unless the person was told it is suspicious; none for other. */
export function tagFromVerdict(verdict: string, platform?: string, assessment?: string): { kind: TagKind; platform?: string } | undefined {
  if (verdict === 'scam') return { kind: 'scam' };
  if (verdict === 'collection_violation') return { kind: 'collection_violation' };
  // A would-be lender's notice the person was told is suspicious (the suspicion model) marks no genuine collector.
  if (assessment === 'suspicious') return undefined;
  if (verdict === 'collection') return platform ? { kind: 'collection', platform } : { kind: 'collection' };
  return undefined;
}

/** Whether a tag marks a number to keep away from (everything but official). */
export const isWarning = (t: Pick<NumberTag, 'kind'>): boolean => t.kind !== 'official';
