/**
 * Check: paste a message (and optionally the number and date); the verdict appears as soon
 * as typing stops. A live-call checklist feeds the caller's answers into the check; "save to
 * record" keeps the message as an event, with a screenshot or recording attached.
 */
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, inBrowserOnly, warmCheck, type CheckResult, type EventRow } from '../api.js';
import { ChoiceField, ErrorBox, Field } from '../components/Field.js';
import { VerdictCard } from '../components/VerdictCard.js';
import { WarnPanel } from '../components/WarnPanel.js';
import { KIND_LABEL, useLang, useT } from '../i18n.js';
import { nowLocal } from '../time.js';
import { ScreenshotOcr } from '../components/ScreenshotOcr.js';

type Answer = { state: 'unasked' | 'refused' | 'gave'; value: string };
const QUESTIONS = [
  ['company', 'q_company'],
  ['employee_no', 'q_employee'],
  ['contract_no', 'q_contract'],
  ['platform', 'q_platform'],
] as const;
type QKey = (typeof QUESTIONS)[number][0];

/**
 * Debounce for the live check through a server: short, so the answer shows within ~100 ms of the
 * last key. The offline app has none: its check runs in the app's worker in a few milliseconds, so
 * every change is checked at once (a newer change supersedes the answer still being computed).
 */
const DEBOUNCE_MS = 40;

/**
 * Whether `on` has been true since before the last frame was drawn. The verdict card is what the
 * person waits for: when a verdict first appears, the card is drawn alone and what follows it (the
 * warning panel, the save form) is added just after it is on screen — on a slow phone these more
 * than double the work before the card shows. Later verdicts update everything together.
 */
function useOnAfterPaint(on: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!on) return setAfter(false);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setAfter(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [on]);
  return on && after;
}

export function CheckPage() {
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState('');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  // A screenshot whose recognised text was put in the box: attached as evidence on saving.
  const [shot, setShot] = useState<File | undefined>();
  const [answers, setAnswers] = useState<Record<QKey, Answer>>({
    company: { state: 'unasked', value: '' },
    employee_no: { state: 'unasked', value: '' },
    contract_no: { state: 'unasked', value: '' },
    platform: { state: 'unasked', value: '' },
  });
  const [result, setResult] = useState<CheckResult | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const inflight = useRef<AbortController | undefined>(undefined);
  const restShown = useOnAfterPaint(result !== undefined);

  const payloadAnswers = () => {
    const out: Record<string, string | null> = {};
    for (const [k] of QUESTIONS) {
      const a = answers[k];
      if (a.state === 'refused') out[k] = null;
      if (a.state === 'gave' && a.value.trim()) out[k] = a.value.trim();
    }
    return out;
  };

  const run = async () => {
    if (!/\S/.test(text)) {
      setResult(undefined);
      setError(undefined);
      return;
    }
    inflight.current?.abort();
    const ac = new AbortController();
    inflight.current = ac;
    setBusy(true);
    try {
      const body = { text, ...(number.trim() ? { number: number.trim() } : {}), ...(date ? { date } : {}), answers: payloadAnswers() };
      const r = await api<CheckResult>('POST', '/api/check', body, ac.signal);
      setResult(r);
      setError(undefined);
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      setError(e as ApiError);
      setResult(undefined);
    } finally {
      if (inflight.current === ac) setBusy(false);
    }
  };

  // The offline app loads its engine once the page is on screen (not sooner: started before the
  // page's code, it held up the page's first draw in the benchmarks), so that a message typed or
  // pasted then does not wait for the worker, the engine's code and the model.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(warmCheck, 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);

  useEffect(() => {
    const h = setTimeout(() => void run(), inBrowserOnly() ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [text, number, date, answers]);

  return (
    <div className="page check-page">
      <h1>{t('check_title')}</h1>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <ScreenshotOcr
          onText={(recognised, file) => {
            setText(recognised);
            setShot(file);
          }}
        />
        <Field label={t('check_text')} hint={t('check_text_hint')}>
          {(id, hint) => <textarea id={id} aria-describedby={hint} rows={6} value={text} onChange={(e) => setText(e.target.value)} maxLength={2_000_000} />}
        </Field>
        <div className="row">
          <Field label={t('check_number')}>{(id) => <input id={id} type="tel" inputMode="tel" autoComplete="off" value={number} onChange={(e) => setNumber(e.target.value)} />}</Field>
          <Field label={t('check_date')}>{(id) => <input id={id} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}</Field>
        </div>
        <button type="submit" className="primary">
          {busy ? t('checking') : t('check_button')}
        </button>
      </form>

      <details className="card checklist">
        <summary>{t('checklist')}</summary>
        <p className="hint">{t('checklist_hint')}</p>
        {QUESTIONS.map(([k, q]) => (
          <fieldset key={k} className="question">
            <legend>{t(q)}</legend>
            {(['unasked', 'refused', 'gave'] as const).map((s) => (
              <label key={s} className="choice">
                <input
                  type="radio"
                  name={`q-${k}`}
                  value={s}
                  checked={answers[k].state === s}
                  onChange={() => setAnswers({ ...answers, [k]: { ...answers[k], state: s } })}
                />
                {t(s === 'unasked' ? 'a_unasked' : s === 'refused' ? 'a_refused' : 'a_gave')}
              </label>
            ))}
            {answers[k].state === 'gave' && (
              <input
                aria-label={t(q)}
                value={answers[k].value}
                onChange={(e) => setAnswers({ ...answers, [k]: { state: 'gave', value: e.target.value } })}
                maxLength={200}
              />
            )}
          </fieldset>
        ))}
      </details>

      <ErrorBox error={error} />
      {result && (
        <>
          <VerdictCard result={result} />
          {restShown && <WarnPanel result={result} number={number} date={date} />}
          {restShown && <SaveToRecord text={text} number={number} date={date} platform={answers.platform.state === 'gave' ? answers.platform.value : ''} company={answers.company.state === 'gave' ? answers.company.value : ''} employee={answers.employee_no.state === 'gave' ? answers.employee_no.value : ''} shot={shot} />}
        </>
      )}
      <p className="hint">{lang === 'zh' ? '判断只是参考：不确定时，挂断，用官方App或官方客服电话自己核实。' : 'The verdict is guidance: when unsure, hang up and check through the official app or hotline yourself.'}</p>
    </div>
  );
}

/**
 * The time an event is saved with: the date typed above the message, if any, at noon local
 * time (shown, and editable, before saving: a message's date matters more than its minute,
 * and noon never counts as a night contact); without a date, now.
 */
const NOON = '12:00';
/** A day's default time: noon, or now when the day is today and noon has not come (a time ahead is refused as a typo). */
const dayTime = (date: string): string => {
  const now = nowLocal();
  return date === now.slice(0, 10) && now.slice(11, 16) < NOON ? now : `${date}T${NOON}`;
};
const savedTimeFor = (date: string): string => (date ? dayTime(date) : nowLocal());

function SaveToRecord({ text, number, date, platform, company, employee, shot }: { text: string; number: string; date: string; platform: string; company: string; employee: string; shot?: File }) {
  const t = useT();
  const lang = useLang();
  const [kind, setKind] = useState('sms');
  const [at, setAt] = useState(() => savedTimeFor(date));
  // A date typed (or changed) on the check form moves the time to that day; the time of day the person set is kept.
  const typed = useRef(date);
  const timeSetByHand = useRef(false);
  useEffect(() => {
    if (typed.current === date) return;
    typed.current = date;
    setAt((prev) => (date ? (timeSetByHand.current && prev.slice(11, 16) ? `${date}T${prev.slice(11, 16)}` : dayTime(date)) : nowLocal()));
  }, [date]);
  const [files, setFiles] = useState<File[]>([]);
  const [saved, setSaved] = useState<{ id: string; files: number } | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const e = await api<EventRow>('POST', '/api/events', {
        kind,
        at: at.replace('T', ' '),
        tz: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai',
        text,
        ...(number.trim() ? { number: number.trim() } : {}),
        ...(platform.trim() ? { platform: platform.trim() } : {}),
        ...(company.trim() ? { company: company.trim() } : {}),
        ...(employee.trim() ? { employee_no: employee.trim() } : {}),
      });
      let n = 0;
      const attach = shot ? [shot, ...files.filter((f) => f !== shot)] : files;
      if (attach.length > 0) {
        const fd = new FormData();
        for (const f of attach) fd.append('file', f, f.name);
        n = (await api<{ files: unknown[] }>('POST', `/api/events/${e.id}/evidence`, fd)).files.length;
      }
      setSaved({ id: e.id, files: n });
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card save">
      <h2>{t('save_to_record')}</h2>
      <div className="row">
        <ChoiceField label={t('save_kind')} options={KIND_LABEL} value={kind} onChange={(v) => setKind(v)} only={['sms', 'call_incoming', 'call_missed', 'app_notice', 'third_party']} />
        <Field label={t('save_time')} {...(date && at === `${date}T${NOON}` ? { hint: t('save_time_noon') } : {})}>
          {(id, hint) => <input id={id} type="datetime-local" required aria-describedby={hint} value={at} onChange={(e) => {
                timeSetByHand.current = true;
                setAt(e.target.value);
              }} />}
        </Field>
      </div>
      <Field label={t('save_screenshot')}>
        {(id) => <input id={id} type="file" multiple accept="image/*,audio/*,video/*,application/pdf,text/plain" onChange={(e) => setFiles([...(e.target.files ?? [])])} />}
      </Field>
      {shot && (
        <p className="hint">
          {lang === 'zh' ? `识别用的截图“${shot.name}”会作为证据一起保存。` : `The screenshot "${shot.name}" the text was read from is saved as evidence too.`}
        </p>
      )}
      <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
        {t('save_confirm')}
      </button>
      <ErrorBox error={error} />
      {saved && (
        <p className="ok" role="status">
          {t('saved')}
          {saved.files > 0 ? `（${saved.files} ${t('files_attached')}）` : ''} — <a href="#/record">{t('nav_record')}</a>
        </p>
      )}
    </section>
  );
}
