import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: ReactNode;
  error?: string;
}

/** A labelled input whose hint and error are read with it (aria-describedby), as the design system's form field. */
export function TextField({ label, hint, error, required, ...input }: TextFieldProps) {
  const id = useId();
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="mb-5">
      <label htmlFor={id} className="field-label">
        {label}
        {/* seen, not read: the input's own required state says it, and the name stays the label alone */}
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
