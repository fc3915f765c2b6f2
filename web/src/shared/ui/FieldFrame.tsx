import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a control inside a field needs to be read with its label, hint and error. */
export interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldFrameProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** beside the label, e.g. the composer's write/preview switch */
  aside?: ReactNode;
  children: (control: FieldControl) => ReactNode;
}

/**
 * The design system's form field: label, hint, the control, and its error, wired so that a screen reader reads the
 * hint and the error with the control (aria-describedby).
 */
export function FieldFrame({ label, hint, error, required, aside, children }: FieldFrameProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const labelElement = (
    <label htmlFor={id} className="field-label">
      {label}
      {required && <RequiredMark />}
    </label>
  );
  return (
    <div className="mb-5">
      {aside ? <div className="flex flex-wrap items-end justify-between gap-2">{labelElement}{aside}</div> : labelElement}
      {hint && <span id={hintId} className="field-hint">{hint}</span>}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      {error && <span id={errorId} className="field-error">{error}</span>}
    </div>
  );
}

/** Seen, not read: the control's own required state says it, and its name stays the label alone. */
export function RequiredMark() {
  const { t } = useTranslation();
  return <span aria-hidden="true" className="ml-2 text-dns-14N-130 text-error-2">（{t('common.required')}）</span>;
}
