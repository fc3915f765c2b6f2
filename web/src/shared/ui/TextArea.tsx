import { useId, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  hint?: ReactNode;
  error?: string;
}

export function TextArea({ label, hint, error, required, ...textarea }: TextAreaProps) {
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
      <textarea
        id={id}
        className="field-input min-h-40"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...textarea}
      />
      {error && <span id={errorId} className="field-error">{error}</span>}
    </div>
  );
}
