import { useId, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface LabelledInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  error?: string;
  hint?: string;
}

/**
 * Like the shared TextField, but the visible 「必須」 mark stays out of the accessible name, so that the field is
 * found by exactly its label (`タイトル`) as the UI contract says; `required` itself tells assistive technology.
 */
export function LabelledInput({ label, error, hint, required, ...input }: LabelledInputProps) {
  const id = useId();
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="mb-5">
      <label htmlFor={id} className="field-label">
        {label}
        {required && <span aria-hidden="true" className="ml-2 text-dns-14N-130 text-error-2">（{t('common.required')}）</span>}
      </label>
      {hint && <span id={hintId} className="field-hint">{hint}</span>}
      <input
        id={id}
        className="field-input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {error && <span id={errorId} className="field-error">{error}</span>}
    </div>
  );
}
