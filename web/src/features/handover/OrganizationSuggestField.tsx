import { useEffect, useId } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, membersApi } from '../../api/client';
import type { OrganizationSuggestion } from '../../api/generated/members';
import { TextField } from '../../shared/ui/TextField';
import { useDebounced } from '../posts/editor/useDebounced';

export interface OrganizationChoice {
  text: string;
  /** the suggestion the text was picked from (or typed exactly as), carrying its 団体コード */
  picked: OrganizationSuggestion | null;
}

export const emptyOrganization: OrganizationChoice = { text: '', picked: null };

/** The organization as the API takes it: a picked municipality with its code, anything else as typed. */
export function organizationOf(choice: OrganizationChoice): { organization: string; organizationCode?: string } {
  if (choice.picked?.name) return { organization: choice.picked.name, organizationCode: choice.picked.lgcode || undefined };
  return { organization: choice.text.trim() };
}

const SUGGESTIONS = 10;

/** A name shared by two prefectures' towns (府中市) stays ambiguous until the label with the prefecture is picked. */
function pickedFrom(text: string, options: OrganizationSuggestion[]): OrganizationSuggestion | null {
  const found = options.filter((suggestion) => matches(text, suggestion));
  return found.length === 1 ? found[0] : found.find((suggestion) => suggestion.label === text.trim()) ?? null;
}

function useSuggestions(text: string) {
  const q = useDebounced(text.trim(), 250);
  return useQuery({
    queryKey: ['organizations', q],
    queryFn: async () =>
      (await data(membersApi.GET('/api/organizations', { params: { query: { q, limit: SUGGESTIONS } } }))).items ?? [],
    enabled: q.length > 0,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
}

function matches(text: string, suggestion: OrganizationSuggestion): boolean {
  const typed = text.trim();
  return !!typed && (typed === suggestion.label || typed === suggestion.name);
}

/**
 * 新しい所属: a native combobox (an input with a datalist, like the registration form's 所属) whose options come from
 * `/api/organizations` as one types. Picking 「沖縄県 久米島町」 carries the municipality's code; a national agency or
 * any other body is simply typed and sent without one.
 */
export function OrganizationSuggestField({ label, hint, value, onChange, error, required }: {
  label: string;
  hint: string;
  value: OrganizationChoice;
  onChange: (choice: OrganizationChoice) => void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const listId = useId();
  // once a suggestion is picked, the text is its label: nothing more to look up
  const suggestions = useSuggestions(value.picked ? '' : value.text);
  const options = value.text.trim() ? suggestions.data ?? [] : [];
  const change = (text: string) => onChange({ text, picked: pickedFrom(text, options) });
  // suggestions that arrive after the last keystroke may match what was typed in full: 久米島町 is then the town
  const late = value.picked ? null : pickedFrom(value.text, options);
  useEffect(() => {
    if (late) onChange({ text: value.text, picked: late });
  }, [late, value.text, onChange]);
  return (
    <>
      <TextField
        label={label}
        required={required}
        autoComplete="off"
        list={listId}
        value={value.text}
        error={error}
        hint={
          <>
            {hint}
            {value.picked?.lgcode && (
              <span className="mt-1 block">
                {t('handover.move.code', { code: value.picked.lgcode, label: value.picked.label ?? value.picked.name })}
              </span>
            )}
          </>
        }
        onChange={(event) => change(event.target.value)}
      />
      <datalist id={listId}>
        {options.map((suggestion) => (
          <option key={suggestion.lgcode ?? suggestion.label} value={suggestion.label ?? suggestion.name} />
        ))}
      </datalist>
    </>
  );
}
