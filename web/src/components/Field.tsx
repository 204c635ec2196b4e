/** A labelled form control: every input on every page has a visible label tied to it. */
import { useId, type ReactNode } from 'react';

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

export function ErrorBox({ error }: { error: { zh: string; en: string } | undefined }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error.zh}
      <br />
      <span lang="en">{error.en}</span>
    </p>
  );
}
