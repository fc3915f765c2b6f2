import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { forgetMemberData } from '../auth/memberData';
import { session } from '../auth/session';
import { ErrorAlert } from '../shared/ui/ErrorAlert';
import { ChevronDownIcon, PersonIcon } from '../shared/ui/Icons';

/**
 * The `アカウント` disclosure: profile, settings and `ログアウト`. It closes when a page opens, on Escape (focus back
 * on its button) and on a click elsewhere, so it never stays over the next page.
 */
export function AccountMenu() {
  const { t } = useTranslation();
  const { member } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [logoutError, setLogoutError] = useState<unknown>(null);
  const button = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => setOpen(false), [location.pathname, location.search]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  if (!member) return null;
  const logout = async () => {
    setLogoutError(null);
    try {
      await session.logout();
    } catch (error) {
      setLogoutError(error);
      return;
    }
    forgetMemberData();
    setOpen(false);
    navigate('/login');
  };
  return (
    <div ref={container} className="sm:relative">
      <button
        ref={button}
        type="button"
        className="btn-tertiary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <PersonIcon />
        {/* the visible word is the name (WCAG 2.5.3, label in name); the member's own name is in the menu */}
        <span className="sr-only sm:not-sr-only">{t('nav.account')}</span>
        <ChevronDownIcon />
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute inset-x-2 z-40 mt-1 rounded-8 border border-solid-gray-200 bg-white p-2 shadow-2 sm:inset-x-auto sm:right-0 sm:w-64"
      >
        <p className="border-b border-solid-gray-200 px-3 pb-2 text-dns-14N-130 text-solid-gray-700">
          {member.displayName} <span className="whitespace-nowrap">@{member.handle}</span>
        </p>
        <ul className="flex flex-col">
          <li><Link className="block p-3" to={`/members/${member.memberId}`}>{t('nav.profile')}</Link></li>
          <li><Link className="block p-3" to="/settings/notifications">{t('nav.notificationSettings')}</Link></li>
          <li><Link className="block p-3" to="/settings/account">{t('nav.accountSettings')}</Link></li>
          <li><Link className="block p-3" to="/handover">{t('handover.navLink')}</Link></li>
          <li>
            <button type="button" className="btn-tertiary w-full justify-start" onClick={() => void logout()}>
              {t('nav.logout')}
            </button>
          </li>
        </ul>
        <ErrorAlert error={logoutError} />
      </div>
    </div>
  );
}
