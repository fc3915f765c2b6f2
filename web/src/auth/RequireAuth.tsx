import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthProvider';

/** Sends a guest to the login page and back here afterwards (the links in mails land on signed-in pages). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { ready, member } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (!ready) return <p role="status">{t('app.loading')}</p>;
  if (!member) {
    const next = location.pathname + location.search + location.hash;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
