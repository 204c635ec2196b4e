/**
 * The answer to a check: the verdict in large type, how sure, the message with the matched
 * phrases marked (tap or focus one for its reason), the reasons, the law with its exact text,
 * next steps, questions for the caller and what never to do. All text from the message is
 * shown through SafeText.
 */
import { useState } from 'react';
import type { CheckResult } from '../api.js';
import { NUMBER_KIND_LABEL, useLang, useT, VERDICT_CLASS } from '../i18n.js';
import { inForceText } from '../time.js';
import { SafeText } from './SafeText.js';

interface Segment {
  start: number;
  end: number;
  signals: string[];
}

/** Splits the text at every span edge; each piece lists the signals that cover it. */
export function segments(text: string, spans: { start: number; end: number; signal: string }[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const signals = [...new Set(spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.signal))];
    out.push({ start, end, signals });
  }
  return out;
}

/** What a number is: the official service it belongs to, or its kind in words (手机号码, 企业客服短号 …). */
function numberKind(n: NonNullable<CheckResult['number']>, lang: 'zh' | 'en'): string {
  if (n.official) return lang === 'zh' ? `${n.official.name.zh}，${n.official.purpose.zh}` : `${n.official.name.en} (${n.official.purpose.en})`;
  return NUMBER_KIND_LABEL[n.kind]?.[lang] ?? n.kind;
}

export function VerdictCard({ result }: { result: CheckResult }) {
  const t = useT();
  const lang = useLang();
  const [open, setOpen] = useState<number | undefined>(undefined);
  const bySignal = new Map(result.reasons.map((r) => [r.signal, r]));
  const category = new Map(result.signals.map((s) => [s.id, s.category]));
  const spans = result.signals.flatMap((s) => s.spans.map((sp) => ({ start: sp.start, end: sp.end, signal: s.id })));
  const segs = segments(result.text, spans);
  const openSeg = open === undefined ? undefined : segs[open];
  return (
    <section className={`verdict ${VERDICT_CLASS[result.assessment] ?? ''}`} aria-live="polite" data-verdict={result.verdict} data-assessment={result.assessment}>
      <h2 className="verdict-label">{result.label[lang]}</h2>
      <p className="confidence">
        {t('confidence')}: <strong>{result.confidence >= 0.995 ? '>99' : result.confidence <= 0.005 ? '<1' : Math.round(result.confidence * 100)}%</strong>
      </p>
      <p className="summary">{result.summary[lang]}</p>

      <h3>{t('next_steps')}</h3>
      <ul>{result.next_steps[lang].map((s, i) => <li key={i}>{s}</li>)}</ul>
      {result.never_do[lang].length > 0 && (
        <>
          <h3>{t('never_do')}</h3>
          <ul className="never">{result.never_do[lang].map((s, i) => <li key={i}>{s}</li>)}</ul>
        </>
      )}
      <h3>{t('matched')}</h3>
      <p className="message" data-testid="highlighted">
        {segs.map((s, i) =>
          s.signals.length === 0 ? (
            <SafeText key={i} text={result.text.slice(s.start, s.end)} />
          ) : (
            <button
              key={i}
              type="button"
              className={`mark mark-${category.get(s.signals[0]!) ?? 'neutral'}`}
              aria-expanded={open === i}
              title={s.signals.map((id) => bySignal.get(id)?.title[lang] ?? id).join('；')}
              onClick={() => setOpen(open === i ? undefined : i)}
            >
              <SafeText text={result.text.slice(s.start, s.end)} />
            </button>
          ),
        )}
      </p>
      {openSeg && (
        <div className="why" role="note">
          {openSeg.signals.map((id) => {
            const r = bySignal.get(id);
            return (
              <p key={id}>
                <strong>{r?.title[lang] ?? id}</strong>
                {r ? `：${r.explain[lang]}` : ''}
              </p>
            );
          })}
        </div>
      )}

      {result.number && (
        <p className="number-info">
          {t('number_info')}{lang === 'zh' ? '：' : ': '}<SafeText text={result.number.input} />
          {lang === 'zh' ? `（${numberKind(result.number, 'zh')}）` : ` — ${numberKind(result.number, 'en')}`}
          {result.number.notes[lang].map((n, i) => (
            <span key={i} className="hint block">
              {n}
            </span>
          ))}
        </p>
      )}

      {result.reasons.length > 0 && (
        <>
          <h3>{t('reasons')}</h3>
          <ul className="reasons">
            {result.reasons.map((r) => (
              <li key={r.signal}>
                <strong>{r.title[lang]}</strong>：{r.explain[lang]}
              </li>
            ))}
          </ul>
        </>
      )}

      {result.caller_questions[lang].length > 0 && (
        <>
          <h3>{t('questions')}</h3>
          <ul>{result.caller_questions[lang].map((s, i) => <li key={i}>{s}</li>)}</ul>
        </>
      )}
      {result.law.length > 0 && (
        <details className="law">
          <summary>
            <h3>
              {t('law')}（{result.law.length}）
            </h3>
            <span className="hint">{result.law.map((c) => `${c.law[lang]} ${c.article[lang]}`).join('；')}</span>
          </summary>
          {result.law.map((c) => (
            <div key={c.id} className="citation">
              <p className="cite-head">
                {c.law[lang]} {c.article[lang]}{' '}
                <span className="dates">（{inForceText(c.effective_from, c.effective_to, lang)}）</span>
              </p>
              {c.quoted && c.text ? <blockquote lang="zh">{c.text}</blockquote> : <p className="hint">{c.summary[lang]} {t('summary_only')}</p>}
            </div>
          ))}
        </details>
      )}

      {result.notes.map((n, i) => (
        <p key={i} className="hint">
          {n[lang]}
        </p>
      ))}
    </section>
  );
}
