/** My debts: the ledger with the true annual rate, flags, limitation status; add a loan; record a payment. */
import { useEffect, useState } from 'react';
import { api, ApiError, type DebtRow, type LedgerSummary } from '../api.js';
import { ChoiceField, ErrorBox, Field } from '../components/Field.js';
import { SafeText } from '../components/SafeText.js';
import { LENDER_KIND_LABEL, useLang, useT } from '../i18n.js';
import { todayLocal } from '../time.js';

export const yuan = (fen: number): string => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function DebtsPage() {
  const t = useT();
  const lang = useLang();
  const [data, setData] = useState<{ rows: DebtRow[]; summary: LedgerSummary } | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const blank = () => ({ lender: '', kind: 'online_platform', principal: '', received: '', date: todayLocal(), instalments: '12', amount: '', contract_no: '' });
  const [f, setF] = useState(blank);

  const load = () =>
    api<{ rows: DebtRow[]; summary: LedgerSummary }>('GET', '/api/debts').then(
      (d) => {
        setData(d);
        setError(undefined);
      },
      (e: ApiError) => setError(e),
    );
  useEffect(() => {
    void load();
  }, []);

  const add = async () => {
    try {
      await api('POST', '/api/debts', {
        lender: f.lender.trim(),
        kind: f.kind,
        principal: f.principal.trim(),
        ...(f.received.trim() ? { received: f.received.trim() } : {}),
        date: f.date,
        instalments: Number(f.instalments),
        amount: f.amount.trim(),
        ...(f.contract_no.trim() ? { contract_no: f.contract_no.trim() } : {}),
      });
      // A fresh form: the next loan has its own date (today until changed), not the last one's.
      setF({ ...blank(), kind: f.kind });
      await load();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <div className="page">
      <h1>{t('debts_title')}</h1>
      <ErrorBox error={error} />
      {data && data.rows.length === 0 && <p>{t('no_debts')}</p>}
      {data && data.rows.length > 0 && (
        <p className="summary-line">
          {t('total_owed')}: <strong>{yuan(data.summary.total_owed_fen)}</strong>
          {data.summary.next_due && (
            <>
              {' '}
              · {t('next_due')}: {data.summary.next_due.due} {yuan(data.summary.next_due.amount_fen)}
            </>
          )}
        </p>
      )}
      <ul className="debts">
        {data?.rows.map(({ debt: d, cost: c }) => (
          <li key={d.id} className="card debt" data-testid="debt">
            <h2>
              <SafeText text={d.lender.name} /> <span className="hint">{LENDER_KIND_LABEL[d.lender.kind]?.[lang]}</span>
            </h2>
            <dl>
              <dt>{t('principal')}</dt>
              <dd>{yuan(d.principal_fen)}</dd>
              <dt>{t('received')}</dt>
              <dd>{yuan(d.received_fen)}</dd>
              <dt>{t('true_rate')}</dt>
              <dd data-testid="true-rate">{c.contract_rate === null ? `—（${c.contract_rate_problem ?? ''}）` : `${(c.contract_rate * 100).toFixed(1)}%`}</dd>
              <dt>{t('owed')}</dt>
              <dd>{yuan(c.outstanding_fen)}</dd>
              {c.next_due && (
                <>
                  <dt>{t('next_due')}</dt>
                  <dd>
                    {c.next_due.due} {yuan(c.next_due.amount_fen)}
                  </dd>
                </>
              )}
              {c.overdue_since && (
                <>
                  <dt>{t('overdue')}</dt>
                  <dd className="warn">
                    {c.overdue_since}（{c.overdue_days} {t('days')}）
                  </dd>
                </>
              )}
              <dt>{t('limitation')}</dt>
              <dd>
                {c.limitation.starts} → {c.limitation.expires}
                {c.limitation.expired ? `：${t('expired')}` : ''}
              </dd>
            </dl>
            {c.flags.length > 0 && (
              <ul className="flags">
                {c.flags.map((fl) => (
                  <li key={fl.id}>⚑ {fl.text[lang]}</li>
                ))}
              </ul>
            )}
            <Payment id={d.id} onDone={() => void load()} />
          </li>
        ))}
      </ul>

      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h2>{t('add_debt')}</h2>
        <div className="row">
          <Field label={t('lender')}>{(id) => <input id={id} required value={f.lender} onChange={(e) => setF({ ...f, lender: e.target.value })} />}</Field>
          <ChoiceField label={t('lender_kind')} options={LENDER_KIND_LABEL} value={f.kind} onChange={(v) => setF({ ...f, kind: v })} />
        </div>
        <div className="row">
          <Field label={t('principal')}>{(id) => <input id={id} required inputMode="decimal" value={f.principal} onChange={(e) => setF({ ...f, principal: e.target.value })} />}</Field>
          <Field label={t('received')}>{(id) => <input id={id} inputMode="decimal" value={f.received} onChange={(e) => setF({ ...f, received: e.target.value })} />}</Field>
        </div>
        <div className="row">
          <Field label={t('loan_date')}>{(id) => <input id={id} type="date" required value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} />}</Field>
          <Field label={t('instalments')}>{(id) => <input id={id} type="number" min={1} max={600} required value={f.instalments} onChange={(e) => setF({ ...f, instalments: e.target.value })} />}</Field>
        </div>
        <div className="row">
          <Field label={t('instalment_amount')}>{(id) => <input id={id} required inputMode="decimal" value={f.amount} onChange={(e) => setF({ ...f, amount: e.target.value })} />}</Field>
          <Field label={t('contract_no')}>{(id) => <input id={id} value={f.contract_no} onChange={(e) => setF({ ...f, contract_no: e.target.value })} />}</Field>
        </div>
        <button type="submit" className="primary">
          {t('add')}
        </button>
      </form>
    </div>
  );
}

const ACTIONS = {
  pay: { zh: '还款', en: 'Payment' },
  fee: { zh: '被收取的费用', en: 'A fee charged' },
  settle: { zh: '已结清', en: 'Settled' },
  event: { zh: '时效中断（催告、承认、部分还款、起诉）', en: 'Limitation event (demand, acknowledgement, part payment, lawsuit)' },
};
const EVENT_KINDS = {
  demand: { zh: '对方书面催告', en: 'Written demand' },
  acknowledgement: { zh: '我承认了这笔债务', en: 'I acknowledged the debt' },
  part_payment: { zh: '部分还款', en: 'Part payment' },
  lawsuit: { zh: '起诉', en: 'Lawsuit' },
};

/** Records a payment, a fee, the settlement or a limitation event on one debt. */
function Payment({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const [action, setAction] = useState('pay');
  const [amount, setAmount] = useState('');
  const [what, setWhat] = useState('');
  const [kind, setKind] = useState('demand');
  const [date, setDate] = useState(todayLocal());
  const [error, setError] = useState<ApiError | undefined>();
  const body = {
    action,
    date,
    ...(action === 'pay' || action === 'fee' ? { amount: amount.trim() } : {}),
    ...(action === 'fee' && what.trim() ? { what: what.trim() } : {}),
    ...(action === 'event' ? { kind } : {}),
  };
  return (
    <details>
      <summary>{t('pay')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          api('POST', `/api/debts/${id}/changes`, body).then(() => {
            setAmount('');
            setWhat('');
            setError(undefined);
            onDone();
          }, (err: ApiError) => setError(err));
        }}
      >
        <ChoiceField label={t('change_kind')} options={ACTIONS} value={action} onChange={setAction} />
        <div className="row">
          {(action === 'pay' || action === 'fee') && (
            <Field label={t('amount')}>{(fid) => <input id={fid} required inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}</Field>
          )}
          {action === 'fee' && <Field label={t('fee_what')}>{(fid) => <input id={fid} value={what} onChange={(e) => setWhat(e.target.value)} maxLength={200} />}</Field>}
          {action === 'event' && <ChoiceField label={t('event_kind')} options={EVENT_KINDS} value={kind} onChange={setKind} />}
          <Field label={t('on_date')}>{(fid) => <input id={fid} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />}</Field>
        </div>
        <button type="submit">{t('save')}</button>
        <ErrorBox error={error} />
      </form>
    </details>
  );
}
