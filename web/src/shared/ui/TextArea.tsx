import type { ReactNode, Ref, TextareaHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame';

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  hint?: ReactNode;
  error?: string;
  /** e.g. to focus the field when the panel it sits in opens */
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled multi-line input whose hint and error are read with it. */
export function TextArea({ label, hint, error, required, ref, ...textarea }: TextAreaProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} required={required}>
      {(control) => <textarea ref={ref} className="field-input min-h-40" required={required} {...control} {...textarea} />}
    </FieldFrame>
  );
}
