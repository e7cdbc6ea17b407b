import { useEffect, useRef, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { PAY_PROFILE_SCHEMA, PAY_TYPES, DEFAULT_PAY_PROFILE, type PayProfile, type PayType } from '../../../shared/payroll/pay';
import { PAY_LIST_SCHEMA, type PayList } from '../../../shared/payroll/payroll-api';
import { useI18n } from '../../app/AppContext';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { ViewHeader } from '../../components/ViewHeader';
import type { MessageKey } from '../../i18n/en';
import { useTeam } from '../TeamContext';
import { useLoad } from '../use-load';
import '../payroll.css';
import { OkNote } from '../../components/OkNote';
import { ChoiceSelect } from '../../components/ChoiceSelect';

type Rep = PayList['users'][number];
const SAVED = z.object({ email: z.string(), profile: PAY_PROFILE_SCHEMA });

/** The form's fields: what the admin typed, checked with the shared schema before it is sent. */
interface Form {
  payType: PayType;
  rate: string;
  ot: string;
  dt: string;
  adp: string;
  gustoId: string;
  gustoEmail: string;
  qb: string;
  paychex: string;
}
type Field = Exclude<keyof Form, 'payType'>;
const LABEL: Record<Field, MessageKey> = {
  rate: 'pay.rate',
  ot: 'pay.ot',
  dt: 'pay.dt',
  adp: 'pay.adp',
  gustoId: 'pay.gustoId',
  gustoEmail: 'pay.gustoEmail',
  qb: 'pay.qb',
  paychex: 'pay.paychex',
};
/** The schema's field for each form field, and the longest id each payroll system takes (shared/payroll/pay.ts). */
const SCHEMA_FIELD: Record<Field, keyof PayProfile> = {
  rate: 'regularRateCents',
  ot: 'overtimeMultiplier',
  dt: 'doubleTimeMultiplier',
  adp: 'adpFileNumber',
  gustoId: 'gustoEmployeeId',
  gustoEmail: 'gustoEmail',
  qb: 'quickbooksName',
  paychex: 'paychexWorkerId',
};
const MAX: Partial<Record<Field, number>> = { adp: 9, gustoId: 32, qb: 41, paychex: 10 };

const formOf = (p: PayProfile | null): Form => {
  const x = p ?? DEFAULT_PAY_PROFILE;
  return {
    payType: x.payType,
    rate: x.regularRateCents === null ? '' : (x.regularRateCents / 100).toFixed(2),
    ot: String(x.overtimeMultiplier),
    dt: String(x.doubleTimeMultiplier),
    adp: x.adpFileNumber ?? '',
    gustoId: x.gustoEmployeeId ?? '',
    gustoEmail: x.gustoEmail ?? '',
    qb: x.quickbooksName ?? '',
    paychex: x.paychexWorkerId ?? '',
  };
};

/** The form as a pay profile, or the fields that are wrong (each said in words by the view). */
export function profileOf(form: Form): { profile: PayProfile; wrong: [] } | { profile: null; wrong: Field[] } {
  const wrong = new Set<Field>();
  const rate = form.rate.trim().replace(/^\$/, '');
  if (rate !== '' && !/^\d+(\.\d{1,2})?$/.test(rate)) wrong.add('rate');
  const number = (field: 'ot' | 'dt') => {
    const v = form[field].trim();
    if (!/^\d+(\.\d+)?$/.test(v)) wrong.add(field);
    return Number(v);
  };
  const id = (v: string) => (v.trim() === '' ? null : v.trim());
  const candidate = {
    payType: form.payType,
    regularRateCents: rate === '' || wrong.has('rate') ? null : Math.round(Number(rate) * 100),
    overtimeMultiplier: number('ot'),
    doubleTimeMultiplier: number('dt'),
    adpFileNumber: id(form.adp),
    gustoEmployeeId: id(form.gustoId),
    gustoEmail: id(form.gustoEmail),
    quickbooksName: id(form.qb),
    paychexWorkerId: id(form.paychex),
  };
  const parsed = PAY_PROFILE_SCHEMA.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = (Object.keys(SCHEMA_FIELD) as Field[]).find((f) => SCHEMA_FIELD[f] === issue.path[0]);
      if (field) wrong.add(field);
    }
  }
  if (wrong.size > 0 || !parsed.success) return { profile: null, wrong: [...wrong] };
  return { profile: parsed.data, wrong: [] };
}

/** Admins: every rep's pay type, rate, overtime and double-time multipliers and ids in each payroll system. */
export function PayView() {
  const { t, f } = useI18n();
  const { client } = useTeam();
  const list = useLoad(() => client.get('/api/pay', PAY_LIST_SCHEMA), [client]);
  const [editing, setEditing] = useState<Rep | null>(null);
  const [form, setForm] = useState<Form>(formOf(null));
  const [wrong, setWrong] = useState<Field[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const formRef = useRef<HTMLFormElement>(null);
  // The form opens above the table: bring it into view, a long team's table may have scrolled it away.
  useEffect(() => {
    if (editing) formRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [editing]);
  const edit = (rep: Rep) => {
    setEditing(rep);
    setForm(formOf(rep.profile));
    setWrong([]);
    setError(null);
    setNote(null);
  };
  const words = (field: Field): string => {
    const label = t(LABEL[field]);
    if (field === 'rate') return t('pay.error.rate');
    if (field === 'ot' || field === 'dt') return t('pay.error.multiplier', { field: label });
    if (field === 'gustoEmail') return t('pay.error.gustoEmail');
    return t('pay.error.length', { field: label, max: MAX[field] ?? 0 });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const checked = profileOf(form);
    setWrong(checked.wrong);
    setError(null);
    if (!checked.profile) return;
    try {
      await client.send('PUT', `/api/pay/${encodeURIComponent(editing.email)}`, checked.profile, SAVED);
      setNote(t('pay.saved', { name: editing.name }));
      setEditing(null);
      list.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const input = (field: Field, extra: { type?: string; inputMode?: 'decimal'; hint?: string } = {}) => (
    <label key={field}>
      {t(LABEL[field])}
      <input
        type={extra.type ?? 'text'}
        inputMode={extra.inputMode}
        value={form[field]}
        aria-invalid={wrong.includes(field) || undefined}
        onChange={(e) => setForm({ ...form, [field]: e.target.value })}
      />
      {extra.hint ? <span className="muted small">{extra.hint}</span> : null}
    </label>
  );
  const ids = (p: PayProfile | null) =>
    p
      ? [
          p.adpFileNumber && `ADP ${p.adpFileNumber}`,
          (p.gustoEmployeeId ?? p.gustoEmail) && `Gusto ${p.gustoEmployeeId ?? p.gustoEmail}`,
          p.quickbooksName && `QuickBooks ${p.quickbooksName}`,
          p.paychexWorkerId && `Paychex ${p.paychexWorkerId}`,
        ].filter((x): x is string => typeof x === 'string' && x !== '')
      : [];

  const users = list.data?.users ?? [];
  return (
    <section className="view pay-view" aria-labelledby="pay-title">
      <ViewHeader title={t('pay.title')} subtitle={t('pay.subtitle')} />
      <ErrorNote message={list.error} />
      <OkNote>{note}</OkNote>
      {editing ? (
        <form ref={formRef} className="card form pay-form" onSubmit={(e) => void save(e)} aria-label={t('pay.editTitle', { name: editing.name })} noValidate>
          <h2>{t('pay.editTitle', { name: editing.name })}</h2>
          <div className="form-grid">
            <ChoiceSelect
              label={t('pay.type')}
              value={form.payType}
              options={PAY_TYPES}
              text={(x) => t(`pay.type.${x}`)}
              onChange={(payType) => setForm({ ...form, payType })}
            />
            {input('rate', { inputMode: 'decimal', hint: t('pay.rateHint') })}
            {input('ot', { inputMode: 'decimal' })}
            {input('dt', { inputMode: 'decimal' })}
            {input('adp')}
            {input('gustoId')}
            {input('gustoEmail', { type: 'email' })}
            {input('qb')}
            {input('paychex')}
          </div>
          {wrong.length > 0 ? (
            <div className="error-note pay-errors" role="alert">
              <p>{t('pay.errors')}</p>
              <ul>
                {wrong.map((field) => (
                  <li key={field}>{words(field)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <ErrorNote message={error} />
          <div className="button-row">
            <button type="submit" className="primary">
              {t('pay.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('pay.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {list.data && users.length === 0 ? (
        <div className="card">
          <EmptyState title={t('pay.empty')} />
        </div>
      ) : null}
      {users.length > 0 ? (
        <div className="card">
          <div className="table-scroll">
            <table className="table pay-table" aria-label={t('pay.title')}>
              <thead>
                <tr>
                  <th scope="col">{t('pay.col.rep')}</th>
                  <th scope="col">{t('teams.team')}</th>
                  <th scope="col">{t('pay.col.type')}</th>
                  <th scope="col" className="num">
                    {t('pay.col.rate')}
                  </th>
                  <th scope="col" className="num">
                    {t('pay.col.multipliers')}
                  </th>
                  <th scope="col">{t('pay.col.ids')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('pay.edit')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.email} data-user={u.email}>
                    <th scope="row">
                      {u.name}
                      <span className="muted small rep-sub">{u.email}</span>
                    </th>
                    <td data-label={t('teams.team')}>{u.team ?? '—'}</td>
                    {u.profile ? (
                      <>
                        <td data-label={t('pay.col.type')}>{t(`pay.type.${u.profile.payType}`)}</td>
                        <td className="num nowrap" data-label={t('pay.col.rate')}>
                          {u.profile.regularRateCents === null ? '—' : t('pay.perHour', { rate: `$${(u.profile.regularRateCents / 100).toFixed(2)}` })}
                        </td>
                        <td className="num nowrap" data-label={t('pay.col.multipliers')}>
                          {f.number(u.profile.overtimeMultiplier, 3)}× / {f.number(u.profile.doubleTimeMultiplier, 3)}×
                        </td>
                        <td className="pay-ids" data-label={t('pay.col.ids')}>
                          {ids(u.profile).join(' · ') || t('pay.noIds')}
                        </td>
                      </>
                    ) : (
                      <td colSpan={4} className="muted" data-label={t('pay.col.type')}>
                        {t('pay.notSet')}
                      </td>
                    )}
                    <td className="actions" data-label="">
                      <button type="button" onClick={() => edit(u)} aria-label={`${t('pay.edit')} ${u.name}`}>
                        {t('pay.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
