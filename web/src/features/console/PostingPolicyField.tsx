import { useTranslation } from 'react-i18next';

export const POLICIES = ['OPEN', 'MODERATORS'] as const;
export type Policy = (typeof POLICIES)[number];

/** Who may post in a channel, as radio buttons; `name` keeps the radios of several forms on one page apart. */
export function PostingPolicyField({ name, value, onChange, error }: {
  name: string;
  value: Policy;
  onChange: (policy: Policy) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="mb-5">
      <legend className="field-label">{t('console.channels.policy')}</legend>
      {POLICIES.map((policy) => (
        <label key={policy} className="flex min-h-11 items-center gap-2">
          <input type="radio" name={name} value={policy} className="size-5"
            checked={value === policy} onChange={() => onChange(policy)} />
          {t(`console.channels.policy${policy}`)}
        </label>
      ))}
      {error && <span className="field-error">{error}</span>}
    </fieldset>
  );
}
