/**
 * Law: the searchable law library — each provision with its law, article, the authority that
 * made it and when it is in force — and plain answers to common questions. Where a text was
 * copied from (repository paths, URLs) is for developers: it stays in the JSON (/api/law).
 */
import { useEffect, useState } from 'react';
import { api, ApiError, type FaqEntry, type Provision } from '../api.js';
import { ErrorBox, Field } from '../components/Field.js';
import { useLang, useT } from '../i18n.js';
import { inForceText } from '../time.js';

/** How firm a provision's text is (data/law/provisions.yaml `strength`). */
const STRENGTH: Record<string, { zh: string; en: string }> = {
  verified: { zh: '原文已核实', en: 'text verified' },
  corroborated: { zh: '多方印证', en: 'corroborated' },
  secondary: { zh: '二手来源，仅摘要', en: 'secondary source, summary only' },
};

export function LawPage() {
  const t = useT();
  const lang = useLang();
  const [q, setQ] = useState('');
  const [date, setDate] = useState('');
  const [list, setList] = useState<(Provision & { quoted: boolean })[]>([]);
  const [faq, setFaq] = useState<FaqEntry[]>([]);
  const [error, setError] = useState<ApiError | undefined>();

  useEffect(() => {
    api<{ entries: FaqEntry[] }>('GET', '/api/law/faq').then((r) => setFaq(r.entries), (e: ApiError) => setError(e));
  }, []);
  useEffect(() => {
    const h = setTimeout(() => {
      const p = new URLSearchParams();
      if (q.trim()) p.set('q', q.trim());
      if (date) p.set('date', date);
      api<{ provisions: (Provision & { quoted: boolean })[] }>('GET', `/api/law?${p.toString()}`).then((r) => setList(r.provisions), (e: ApiError) => setError(e));
    }, 80);
    return () => clearTimeout(h);
  }, [q, date]);

  return (
    <div className="page">
      <h1>{t('law_title')}</h1>
      <ErrorBox error={error} />
      <section className="card">
        <h2>{t('faq')}</h2>
        {faq.map((f) => (
          <details key={f.id} className="faq" data-testid="faq">
            <summary>{f.question[lang]}</summary>
            <p className="answer">{f.answer[lang]}</p>
            {f.cited.length > 0 && (
              <p className="hint">
                {t('cites')}:{' '}
                {f.cited.map((c) => `${c.law[lang]} ${c.article[lang]}（${STRENGTH[c.strength]?.[lang] ?? c.strength}）`).join('；')}
              </p>
            )}
          </details>
        ))}
      </section>
      <section className="card">
        <div className="row">
          <Field label={t('search')}>{(id) => <input id={id} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}</Field>
          <Field label={t('in_force_on')}>{(id) => <input id={id} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}</Field>
        </div>
        <p className="hint" role="status">
          {list.length} {t('results')}
        </p>
        {list.map((p) => (
          <article key={p.id} className="citation" id={p.id} data-testid="provision">
            <h3>
              {p.law[lang]} {p.article[lang]}
            </h3>
            <p className="dates" data-testid="provision-facts">
              {p.publisher ? `${t('publisher')}${lang === 'zh' ? '：' : ': '}${p.publisher[lang]} · ` : ''}
              {inForceText(p.effective_from, p.effective_to, lang)} · {STRENGTH[p.strength]?.[lang] ?? p.strength}
            </p>
            {p.quoted && p.text ? <blockquote lang="zh">{p.text}</blockquote> : <p>{p.summary[lang]} {t('summary_only')}</p>}
          </article>
        ))}
      </section>
    </div>
  );
}
