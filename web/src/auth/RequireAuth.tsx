import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../shared/ui/PageTitle';
import { useAuth } from './AuthProvider';

/** Sends a guest to the login page and back here afterwards (the links in mails land on signed-in pages). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { ready, member, unreachable, retry } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (!ready) {
    return (
      <>
        <PageTitle visuallyHidden>{t('app.loading')}</PageTitle>
        <p role="status">{t('app.loading')}</p>
      </>
    );
  }
  if (unreachable) {
    // offline start: the member may well still be signed in; do not send them to a login they cannot complete
    return (
      <>
        <PageTitle>{t('errors.unreachableTitle')}</PageTitle>
        <p className="mb-4">{t('errors.unreachableBody')}</p>
        <button type="button" className="btn-primary" onClick={retry}>
          {t('common.retry')}
        </button>
      </>
    );
  }
  if (!member) {
    const next = location.pathname + location.search + location.hash;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
