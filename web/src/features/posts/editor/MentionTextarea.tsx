import { FieldFrame } from '../../../shared/ui/FieldFrame';
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../../api/client';
import type { PublicProfile } from '../../../api/generated/members';
import { insertMention, mentionBeforeCaret, type MentionQuery } from './mentions';
import { useDebounced } from './useDebounced';

interface MentionTextareaProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  rows?: number;
  /** shown beside the label (the 書く/プレビュー switch) */
  labelAside?: ReactNode;
  /** shown instead of the textarea while set (the preview); the text and its label stay */
  replacement?: ReactNode;
}

/**
 * A textarea that offers members to mention after `@`, following the ARIA combobox pattern as far as a textbox may:
 * the list is announced and owned through aria-controls / aria-activedescendant, arrows move, Enter or Tab takes,
 * Escape closes. The element stays a textbox (its role is part of the UI contract: `本文`, `返信`), and a textbox
 * may not carry aria-expanded, so the open state is the presence of the listbox plus a polite hint.
 */
export function MentionTextarea({
  label, value, onChange, hint, error, required, rows = 8, labelAside, replacement,
}: MentionTextareaProps) {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-mentions`;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);

  const typed = useDebounced(query?.text ?? '', 150);
  const { data: found } = useQuery({
    queryKey: ['members', 'mention', typed],
    queryFn: async () => (await data(membersApi.GET('/api/members', { params: { query: { q: typed, limit: 8 } } }))).items ?? [],
    enabled: typed.length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const candidates: PublicProfile[] = query && typed ? (found ?? []).filter((member) => member.handle) : [];
  const open = candidates.length > 0;
  const activeIndex = Math.min(active, Math.max(candidates.length - 1, 0));

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !textarea.current) return;
    textarea.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [value]);

  const follow = (element: HTMLTextAreaElement) => {
    const next = mentionBeforeCaret(element.value, element.selectionStart ?? element.value.length);
    setQuery(next);
    if (!next || next.text !== query?.text) setActive(0);
  };

  const choose = (member: PublicProfile) => {
    if (!query || !member.handle) return;
    const result = insertMention(value, query, member.handle);
    pendingCaret.current = result.caret;
    setQuery(null);
    onChange(result.text);
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open || event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((activeIndex + 1) % candidates.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((activeIndex - 1 + candidates.length) % candidates.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      choose(candidates[activeIndex]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;

  return (
    <div className="relative">
      <FieldFrame label={label} hint={hint} error={error} required={required} aside={labelAside}>
        {(control) => (
          <>
            <textarea
              ref={textarea}
              {...control}
              rows={rows}
              className="field-input min-h-40"
              value={value}
              required={required}
              aria-autocomplete="list"
              aria-controls={open ? listId : undefined}
              aria-activedescendant={open ? optionId(activeIndex) : undefined}
              onChange={(event) => {
                onChange(event.target.value);
                follow(event.target);
              }}
              onSelect={(event) => follow(event.currentTarget)}
              onKeyDown={onKeyDown}
              onBlur={() => setQuery(null)}
              hidden={replacement !== undefined}
            />
            {replacement}
          </>
        )}
      </FieldFrame>
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label={t('posts.mention.listLabel')}
          className="absolute inset-x-0 z-30 mt-1 max-h-72 overflow-y-auto rounded-8 border border-solid-gray-600 bg-white shadow-3"
        >
          {candidates.map((member, index) => (
            <li
              key={member.id ?? member.handle}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={`flex min-h-11 cursor-pointer flex-wrap items-center gap-x-2 px-3 py-2 ${
                index === activeIndex ? 'bg-blue-100 text-blue-1200' : ''
              }`}
              // keep the focus in the textarea: a click must not blur it (which would close the list) before choosing
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(member)}
            >
              <span className="text-std-16B-170">{member.displayName}</span>
              <span className="text-dns-14N-130 text-solid-gray-700">@{member.handle}</span>
              {member.organization && (
                <span className="text-dns-14N-130 text-solid-gray-700">{member.organization}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite" className="sr-only">
        {open ? t('posts.mention.howTo', { count: candidates.length }) : ''}
      </div>
    </div>
  );
}
