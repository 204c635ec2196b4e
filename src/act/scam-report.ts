/**
 * One-step reports: from a checked message, what to send or fill in for each channel that
 * fits — for a scam or spam message the text to send to 12321 by SMS (with an sms: link that
 * WE build, to 12321 only) and the fields to copy into the 12321 form and the 国家反诈中心 app;
 * for rule-breaking collection, the lender complaint letter instead. The formats are data
 * (data/act/report-formats.yaml) with their sources and how firmly each is sourced; a format
 * that is not confirmed says so. Pure: the formats, the verdict and the message in, a report out.
 */
import { z } from 'zod';
import { Bilingual } from '../engine/schemas/common.js';
import { Strength } from '../engine/schemas/law.js';

const Field = z.object({ id: z.enum(['number', 'content', 'links', 'received_at']), name: Bilingual }).strict();

export const ReportFormats = z
  .object({
    version: z.string(),
    checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    channels: z.array(
      z
        .object({
          id: z.string(),
          /** The complaint channel (data/act/channels.yaml) this belongs to. */
          channel: z.string(),
          name: Bilingual,
          /** reported: described by stored secondary pages that agree; unconfirmed: not confirmed by any reliable source. */
          status: z.enum(['reported', 'unconfirmed']),
          sms: z.object({ to: z.string().regex(/^\d{3,20}$/), separator: z.string().min(1).max(3) }).strict().optional(),
          fields: z.array(Field).optional(),
          letter: z.string().optional(),
          note: Bilingual,
          sources: z.array(z.object({ url: z.string().url(), what: z.string(), strength: Strength }).strict()).min(1),
        })
        .strict(),
    ),
  })
  .strict();
export type ReportFormats = z.infer<typeof ReportFormats>;

export interface ReportInput {
  /** The message exactly as received: never edited (12321 asks that it not be). */
  text: string;
  /** The sender's number as shown on the phone. */
  number?: string;
  /** When it arrived, as the person would write it. */
  receivedAt?: string;
  /** The check's verdict and assessment. */
  verdict: string;
  assessment: string;
}

export interface PreparedSms {
  to: string;
  body: string;
  /** sms:12321?body=… (RFC 5724): opens the phone's SMS app with the body filled in. */
  uri: string;
}

export interface PreparedChannel {
  id: string;
  name: Bilingual;
  status: 'reported' | 'unconfirmed';
  note: Bilingual;
  sms?: PreparedSms;
  /** Why no SMS could be prepared (no number given). */
  smsMissing?: Bilingual;
  fields?: { id: string; name: Bilingual; value: string }[];
  letter?: string;
  sources: { url: string; what: string; strength: string }[];
}

export interface ScamReport {
  /** spam: a scam or spam message (12321, the anti-fraud app); lender: rule-breaking collection (the complaint letter); genuine: nothing to report. */
  kind: 'spam' | 'lender' | 'genuine';
  checked: string;
  channels: PreparedChannel[];
}

/** RFC 3986 percent-encoding of everything but the unreserved characters (encodeURIComponent leaves !'()* as they are). */
export function pctEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** sms:<to>?body=<body> (RFC 5724 §2.2); `to` must be digits only, so nothing else can become the target. */
export function smsUri(to: string, body: string): string {
  if (!/^\d{3,20}$/.test(to)) throw new Error('an sms: link is only built to a number of digits');
  return `sms:${to}?body=${pctEncode(body)}`;
}

/** The web addresses in a message, as written (for a report form: copied, never opened). */
export function linksIn(text: string): string[] {
  const found = text.match(/\b(?:(?:https?|ftp):\/\/|www\.)[^\s，。！？、；：“”‘’（）()<>]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|top|xyz|vip|cc|me|io|info|shop|site|app|link|club|online|hk)\b(?:\/[^\s，。！？、；：“”‘’（）()<>]*)?/giu);
  return [...new Set(found ?? [])];
}

/** What kind of report fits a verdict: collection that breaks the rules goes to the lender; genuine collection is not reported. */
export function reportKind(verdict: string, assessment: string): ScamReport['kind'] {
  if (assessment === 'collection_violation' || (verdict === 'collection_violation' && assessment !== 'scam')) return 'lender';
  if (assessment === 'collection') return 'genuine';
  return 'spam';
}

export function scamReport(formats: ReportFormats, input: ReportInput): ScamReport {
  const kind = reportKind(input.verdict, input.assessment);
  const number = input.number?.replace(/[\s\-()（）]/g, '');
  const channels: PreparedChannel[] = [];
  for (const c of formats.channels) {
    const wanted = kind === 'lender' ? c.letter !== undefined : kind === 'spam' ? c.letter === undefined : false;
    if (!wanted) continue;
    const p: PreparedChannel = { id: c.id, name: c.name, status: c.status, note: c.note, sources: c.sources };
    if (c.sms) {
      if (number) {
        const body = `${number}${c.sms.separator}${input.text}`;
        p.sms = { to: c.sms.to, body, uri: smsUri(c.sms.to, body) };
      } else {
        p.smsMissing = { zh: '需要对方的号码才能写出这条举报短信：请填写发送号码。', en: "The sender's number is needed for this report SMS: give the number." };
      }
    }
    if (c.fields) {
      const values: Record<string, string> = { number: number ?? '', content: input.text, links: linksIn(input.text).join('\n'), received_at: input.receivedAt ?? '' };
      p.fields = c.fields.map((f) => ({ id: f.id, name: f.name, value: values[f.id] ?? '' }));
    }
    if (c.letter) p.letter = c.letter;
    channels.push(p);
  }
  return { kind, checked: formats.checked, channels };
}
