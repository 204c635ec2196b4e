/** A labelled form control: every input on every page has a visible label tied to it. */
import { useId, type ReactNode } from 'react';
import { useLang } from '../i18n.js';

export function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string, hintId?: string) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** An error in the page's language only (the server sends both). */
export function ErrorBox({ error }: { error: { zh: string; en: string } | undefined }) {
  const lang = useLang();
  if (!error) return null;
  return (
    <p className="error" role="alert" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      {error[lang]}
    </p>
  );
}

/** A labelled drop-down over a map of values to their zh/en names (kinds, lender kinds …). */
export function ChoiceField({
  label,
  options,
  value,
  onChange,
  empty,
  only,
}: {
  label: string;
  options: Record<string, { zh: string; en: string }>;
  value: string;
  onChange: (value: string) => void;
  /** The text of a first, empty choice ("all kinds", "—"), if any. */
  empty?: string;
  /** Offer only these keys, in this order. */
  only?: readonly string[];
}) {
  const lang = useLang();
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {empty !== undefined && <option value="">{empty}</option>}
          {(only ?? Object.keys(options)).map((k) => (
            <option key={k} value={k}>
              {options[k]?.[lang] ?? k}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
