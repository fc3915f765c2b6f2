import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const MAX_TAGS = 10;
const SEPARATORS = /[,、，]/;

/** Splits typed text into tags; what follows the last separator is still being typed. */
export function splitTags(text: string): { complete: string[]; rest: string } {
  const parts = text.split(SEPARATORS);
  const rest = parts.pop() ?? '';
  return { complete: parts.map((part) => part.trim()).filter(Boolean), rest };
}

export function addTags(tags: string[], more: string[]): string[] {
  const next = [...tags];
  for (const tag of more) {
    const clean = tag.trim().replace(/^#/, '');
    if (clean && !next.includes(clean) && next.length < MAX_TAGS) next.push(clean);
  }
  return next;
}

interface TagInputProps {
  tags: string[];
  onChange: (tags: string[]) => void;
  error?: string;
}

/** Tags as chips: Enter or a comma (、 too) ends one; each chip has its own remove button. */
export function TagInput({ tags, onChange, error }: TagInputProps) {
  const { t } = useTranslation();
  const id = useId();
  const [typing, setTyping] = useState('');
  const full = tags.length >= MAX_TAGS;

  const commit = (text: string) => {
    const { complete, rest } = splitTags(text);
    if (complete.length) onChange(addTags(tags, complete));
    setTyping(rest);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      // Enter ends a tag here; it must not send the whole form half-written
      event.preventDefault();
      if (typing.trim()) {
        onChange(addTags(tags, [typing]));
        setTyping('');
      }
    } else if (event.key === 'Backspace' && !typing && tags.length) {
      onChange(tags.slice(0, -1));
    }
  };

  return (
    <div className="mb-5">
      <label htmlFor={id} className="field-label">
        {t('posts.tags.label')}
        <span aria-hidden="true" className="ml-2 text-dns-14N-130 text-solid-gray-700">（{t('common.optional')}）</span>
      </label>
      <span id={`${id}-hint`} className="field-hint">{t('posts.tags.hint', { max: MAX_TAGS })}</span>
      {tags.length > 0 && (
        <ul aria-label={t('posts.tags.chosen')} className="mt-2 flex flex-wrap gap-2">
          {tags.map((tag) => (
            <li key={tag} className="flex items-center gap-1 rounded-full border border-solid-gray-600 bg-solid-gray-50 pl-3">
              <span>{tag}</span>
              <button
                type="button"
                className="btn-tertiary min-h-11 min-w-11 rounded-full px-2 no-underline"
                aria-label={t('posts.tags.remove', { tag })}
                onClick={() => onChange(tags.filter((other) => other !== tag))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        className="field-input"
        value={typing}
        disabled={full}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => commit(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (typing.trim()) {
            onChange(addTags(tags, [typing]));
            setTyping('');
          }
        }}
      />
      {full && <span className="field-hint">{t('posts.tags.full', { max: MAX_TAGS })}</span>}
      {error && <span id={`${id}-error`} className="field-error">{error}</span>}
    </div>
  );
}
