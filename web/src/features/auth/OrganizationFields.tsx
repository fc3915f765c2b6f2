import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../shared/ui/TextField';
import { prefecturalGovernment, resolveOrganization, useLocalGov, type Prefecture } from './localgov';

interface OrganizationFieldsProps {
  prefecture: string;
  organization: string;
  onPrefectureChange: (prefecture: string) => void;
  onOrganizationChange: (organization: string) => void;
  prefectureError?: string;
  organizationError?: string;
  organizationRequired?: boolean;
}

/**
 * 都道府県 then 所属. 所属 is a native combobox (an input with a datalist): the municipalities of the chosen
 * prefecture and its government are offered, and a national agency or any other body is simply typed — one field
 * for both, that keyboards, screen readers and autofill all know.
 */
export function OrganizationFields({
  prefecture,
  organization,
  onPrefectureChange,
  onOrganizationChange,
  prefectureError,
  organizationError,
  organizationRequired = false,
}: OrganizationFieldsProps) {
  const { t } = useTranslation();
  const { data: localGov } = useLocalGov();
  const chosen = localGov?.prefectures.find((candidate) => candidate.name === prefecture);
  const listId = useId();
  const resolved = resolveOrganization(organization, chosen);
  return (
    <>
      <PrefectureSelect
        value={prefecture}
        prefectures={localGov?.prefectures ?? []}
        onChange={onPrefectureChange}
        error={prefectureError}
      />
      <TextField
        label={t('auth.organization.label')}
        required={organizationRequired}
        hint={
          <>
            {chosen ? t('auth.organization.hintWithPrefecture', { prefecture: chosen.name }) : t('auth.organization.hint')}
            {resolved.organizationCode && (
              <span className="mt-1 block">{t('auth.organization.code', { code: resolved.organizationCode })}</span>
            )}
          </>
        }
        error={organizationError}
        list={listId}
        autoComplete="organization"
        value={organization}
        onChange={(event) => onOrganizationChange(event.target.value)}
      />
      <datalist id={listId}>{chosen && <OrganizationOptions prefecture={chosen} />}</datalist>
    </>
  );
}

function OrganizationOptions({ prefecture }: { prefecture: Prefecture }) {
  return (
    <>
      <option value={prefecturalGovernment(prefecture)} />
      {prefecture.municipalities.map(([name, code]) => (
        <option key={code} value={name} />
      ))}
    </>
  );
}

/** The 47 prefectures as a native select (combobox), named 都道府県; `noneLabel` is the empty choice. */
export function PrefectureSelect({
  value,
  prefectures,
  onChange,
  error,
  noneLabel,
  hint,
}: {
  value: string;
  prefectures: Prefecture[];
  onChange: (value: string) => void;
  error?: string;
  noneLabel?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const hintText = hint ?? t('auth.prefecture.hint');
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="mb-5">
      <label htmlFor={id} className="field-label">
        {t('auth.prefecture.label')}
      </label>
      {hintText && <span id={`${id}-hint`} className="field-hint">{hintText}</span>}
      <select
        id={id}
        className="field-input"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintText ? `${id}-hint` : '', errorId].filter(Boolean).join(' ') || undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{noneLabel ?? t('auth.prefecture.none')}</option>
        {/* the stored value stays selectable while the list is still loading */}
        {value && !prefectures.some((prefecture) => prefecture.name === value) && <option value={value}>{value}</option>}
        {prefectures.map((prefecture) => (
          <option key={prefecture.code} value={prefecture.name}>
            {prefecture.name}
          </option>
        ))}
      </select>
      {error && <span id={errorId} className="field-error">{error}</span>}
    </div>
  );
}
