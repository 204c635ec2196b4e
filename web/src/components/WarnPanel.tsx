/**
 * After a check: warn the family (a card drawn here, in the page, from the check result —
 * SVG to canvas to PNG, nothing uploaded), tag the number, export the tagged numbers for the
 * phone's contacts and blocker, and prepare a report (the 12321 SMS, opened pre-filled in the
 * SMS app by a link WE build to 12321; the fields for the 12321 form and the anti-fraud app;
 * for rule-breaking collection, the lender letter). The scam's own links are never clickable.
 */
import { useEffect, useState } from 'react';
import { api, download, ApiError, type CheckResult, type Profile, type Bi } from '../api.js';
import { useLang } from '../i18n.js';
import { cardFromCheck, warningCardSvg, type Redaction } from '../../../src/act/warning-card.js';
import { tagFromVerdict, tagLabel, type NumberTag, type TagKind } from '../../../src/record/tags.js';
import { safeString } from './SafeText.js';

const W = {
  heading: { zh: '提醒家人、标记号码、举报', en: 'Warn the family, tag the number, report it' },
  warn: { zh: '提醒家人', en: 'Warn my family' },
  warnHint: { zh: '生成一张可以发到家人群里的图片：链接和号码已失效处理，你的姓名和身份证尾号已隐去。图片在本机生成，不上传。', en: 'Makes a picture to send to the family chat: links and numbers made harmless, your name and ID tail removed. Made in this page; nothing is uploaded.' },
  hideAmounts: { zh: '同时隐去金额', en: 'Hide amounts too' },
  save: { zh: '保存图片', en: 'Save the picture' },
  share: { zh: '分享', en: 'Share' },
  cardAlt: { zh: '提醒家人的卡片', en: 'The warning card' },
  tag: { zh: '标记这个号码', en: 'Tag this number' },
  tagKind: { zh: '标记', en: 'Tag' },
  platform: { zh: '平台或机构（可不填）', en: 'Platform or organisation (optional)' },
  needNumber: { zh: '填写对方号码后才能标记和写举报短信。', en: "Give the sender's number to tag it and to write the report SMS." },
  yourTag: { zh: '你的标记', en: 'Your tag' },
  untag: { zh: '取消标记', en: 'Remove the tag' },
  exportVcf: { zh: '导出通讯录（vCard，用于来电显示和拦截）', en: 'Export contacts (vCard, for caller ID and blocking)' },
  exportCsv: { zh: '导出表格（CSV）', en: 'Export a table (CSV)' },
  exportHint: { zh: '把 .vcf 文件发到手机上打开即可导入通讯录，来电会显示“⚠ 诈骗 号码”；再在电话的拦截设置里把它们加入黑名单。', en: 'Open the .vcf file on your phone to import it: calls show “⚠ Scam number”; then add them to the phone’s block list.' },
  report: { zh: '准备举报', en: 'Prepare a report' },
  sendSms: { zh: '用短信发送到 12321', en: 'Send by SMS to 12321' },
  smsText: { zh: '要发送的短信（原短信一字不改）', en: 'The SMS to send (the original message unchanged)' },
  copy: { zh: '复制', en: 'Copy' },
  copied: { zh: '已复制', en: 'Copied' },
  unconfirmed: { zh: '格式未经官方确认', en: 'Format not officially confirmed' },
  letter: { zh: '在“投诉与信函”页生成这封信：', en: 'Make this letter on the Letters page:' },
  genuine: { zh: '这看起来是正常催收，不是垃圾短信，不需要举报。', en: 'This looks like genuine collection, not spam: nothing to report.' },
  checked: { zh: '这些方式的说明核对于', en: 'These ways were checked on' },
  sources: { zh: '来源', en: 'Sources' },
} satisfies Record<string, Bi>;

const KINDS: TagKind[] = ['scam', 'collection_violation', 'collection', 'official'];
const LETTER_NAME: Record<string, Bi> = { 'cease-harassment': { zh: '停止骚扰通知（致借款平台）', en: 'Notice to stop harassment (to the lender)' } };

interface PreparedChannel {
  id: string;
  name: Bi;
  status: 'reported' | 'unconfirmed';
  note: Bi;
  sms?: { to: string; body: string; uri: string };
  smsMissing?: Bi;
  fields?: { id: string; name: Bi; value: string }[];
  letter?: string;
  sources: { url: string; what: string; strength: string }[];
}
interface ReportAnswer {
  kind: 'spam' | 'lender' | 'genuine';
  checked: string;
  channels: PreparedChannel[];
  tag: NumberTag | null;
}

/** Only a link we build ourselves, to 12321, digits and percent-encoding only, ever becomes clickable. */
const OUR_SMS_LINK = /^sms:12321\?body=[A-Za-z0-9\-._~%]*$/;

/** The card's SVG drawn to a canvas, as a PNG blob. */
async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.width = width;
    img.height = height;
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('card image failed'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no canvas');
    g.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function CopyButton({ value }: { value: string }) {
  const lang = useLang();
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => setDone(true), () => setDone(false));
      }}
    >
      {done ? W.copied[lang] : W.copy[lang]}
    </button>
  );
}

export function WarnPanel({ result, number, date }: { result: CheckResult; number: string; date: string }) {
  const lang = useLang();
  const [card, setCard] = useState<{ png: string; svg: string; size: number; blob: Blob } | undefined>();
  const [hideAmounts, setHideAmounts] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const suggested = tagFromVerdict(result.verdict === 'scam' || result.assessment === 'scam' ? 'scam' : result.verdict);
  const [kind, setKind] = useState<TagKind>(suggested?.kind ?? 'scam');
  const [platform, setPlatform] = useState('');
  const [tag, setTag] = useState<NumberTag | undefined>();
  const [report, setReport] = useState<ReportAnswer | undefined>();
  const hasNumber = number.trim() !== '';

  const fail = (e: unknown): void => setError(e instanceof ApiError ? (lang === 'zh' ? e.zh : e.en) : (e as Error).message);

  // The number's current tag, and a fresh card and report whenever the result changes.
  useEffect(() => {
    setCard(undefined);
    setReport(undefined);
    setError(undefined);
    if (!hasNumber) return setTag(undefined);
    let live = true;
    api<{ tags: NumberTag[] }>('GET', '/api/tags').then(
      (r) => {
        const key = number.replace(/[\s\-()（）]/g, '').replace(/^(?:\+86|0086|86)(1\d{10})$/, '$1');
        if (live) setTag(r.tags.find((t) => t.number === key));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [result, number, hasNumber]);

  useEffect(() => () => card && URL.revokeObjectURL(card.png), [card]);

  async function makeCard(): Promise<void> {
    setError(undefined);
    try {
      let redaction: Redaction = { amounts: hideAmounts };
      try {
        const p = await api<Profile | null>('GET', '/api/profile');
        if (p && p.name) redaction = { ...redaction, names: [p.name], idTail: p.id_tail, phone: p.phone };
      } catch {
        /* no profile yet: salutations and ID numbers are still removed */
      }
      const c = warningCardSvg(cardFromCheck(result, lang), lang, redaction);
      const blob = await svgToPng(c.svg, c.width, c.height);
      setCard({ png: URL.createObjectURL(blob), svg: c.svg, size: blob.size, blob });
    } catch (e) {
      fail(e);
    }
  }

  async function share(): Promise<void> {
    if (!card) return;
    const file = new File([card.blob], 'dunguard-warning.png', { type: 'image/png' });
    if (navigator.canShare?.({ files: [file] })) await navigator.share({ files: [file] }).catch(() => undefined);
  }

  async function saveTag(): Promise<void> {
    setError(undefined);
    try {
      setTag(await api<NumberTag>('PUT', `/api/tags/${encodeURIComponent(number.trim())}`, { kind, ...(platform.trim() ? { platform: platform.trim() } : {}) }));
    } catch (e) {
      fail(e);
    }
  }

  async function removeTag(): Promise<void> {
    if (!tag) return;
    setError(undefined);
    try {
      await api<NumberTag>('DELETE', `/api/tags/${encodeURIComponent(tag.number)}`);
      setTag(undefined);
    } catch (e) {
      fail(e);
    }
  }

  async function prepareReport(): Promise<void> {
    setError(undefined);
    try {
      setReport(await api<ReportAnswer>('POST', '/api/report-scam', { text: result.text, ...(hasNumber ? { number: number.trim() } : {}), ...(date ? { date } : {}) }));
    } catch (e) {
      fail(e);
    }
  }

  return (
    <section className="card warn" aria-labelledby="warn-heading">
      <h2 id="warn-heading">{W.heading[lang]}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      <h3>{W.warn[lang]}</h3>
      <p className="hint">{W.warnHint[lang]}</p>
      <label>
        <input type="checkbox" checked={hideAmounts} onChange={(e) => setHideAmounts(e.target.checked)} /> {W.hideAmounts[lang]}
      </label>
      <button type="button" className="primary" onClick={() => void makeCard()}>
        {W.warn[lang]}
      </button>
      {card && (
        <div className="warn-card">
          <img src={card.png} alt={W.cardAlt[lang]} width={270} data-testid="warn-card" />
          <p>
            <a href={card.png} download="dunguard-warning.png" data-testid="card-download">
              {W.save[lang]}
            </a>{' '}
            {typeof navigator.canShare === 'function' && (
              <button type="button" onClick={() => void share()}>
                {W.share[lang]}
              </button>
            )}
          </p>
        </div>
      )}

      <h3>{W.tag[lang]}</h3>
      {!hasNumber && <p className="hint">{W.needNumber[lang]}</p>}
      {tag && (
        <p data-testid="your-tag">
          {W.yourTag[lang]}：<strong>{tagLabel(tag, lang)}</strong> <span className="phone" translate="no">{tag.number}</span>{' '}
          <button type="button" onClick={() => void removeTag()}>
            {W.untag[lang]}
          </button>
        </p>
      )}
      <div className="row">
        <label>
          {W.tagKind[lang]}{' '}
          <select aria-label={W.tagKind[lang]} value={kind} onChange={(e) => setKind(e.target.value as TagKind)} disabled={!hasNumber}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {tagLabel({ kind: k }, lang)}
              </option>
            ))}
          </select>
        </label>
        {(kind === 'collection' || kind === 'official') && (
          <label>
            {W.platform[lang]} <input value={platform} maxLength={60} onChange={(e) => setPlatform(e.target.value)} />
          </label>
        )}
        <button type="button" onClick={() => void saveTag()} disabled={!hasNumber}>
          {W.tag[lang]}
        </button>
      </div>
      <p className="row">
        <button type="button" onClick={() => void download('GET', `/api/tags.vcf?lang=${lang}`, undefined, 'dunguard-blocklist.vcf').catch(fail)}>
          {W.exportVcf[lang]}
        </button>{' '}
        <button type="button" onClick={() => void download('GET', `/api/tags.csv?lang=${lang}`, undefined, 'dunguard-tags.csv').catch(fail)}>
          {W.exportCsv[lang]}
        </button>
      </p>
      <p className="hint">{W.exportHint[lang]}</p>

      <h3>{W.report[lang]}</h3>
      <button type="button" onClick={() => void prepareReport()}>
        {W.report[lang]}
      </button>
      {report && report.kind === 'genuine' && <p>{W.genuine[lang]}</p>}
      {report &&
        report.channels.map((c) => (
          <div key={c.id} className="report-channel" data-testid={`report-${c.id}`}>
            <h4>
              {c.name[lang]} {c.status === 'unconfirmed' && <span className="badge">{W.unconfirmed[lang]}</span>}
            </h4>
            {c.sms && (
              <>
                <label>
                  {W.smsText[lang]}
                  <textarea readOnly value={c.sms.body} rows={4} data-testid="sms-body" />
                </label>
                <p>
                  {OUR_SMS_LINK.test(c.sms.uri) && (
                    <a href={c.sms.uri} data-testid="sms-link">
                      {W.sendSms[lang]}
                    </a>
                  )}{' '}
                  <CopyButton value={c.sms.body} />
                </p>
              </>
            )}
            {c.smsMissing && <p className="hint">{c.smsMissing[lang]}</p>}
            {c.fields && (
              <dl>
                {c.fields
                  .filter((f) => f.value !== '')
                  .map((f) => (
                    <div key={f.id}>
                      <dt>{f.name[lang]}</dt>
                      <dd>
                        <span className="copyable">{safeString(f.value)}</span> <CopyButton value={f.value} />
                      </dd>
                    </div>
                  ))}
              </dl>
            )}
            {c.letter && (
              <p>
                {W.letter[lang]} <strong>{LETTER_NAME[c.letter]?.[lang] ?? c.letter}</strong>
              </p>
            )}
            <p className={c.status === 'unconfirmed' ? 'warning' : 'hint'}>{c.note[lang]}</p>
            <details>
              <summary>{W.sources[lang]}</summary>
              <ul>
                {c.sources.map((s) => (
                  <li key={s.url}>
                    <span translate="no">{safeString(s.url)}</span> — {s.what}
                  </li>
                ))}
              </ul>
            </details>
          </div>
        ))}
      {report && (
        <p className="hint">
          {W.checked[lang]} {report.checked}
        </p>
      )}
    </section>
  );
}
