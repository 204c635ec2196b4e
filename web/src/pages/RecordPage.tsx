/**
 * Record: add an event quickly, filter the list, see the harassment pattern (contacts per
 * day; per hour with the night window shaded), drop evidence files on an event, verify the
 * record, download the report PDF and the evidence package.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { api, ApiError, download, imageUrl, inBrowserOnly, multiUserPages, type EventCounts, type EvidenceFile, type EventRow, type HarassmentReport, type VerifyReport } from '../api.js';
import { continuousDays } from '../../../src/record/labels.js';
import { numberKey, tagLabel, type NumberTag } from '../../../src/record/tags.js';
import { findingLine } from '../../../src/present/findings.js';
import { BarChart } from '../components/BarChart.js';
import { ChoiceField, ErrorBox, Field } from '../components/Field.js';
import { SafeText } from '../components/SafeText.js';
import { CONTACTED_LABEL, KIND_LABEL, toldLabel, useLang, useT, VERDICT_CLASS, type Lang } from '../i18n.js';
import { nowLocal } from '../time.js';

/** Hours inside the night window "22:00–08:00" (start inclusive, end exclusive, by hour). */
export function nightHours(window: string): Set<number> {
  const m = /(\d{2}):\d{2}\D+(\d{2}):\d{2}/.exec(window);
  const out = new Set<number>();
  if (!m) return out;
  const start = Number(m[1]);
  const end = Number(m[2]);
  for (let h = 0; h < 24; h++) if (start > end ? h >= start || h < end : h >= start && h < end) out.add(h);
  return out;
}

/** Events on one page of the list (the next ones with 再显示). */
const PAGE = 50;

type Verifying = { state: 'checking' } | { state: 'done'; report: VerifyReport } | { state: 'failed' };
type Listed = { events: EventRow[]; next: string | null; total: number };

export function RecordPage() {
  const t = useT();
  const lang = useLang();
  // The list a page at a time (newest first), and the charts from counts: the page never reads every event.
  const [list, setList] = useState<Listed | undefined>();
  const [counts, setCounts] = useState<EventCounts | undefined>();
  // The pattern's findings read every event of the period: asked for after the first draw.
  const [report, setReport] = useState<HarassmentReport | undefined>();
  const [verify, setVerify] = useState<Verifying | undefined>();
  const [moreBusy, setMoreBusy] = useState(false);
  const [files, setFiles] = useState<Map<string, EvidenceFile>>(new Map());
  const [tags, setTags] = useState<Map<string, NumberTag>>(new Map());
  const [filter, setFilter] = useState({ from: '', to: '', number: '', kind: '' });
  const [error, setError] = useState<ApiError | undefined>();
  const [form, setForm] = useState({ kind: 'call_incoming', at: nowLocal(), number: '', platform: '', contacted: 'borrower', disclosed: false, text: '', notes: '' });
  const loads = useRef(0);

  const listQuery = (cursor?: string) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v) p.set(k, v);
    p.set('limit', String(PAGE));
    if (cursor) p.set('cursor', cursor);
    return p.toString();
  };

  const load = async () => {
    const seq = ++loads.current;
    const rq = new URLSearchParams();
    if (filter.from) rq.set('from', filter.from);
    if (filter.to) rq.set('to', filter.to);
    const period = rq.size ? '?' + rq.toString() : '';
    try {
      const [page, counted, evidence, tagged] = await Promise.all([
        api<Listed>('GET', `/api/events/page?${listQuery()}`),
        api<EventCounts>('GET', `/api/events/counts${period}`),
        api<EvidenceFile[]>('GET', '/api/evidence'),
        api<{ tags: NumberTag[] }>('GET', '/api/tags'),
      ]);
      if (seq !== loads.current) return; // a later filter's answer is on its way
      setList(page);
      setCounts(counted);
      setFiles(new Map(evidence.map((f) => [f.sha256, f])));
      setTags(new Map(tagged.tags.map((x) => [x.number, x])));
      setError(undefined);
    } catch (e) {
      if (seq === loads.current) setError(e as ApiError);
      return;
    }
    setReport(undefined);
    api<HarassmentReport>('GET', `/api/report${period}`).then(
      (r) => seq === loads.current && setReport(r),
      (e: ApiError) => setError(e),
    );
  };

  const more = async () => {
    if (!list?.next) return;
    setMoreBusy(true);
    const seq = loads.current;
    try {
      const page = await api<Listed>('GET', `/api/events/page?${listQuery(list.next)}`);
      if (seq === loads.current) setList({ events: [...list.events, ...page.events], next: page.next, total: page.total });
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setMoreBusy(false);
    }
  };

  useEffect(() => {
    void load();
    // reload when the filter changes
  }, [filter]);

  const runVerify = (signal?: AbortSignal) => {
    setVerify({ state: 'checking' });
    api<VerifyReport>('GET', '/api/verify', undefined, signal).then(
      (report) => setVerify({ state: 'done', report }),
      (e: ApiError) => {
        if (signal?.aborted) return;
        setVerify({ state: 'failed' });
        setError(e);
      },
    );
  };

  // The whole record is verified (every audit entry, every evidence file re-hashed) once the page
  // has drawn its list and charts: in the background, its state shown until it has finished.
  const drawn = list !== undefined;
  useEffect(() => {
    if (!drawn) return;
    // Left before it ran or finished (another case, another page): not asked, or its answer dropped.
    const left = new AbortController();
    requestAnimationFrame(() => setTimeout(() => left.signal.aborted || runVerify(left.signal), 0));
    return () => left.abort();
  }, [drawn]);

  const add = async () => {
    try {
      await api('POST', '/api/events', {
        kind: form.kind,
        at: form.at.replace('T', ' '),
        tz: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai',
        ...(form.number.trim() ? { number: form.number.trim() } : {}),
        ...(form.platform.trim() ? { platform: form.platform.trim() } : {}),
        contacted: form.contacted,
        ...(form.contacted !== 'borrower' ? { debt_disclosed: form.disclosed } : {}),
        ...(form.text.trim() ? { text: form.text } : {}),
        ...(form.notes.trim() ? { notes: form.notes } : {}),
      });
      setForm({ ...form, text: '', notes: '', at: nowLocal() });
      await load();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const night = nightHours(counts?.settings.night_window ?? '');
  const events = list?.events ?? [];
  const zh = lang === 'zh';
  return (
    <div className="page">
      <h1>{t('record_title')}</h1>
      {inBrowserOnly() && <KeptOnPhone lang={lang} />}
      <ErrorBox error={error} />
      <details className="card" open={list !== undefined && list.total === 0 && !Object.values(filter).some(Boolean)}>
        <summary>{t('add_event')}</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <div className="row">
            <ChoiceField label={t('kind')} options={KIND_LABEL} value={form.kind} onChange={(v) => setForm({ ...form, kind: v })} />
            <Field label={t('time')}>{(id) => <input id={id} type="datetime-local" required value={form.at} onChange={(e) => setForm({ ...form, at: e.target.value })} />}</Field>
          </div>
          <div className="row">
            <Field label={t('number')}>{(id) => <input id={id} type="tel" value={form.number} onChange={(e) => setForm({ ...form, number: e.target.value })} />}</Field>
            <Field label={t('platform')}>{(id) => <input id={id} value={form.platform} onChange={(e) => setForm({ ...form, platform: e.target.value })} />}</Field>
          </div>
          <div className="row">
            <ChoiceField label={t('contacted')} options={CONTACTED_LABEL} value={form.contacted} onChange={(v) => setForm({ ...form, contacted: v })} />
            {form.contacted !== 'borrower' && (
              <label className="choice">
                <input type="checkbox" checked={form.disclosed} onChange={(e) => setForm({ ...form, disclosed: e.target.checked })} />
                {t('disclosed')}
              </label>
            )}
          </div>
          <Field label={t('content')}>{(id) => <textarea id={id} rows={3} value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />}</Field>
          <Field label={t('notes')}>{(id) => <input id={id} value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} />}</Field>
          <button type="submit" className="primary">
            {t('add')}
          </button>
        </form>
      </details>

      {counts && counts.total > 0 && (
        <section className="card" data-testid="pattern">
          <p className="hint" data-testid="counts-summary">
            {zh ? `这段时间共 ${counts.total} 条联系记录：` : `${counts.total} contacts in this period: `}
            {Object.entries(counts.byKind)
              .sort((a, b) => b[1] - a[1])
              .map(([k, n]) => `${(KIND_LABEL as Record<string, Record<Lang, string> | undefined>)[k]?.[lang] ?? k} ${n}`)
              .join(zh ? '、' : ', ')}
          </p>
          <BarChart title={t('per_day')} bars={continuousDays(counts.perDay, (date) => ({ date, count: 0 })).map((d) => ({ label: d.date.slice(5), value: d.count }))} />
          <BarChart title={`${t('per_hour')} ${counts.settings.night_window}`} bars={counts.perHour.map((v, h) => ({ label: String(h), value: v, shaded: night.has(h) }))} />
          {report === undefined ? (
            <p className="hint" role="status" data-testid="findings-pending">
              {zh ? '正在分析骚扰规律……' : 'Looking for the harassment pattern…'}
            </p>
          ) : (
            report.findings.length > 0 && (
              <>
                <h2>{t('findings')}</h2>
                <ul className="findings">
                  {report.findings.map((f) => (
                    <li key={f.id}>
                      <strong>{f.title[lang]}</strong>：{f.detail[lang]}
                    </li>
                  ))}
                </ul>
              </>
            )
          )}
        </section>
      )}

      <section className="card">
        <h2>{t('filters')}</h2>
        <div className="row">
          <Field label={t('from')}>{(id) => <input id={id} type="date" value={filter.from} onChange={(e) => setFilter({ ...filter, from: e.target.value })} />}</Field>
          <Field label={t('to')}>{(id) => <input id={id} type="date" value={filter.to} onChange={(e) => setFilter({ ...filter, to: e.target.value })} />}</Field>
        </div>
        <div className="row">
          <Field label={t('number')}>{(id) => <input id={id} type="tel" value={filter.number} onChange={(e) => setFilter({ ...filter, number: e.target.value })} />}</Field>
          <ChoiceField label={t('kind')} options={KIND_LABEL} value={filter.kind} onChange={(v) => setFilter({ ...filter, kind: v })} empty={t('all_kinds')} />
        </div>
      </section>

      {list === undefined ? null : events.length === 0 ? (
        <p>{t('no_events')}</p>
      ) : (
        <>
          <p className="hint" data-testid="list-count">
            {zh ? `显示最近的 ${events.length} 条，共 ${list.total} 条` : `Showing the latest ${events.length} of ${list.total}`}
          </p>
          <ol className="events" reversed start={list.total}>
            {events.map((e) => (
              <EventItem key={e.id} e={e} files={files} tag={e.number ? tags.get(numberKey(e.number) ?? '') : undefined} onChange={() => void load()} />
            ))}
          </ol>
          {list.next !== null && (
            <button type="button" className="more" disabled={moreBusy} onClick={() => void more()}>
              {zh ? `再显示 ${Math.min(PAGE, list.total - events.length)} 条（共 ${list.total} 条）` : `Show ${Math.min(PAGE, list.total - events.length)} more (of ${list.total})`}
            </button>
          )}
        </>
      )}

      <section className="card actions">
        <button type="button" disabled={verify?.state === 'checking'} onClick={() => runVerify()}>
          {t('verify')}
        </button>
        <button type="button" onClick={() => void download('GET', `/api/report.pdf?lang=${lang}`, undefined, lang === 'en' ? 'dunguard-report-en.pdf' : 'dunguard-report.pdf').catch((e: ApiError) => setError(e))}>
          {t('report_pdf')}
        </button>
        {/* Read in English, the report to send to Chinese authorities is still the Chinese one. */}
        {lang === 'en' && (
          <button type="button" onClick={() => void download('GET', '/api/report.pdf?lang=zh', undefined, 'dunguard-report.pdf').catch((e: ApiError) => setError(e))}>
            {t('report_pdf_zh')}
          </button>
        )}
        <button type="button" onClick={() => void download('POST', '/api/export', undefined, 'dunguard-evidence.zip').catch((e: ApiError) => setError(e))}>
          {t('export')}
        </button>
        {!multiUserPages() && (
          <ImportPackage
            lang={lang}
            onDone={(v) => {
              setVerify({ state: 'done', report: v });
              setError(undefined);
              void load();
            }}
          />
        )}
        <VerifyStatus verify={verify} lang={lang} />
      </section>
    </div>
  );
}

/**
 * Where verification stands: checking (not yet a claim either way), intact, or not intact with
 * what was found. "Intact" only once the whole check has finished.
 */
function VerifyStatus({ verify, lang }: { verify: Verifying | undefined; lang: Lang }) {
  const t = useT();
  if (verify === undefined || verify.state === 'failed') return null;
  if (verify.state === 'checking') {
    return (
      <p className="hint" role="status" data-testid="verify-status" data-state="checking">
        {lang === 'zh' ? '正在校验记录（逐条核对操作日志和证据文件）……完成前不能说它完整。' : 'Verifying the record (every log entry and evidence file)… not yet known to be intact.'}
      </p>
    );
  }
  const v = verify.report;
  return (
    <p className={v.intact ? 'ok' : 'error'} role="status" data-testid="verify-status" data-state={v.intact ? 'intact' : 'broken'}>
      {v.intact ? `✓ ${t('intact')}` : `✗ ${t('not_intact')}`}
      {lang === 'zh'
        ? `（核对了 ${v.entries} 条操作日志、${v.events} 条联系记录、${v.evidence} 份证据文件）`
        : ` (checked ${v.entries} log entries, ${v.events} contact records and ${v.evidence} evidence files)`}
      {v.findings.map((f, i) => (
        <span key={i} className="block" data-kind={f.kind}>
          {findingLine(f, lang).trim()}
        </span>
      ))}
    </p>
  );
}

function EventItem({ e, files, tag, onChange }: { e: EventRow; files: Map<string, EvidenceFile>; tag?: NumberTag; onChange: () => void }) {
  const t = useT();
  const lang = useLang();
  const [over, setOver] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const fd = new FormData();
    for (const f of files) fd.append('file', f, f.name);
    try {
      await api('POST', `/api/events/${e.id}/evidence`, fd);
      onChange();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const onDrop = (ev: DragEvent) => {
    ev.preventDefault();
    setOver(false);
    void upload(ev.dataTransfer.files);
  };
  const who = [e.claimed.platform, e.claimed.company, e.claimed.role, e.claimed.employee_no].filter(Boolean).join(' / ');
  return (
    <li className="event card" data-testid="event">
      <p className="event-head">
        <time dateTime={e.occurred_at}>{e.occurred_at.replace('T', ' ').slice(0, 16)}</time> · {KIND_LABEL[e.kind]?.[lang] ?? e.kind}
        {e.number && (
          <>
            {' '}
            · <SafeText text={e.number} />
            {tag && (
              <span className={`badge number-tag tag-${tag.kind}`} data-testid="number-tag">
                {lang === 'zh' ? '你的标记：' : 'Your tag: '}
                {tagLabel(tag, lang)}
              </span>
            )}
          </>
        )}
        {who && (
          <>
            {' '}
            · <SafeText text={who} />
          </>
        )}
        {e.contacted !== 'borrower' && <> · → {CONTACTED_LABEL[e.contacted]?.[lang]}</>}
        {e.analysis && <Badge analysis={e.analysis} lang={lang} />}
      </p>
      {e.content && (
        <p className="message">
          <SafeText text={e.content} />
        </p>
      )}
      {e.notes && (
        <p className="hint">
          <SafeText text={e.notes} />
        </p>
      )}
      <p className="hint">
        {t('evidence')}: <span data-testid="evidence-count">{e.evidence.length}</span>
      </p>
      {e.evidence.length > 0 && (
        <ul className="evidence">
          {e.evidence.map((sha) => (
            <EvidenceItem key={sha} sha={sha} file={files.get(sha)} />
          ))}
        </ul>
      )}
      <label className={over ? 'drop over' : 'drop'} onDragOver={(ev) => { ev.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}>
        {t('drop_here')}
        <input type="file" multiple className="sr-only" onChange={(ev) => void upload(ev.target.files)} />
      </label>
      <ErrorBox error={error} />
      <EditEvent e={e} onDone={onChange} />
      <button
        type="button"
        className="link"
        onClick={() => {
          if (confirm(lang === 'zh' ? '删除这条记录？（审计日志里会保留删除记录）' : 'Delete this event? (the audit log keeps a tombstone)')) {
            void api('DELETE', `/api/events/${e.id}`, { reason: 'deleted in the web page' }).then(onChange, (err: ApiError) => setError(err));
          }
        }}
      >
        {t('delete')}
      </button>
    </li>
  );
}

/** One evidence file: its name (as a label), size and hash; images as a thumbnail from a blob URL. */
/** What the check told the person about an event (src/record/labels.ts: toldLabel). */
function Badge({ analysis, lang }: { analysis: NonNullable<EventRow['analysis']>; lang: Lang }) {
  const { said, label, sure } = toldLabel(analysis, lang);
  return (
    <span className={`badge ${VERDICT_CLASS[said] ?? ''}`} data-testid="badge" data-assessment={said} data-certainty={analysis.certainty}>
      {label}
      {sure && <>{lang === 'zh' ? '（' : ' ('}{sure}{lang === 'zh' ? '）' : ')'}</>}
    </span>
  );
}

function EvidenceItem({ sha, file }: { sha: string; file: EvidenceFile | undefined }) {
  const [src, setSrc] = useState<string | undefined>();
  const image = file !== undefined && /^image\/(png|jpeg|webp|gif)$/.test(file.media_type);
  useEffect(() => {
    if (!image) return;
    let url: string | undefined;
    let live = true;
    imageUrl(sha).then(
      (u) => {
        url = u;
        if (live) setSrc(u);
        else URL.revokeObjectURL(u);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha, image]);
  return (
    <li>
      {src && <img className="thumb" src={src} alt={file?.name ?? sha} />}
      <span>
        <SafeText text={file?.name ?? ''} /> · {file ? `${Math.ceil(file.size / 1024)} KB` : ''} · <code title={sha}>{sha.slice(0, 12)}…</code>
      </span>
    </li>
  );
}

/** Corrects an event's number, claimed platform, text or notes; the change is logged in the audit chain and the text re-checked. */
function EditEvent({ e, onDone }: { e: EventRow; onDone: () => void }) {
  const t = useT();
  const [f, setF] = useState({ number: e.number ?? '', platform: e.claimed.platform ?? '', text: e.content ?? '', notes: e.notes ?? '' });
  const [error, setError] = useState<ApiError | undefined>();
  // The form is made when it is opened: a page of events draws 50 closed ones.
  const [open, setOpen] = useState(false);
  return (
    <details className="edit" onToggle={(ev) => setOpen((ev.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('edit')}</summary>
      {open && (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            const body = Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== ''));
            api('PUT', `/api/events/${e.id}`, body).then(() => {
              setError(undefined);
              onDone();
            }, (err: ApiError) => setError(err));
          }}
        >
          <div className="row">
            <Field label={t('number')}>{(id) => <input id={id} type="tel" value={f.number} onChange={(x) => setF({ ...f, number: x.target.value })} />}</Field>
            <Field label={t('platform')}>{(id) => <input id={id} value={f.platform} onChange={(x) => setF({ ...f, platform: x.target.value })} />}</Field>
          </div>
          <Field label={t('content')}>{(id) => <textarea id={id} rows={3} value={f.text} onChange={(x) => setF({ ...f, text: x.target.value })} />}</Field>
          <Field label={t('notes')}>{(id) => <input id={id} value={f.notes} onChange={(x) => setF({ ...f, notes: x.target.value })} />}</Field>
          <button type="submit">{t('save')}</button>
          <ErrorBox error={error} />
        </form>
      )}
    </details>
  );
}

/** The screenshot reader's and the PDF writer's files on the phone (web/src/backend/offline-files.ts). */
interface OfflineFiles {
  state: 'ready' | 'preparing' | 'missing' | 'unavailable';
  ocr: 'ready' | 'missing' | 'absent';
  pdf: 'ready' | 'missing' | 'absent';
  missing_bytes: number;
  save_data: boolean;
  failed: boolean;
}

/**
 * In the offline app: where the record is kept, and what the browser answered when asked to
 * keep it (navigator.storage.persist): refused, the browser may clear it when space runs short.
 * Then whether reading screenshots and making PDFs work offline yet: their files are fetched in
 * the background after the first visit (not with the browser's data saver on, when a button
 * fetches them), and this says how far that is.
 */
function KeptOnPhone({ lang }: { lang: Lang }) {
  const [persisted, setPersisted] = useState<boolean | null | undefined>();
  const [files, setFiles] = useState<OfflineFiles | null | undefined>();
  const look = (): Promise<void> =>
    api<{ persisted: boolean | null; offline_files?: OfflineFiles | null }>('GET', '/api/storage').then(
      (r) => {
        setPersisted(r.persisted);
        setFiles(r.offline_files ?? null);
      },
      () => setPersisted(null),
    );
  useEffect(() => {
    void look();
  }, []);
  // While they are being fetched (in the background, or after the button), look again each second.
  useEffect(() => {
    if (files?.state !== 'preparing') return;
    const t = setTimeout(() => void look(), 1000);
    return () => clearTimeout(t);
  }, [files]);
  const fetchNow = (): void => {
    setFiles((f) => f && { ...f, state: 'preparing' });
    api<{ offline_files: OfflineFiles | null }>('POST', '/api/storage/offline-files').then(
      (r) => setFiles(r.offline_files),
      () => void look(),
    );
  };
  const zh = lang === 'zh';
  return (
    <>
      <p className="hint" role="note" data-testid="kept-on-phone">
        {zh ? '记录和截图只保存在这个手机的这个浏览器里，不会上传。' : 'The record and screenshots are kept in this browser on this phone only; nothing is uploaded.'}{' '}
        {persisted === true
          ? zh
            ? '浏览器已同意长期保存它们。'
            : 'The browser has agreed to keep them.'
          : persisted === false
            ? zh
              ? '浏览器没有同意长期保存：手机空间不足时，或清除浏览数据、卸载浏览器时，记录可能被删除。请定期点“导出证据包”，把文件存到别处（电脑、网盘）。'
              : 'The browser did not agree to keep them: when space runs short, or when browsing data is cleared, the record may be deleted. Export the evidence package regularly and keep the file elsewhere.'
            : zh
              ? '清除浏览数据会删除它们：请定期导出证据包，存到别处。'
              : 'Clearing browsing data deletes them: export the evidence package regularly and keep it elsewhere.'}
      </p>
      {files && <OfflineFilesNote files={files} zh={zh} onFetch={fetchNow} />}
    </>
  );
}

function OfflineFilesNote({ files, zh, onFetch }: { files: OfflineFiles; zh: boolean; onFetch: () => void }) {
  const what = [files.ocr !== 'absent' ? (zh ? '识别截图' : 'reading screenshots') : '', files.pdf !== 'absent' ? (zh ? '生成PDF' : 'making PDFs') : ''].filter(Boolean);
  if (what.length === 0) return null;
  const named = what.join(zh ? '和' : ' and ');
  const mb = `${Math.max(0.1, files.missing_bytes / 1024 / 1024).toFixed(1)} MB`;
  let text: string;
  if (files.state === 'ready') text = zh ? `${named}所需的文件已保存在这个手机上，不联网也能用。` : `The files for ${named} are kept on this phone: they work offline.`;
  else if (files.state === 'preparing') text = zh ? `正在下载${named}所需的文件（还需约 ${mb}，只下载一次），之后不联网也能用……` : `Fetching the files for ${named} (about ${mb} to go, once); after that they work offline…`;
  else if (files.state === 'unavailable')
    text = zh ? `这个浏览器不能为本应用保存文件（例如无痕模式）：不联网时不能${named}。` : `This browser keeps no files for the app (a private window, say): ${named} need the network.`;
  else
    text =
      (zh ? `${named}所需的文件还没有保存在这个手机上（约 ${mb}）：不联网时还不能${named}。` : `The files for ${named} are not on this phone yet (about ${mb}): offline, ${named} do not work yet.`) +
      (files.failed ? (zh ? '上次下载没有完成（可能断网了）。' : ' The last download did not finish (the network may have gone).') : files.save_data ? (zh ? '浏览器开着省流量模式，所以没有自动下载。' : ' The browser’s data saver is on, so they were not fetched by themselves.') : '');
  return (
    <div className="hint" data-testid="offline-files" data-state={files.state}>
      <p role="status">{text}</p>
      {files.state === 'missing' && (
        <button type="button" onClick={onFetch}>
          {zh ? `现在下载（约 ${mb}）` : `Fetch them now (about ${mb})`}
        </button>
      )}
    </div>
  );
}

/**
 * In the offline app: an evidence package (from another phone, or `dunguard export` on a
 * computer) brought into this phone's record, which must be empty. Checked through before
 * anything is saved; a package that was edited is refused with the reason.
 */
function ImportPackage({ lang, onDone }: { lang: Lang; onDone: (v: VerifyReport) => void }) {
  const [done, setDone] = useState<string | undefined>();
  // Its own error, shown by the button: the page's reloads (which clear the page's error) do not hide it.
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const zh = lang === 'zh';
  return (
    <div className="import-package">
      <label>
        {zh ? '导入证据包（zip）' : 'Import an evidence package (zip)'}
        <input
          type="file"
          accept=".zip,application/zip"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            const fd = new FormData();
            fd.append('file', f);
            setBusy(true);
            setDone(undefined);
            setError(undefined);
            api<{ imported: { events: number; evidence: number; audit_entries: number }; verify: VerifyReport }>('POST', '/api/import', fd)
              .then((r) => {
                setDone(
                  zh
                    ? `已导入 ${r.imported.events} 条联系记录、${r.imported.evidence} 份证据文件、${r.imported.audit_entries} 条操作日志。`
                    : `Imported ${r.imported.events} contact records, ${r.imported.evidence} evidence files and ${r.imported.audit_entries} log entries.`,
                );
                onDone(r.verify);
              }, setError)
              .finally(() => setBusy(false));
          }}
        />
      </label>
      <p className="hint">{zh ? '只能导入到还没有任何记录的手机或电脑上；导入前会逐项核对，被改动过的证据包不会导入。' : 'Only where there is no record yet (phone or computer); everything is checked first, and an altered package is refused.'}</p>
      <ErrorBox error={error} />
      {done && (
        <p className="ok" role="status" data-testid="import-status">
          {done}
        </p>
      )}
    </div>
  );
}
