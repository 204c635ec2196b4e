/** Letters: your details → your situation → recommended channels → a letter filled from the record → preview → PDF. */
import { useEffect, useState } from 'react';
import { api, ApiError, download, type Letter, type Profile, type RouteRow } from '../api.js';
import { ChoiceField, ErrorBox, Field } from '../components/Field.js';
import { SafeText } from '../components/SafeText.js';
import { EVENT_COLUMNS } from '../../../src/act/letter.js';
import { LENDER_KIND_LABEL, useLang, useT } from '../i18n.js';

export function LettersPage() {
  const t = useT();
  const lang = useLang();
  const [profile, setProfile] = useState<Profile>({ name: '' });
  const [hasProfile, setHasProfile] = useState(false);
  const [situation, setSituation] = useState({ loss: false, credit: false, lender_kind: '' });
  const [routes, setRoutes] = useState<RouteRow[] | undefined>();
  const [types, setTypes] = useState<{ id: string; name: { zh: string; en: string } }[]>([]);
  const [type, setType] = useState('');
  const [letter, setLetter] = useState<Letter | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const fail = (e: unknown) => setError(e as ApiError);

  useEffect(() => {
    api<Profile | null>('GET', '/api/profile').then((p) => {
      if (p) {
        setProfile(p);
        setHasProfile(true);
      }
    }, fail);
    api<typeof types>('GET', '/api/letters').then(setTypes, fail);
  }, []);

  useEffect(() => {
    const q = new URLSearchParams({ loss: String(situation.loss), credit: String(situation.credit), ...(situation.lender_kind ? { lender_kind: situation.lender_kind } : {}) });
    api<RouteRow[]>('GET', `/api/routes?${q.toString()}`).then((r) => {
      setRoutes(r);
      const first = r.flatMap((x) => x.channel.letters)[0];
      if (first) setType((cur) => cur || first);
    }, fail);
  }, [situation]);

  const body = (format: 'json' | 'pdf') => ({ loss: situation.loss, credit: situation.credit, ...(situation.lender_kind ? { lender_kind: situation.lender_kind } : {}), format });

  return (
    <div className="page">
      <h1>{t('letters_title')}</h1>
      <ErrorBox error={error} />
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          api<Profile>('PUT', '/api/profile', { name: profile.name, ...(profile.id_tail ? { id_tail: profile.id_tail } : {}), ...(profile.phone ? { phone: profile.phone } : {}) }).then(() => {
            setHasProfile(true);
            setError(undefined);
          }, fail);
        }}
      >
        <h2>{t('profile')}</h2>
        <div className="row">
          <Field label={t('name')}>{(id) => <input id={id} required autoComplete="name" value={profile.name} onChange={(e) => setProfile({ ...profile, name: e.target.value })} />}</Field>
          <Field label={t('id_tail')}>{(id) => <input id={id} maxLength={4} value={profile.id_tail ?? ''} onChange={(e) => setProfile({ ...profile, id_tail: e.target.value })} />}</Field>
          <Field label={t('phone')}>{(id) => <input id={id} type="tel" autoComplete="tel" value={profile.phone ?? ''} onChange={(e) => setProfile({ ...profile, phone: e.target.value })} />}</Field>
        </div>
        <button type="submit">{t('save')}</button> {hasProfile && <span className="ok">✓</span>}
      </form>

      <fieldset className="card">
        <legend>{t('situation')}</legend>
        <label className="choice">
          <input type="checkbox" checked={situation.loss} onChange={(e) => setSituation({ ...situation, loss: e.target.checked })} />
          {t('lost_money')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={situation.credit} onChange={(e) => setSituation({ ...situation, credit: e.target.checked })} />
          {t('credit_problem')}
        </label>
        <ChoiceField label={t('lender_kind')} options={LENDER_KIND_LABEL} value={situation.lender_kind} onChange={(v) => setSituation({ ...situation, lender_kind: v })} empty="—" />
      </fieldset>

      <section className="card">
        <h2>{t('recommended')}</h2>
        {routes && routes.length === 0 && <p>{t('no_routes')}</p>}
        <ol className="routes">
          {routes?.map((r) => (
            <li key={r.channel.id}>
              <strong>{r.channel.name[lang]}</strong> — {r.channel.contact[lang]}
              <ul>
                {r.reasons.map((x, i) => (
                  <li key={i}>{x[lang]}</li>
                ))}
              </ul>
              <p className="hint">ⓘ {r.channel.limits[lang]}</p>
              {r.channel.letters.map((l) => (
                <button key={l} type="button" className="link" onClick={() => setType(l)}>
                  ✉ {types.find((x) => x.id === l)?.name[lang] ?? l}
                </button>
              ))}
            </li>
          ))}
        </ol>
      </section>

      <section className="card">
        <Field label={t('letter_type')}>
          {(id) => (
            <select id={id} value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">—</option>
              {types.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="button" disabled={!type} onClick={() => api<Letter>('POST', `/api/letters/${type}`, body('json')).then((l) => { setLetter(l); setError(undefined); }, fail)}>
            {t('preview')}
          </button>
          <button type="button" className="primary" disabled={!type} onClick={() => void download('POST', `/api/letters/${type}`, body('pdf'), `dunguard-${type}.pdf`).catch(fail)}>
            {t('download_pdf')}
          </button>
        </div>
        {letter && (
          <article className="letter" lang="zh" data-testid="letter-preview">
            <p>
              <SafeText text={letter.recipient} />：
            </p>
            <h2>
              <SafeText text={letter.title} />
            </h2>
            {letter.paragraphs.map((p, i) => (
              <p key={i}>
                <SafeText text={p} />
              </p>
            ))}
            {letter.events && letter.events.length > 0 && (
              <div className="scroll">
                <table data-testid="letter-events">
                  <thead>
                    <tr>
                      {EVENT_COLUMNS.map((c) => (
                        <th scope="col" key={c}>
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {letter.events.map((e, i) => (
                      <tr key={i}>
                        <td className="nowrap">{e.when}</td>
                        <td>{e.kind}</td>
                        <td className="nowrap">
                          <SafeText text={e.number} />
                        </td>
                        <td>
                          <SafeText text={e.who} />
                        </td>
                        <td>
                          <SafeText text={e.summary} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="close">此致</p>
            <p>敬礼</p>
            <div className="sign">
              <p>
                <SafeText text={letter.signer} />
              </p>
              <p>签名：____________</p>
              <p>{letter.date}</p>
            </div>
          </article>
        )}
      </section>
    </div>
  );
}
