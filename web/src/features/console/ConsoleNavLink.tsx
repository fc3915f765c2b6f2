import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isModerator, useAuth } from '../../auth/AuthProvider';

/** The `運営` entry of the main navigation: only moderators and admins have a console to go to. */
export function ConsoleNavLink({ className }: { className: (state: { isActive: boolean }) => string }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  if (!isModerator(member)) return null;
  return (
    <li>
      <NavLink to="/console" className={className}>{t('console.navLink')}</NavLink>
    </li>
  );
}
