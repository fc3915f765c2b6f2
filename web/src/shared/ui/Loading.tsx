import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="my-6 text-solid-gray-600">
      {t('app.loading')}
    </p>
  );
}
