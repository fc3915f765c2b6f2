import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../shared/ui/PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('errors.notFoundTitle')}</PageTitle>
      <p>{t('errors.notFoundBody')}</p>
      <p className="mt-4">
        <Link to="/">{t('errors.backHome')}</Link>
      </p>
    </>
  );
}
