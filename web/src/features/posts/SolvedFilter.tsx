import { useTranslation } from 'react-i18next';

/** 未解決 / 解決済み: only questions have the state, so choosing either shows questions only. */
export function SolvedFilter({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor={id} className="field-label">{t('posts.solved.filter')}</label>
      <select id={id} className="field-input" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('posts.solved.filterAll')}</option>
        <option value="false">{t('posts.solved.filterUnsolved')}</option>
        <option value="true">{t('posts.solved.filterSolved')}</option>
      </select>
    </div>
  );
}
