import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../../shared/Markdown';
import { MentionTextarea } from './MentionTextarea';

interface MarkdownEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  rows?: number;
  hint?: ReactNode;
}

/** Markdown with @mentions, and a preview rendered exactly as the post will be (the same sanitiser). */
export function MarkdownEditor({ label, value, onChange, error, required, rows, hint }: MarkdownEditorProps) {
  const { t } = useTranslation();
  const [previewing, setPreviewing] = useState(false);
  const modeSwitch = (
    <div role="group" aria-label={t('posts.editor.mode', { label })} className="flex gap-1">
      <button type="button" className="btn-tertiary aria-pressed:bg-blue-100 aria-pressed:no-underline" aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
        {t('posts.editor.write')}
      </button>
      <button type="button" className="btn-tertiary aria-pressed:bg-blue-100 aria-pressed:no-underline" aria-pressed={previewing} onClick={() => setPreviewing(true)}>
        {t('posts.editor.preview')}
      </button>
    </div>
  );
  const preview = previewing ? (
    <section
      aria-label={t('posts.editor.previewOf', { label })}
      className="mt-1 min-h-40 rounded-8 border border-dashed border-solid-gray-600 p-4"
    >
      {value.trim() ? <Markdown source={value} /> : <p className="text-solid-gray-700">{t('posts.editor.empty')}</p>}
    </section>
  ) : undefined;
  return (
    <MentionTextarea
      label={label}
      value={value}
      onChange={onChange}
      error={error}
      required={required}
      rows={rows}
      hint={hint ?? t('posts.editor.hint')}
      labelAside={modeSwitch}
      replacement={preview}
    />
  );
}
