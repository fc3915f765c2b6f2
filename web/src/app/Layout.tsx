import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { session } from '../auth/session';
import { switchLanguage } from '../i18n';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { OfflineBanner } from './OfflineBanner';
import { AccountMenu } from './AccountMenu';
import { ErrorBoundary } from './ErrorBoundary';
import { ConsoleNavLink } from '../features/console/ConsoleNavLink';

function SearchForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [query, setQuery] = useState(params.get('q') ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  };
  return (
    <form role="search" aria-label={t('nav.search')} onSubmit={submit} className="flex w-full gap-2 sm:w-auto">
        <input
          type="search"
          aria-label={t('nav.search')}
          placeholder={t('nav.searchPlaceholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          className="min-h-11 w-full rounded-8 border border-solid-gray-600 px-3 sm:w-64"
        />
        <button type="submit" className="btn-secondary shrink-0 whitespace-nowrap">
          {t('nav.search')}
        </button>
    </form>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'ja' : 'en';
  return (
    <button type="button" lang={next} className="btn-tertiary" aria-label={t('app.languageSwitchLabel')}
      onClick={() => switchLanguage(next)}>
      {t('app.languageSwitch')}
    </button>
  );
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `flex min-h-11 items-center px-3 ${isActive ? 'font-bold text-blue-1100 underline decoration-[3px]' : ''}`;

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { member, ready } = useAuth();
  const { pathname } = useLocation();
  // while a returning member's session is restored, keep the header's shape, so nothing jumps when it is back
  const expectingMember = !ready && session.maybeSignedIn();
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only-focusable absolute left-2 top-2 z-50 bg-white p-3">
        {t('app.skipToContent')}
      </a>
      <OfflineBanner />
      <header className="relative border-b border-solid-gray-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-3 px-4 py-3">
          <Link to="/" className="mr-auto text-std-24B-150 text-blue-1100 no-underline">
            {t('app.name')}
            <span className="ml-2 hidden text-dns-14N-130 text-solid-gray-600 md:inline">{t('app.tagline')}</span>
          </Link>
          <LanguageSwitch />
          {member ? (
            <>
              <NotificationBell />
              <AccountMenu />
            </>
          ) : expectingMember ? (
            <span className="min-h-11" />
          ) : (
            <>
              <Link to="/login" className="btn-tertiary">{t('nav.login')}</Link>
              <Link to="/register" className="btn-primary">{t('nav.register')}</Link>
            </>
          )}
        </div>
        {expectingMember && <div aria-hidden="true" className="mx-auto min-h-14 max-w-5xl px-4 pb-3" />}
        {member && (
          <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-2 px-4 pb-3">
            <nav aria-label={t('nav.main')} className="mr-auto">
              <ul className="flex flex-wrap">
                <li><NavLink to="/" end className={navClass}>{t('nav.home')}</NavLink></li>
                <li><NavLink to="/members" className={navClass}>{t('nav.members')}</NavLink></li>
                <li><NavLink to="/sessions" className={navClass}>{t('sessions.navLink')}</NavLink></li>
                <li><NavLink to="/posts/new" className={navClass}>{t('nav.newPost')}</NavLink></li>
                <ConsoleNavLink className={navClass} />
              </ul>
            </nav>
            <SearchForm />
          </div>
        )}
      </header>
      {/* at least a screen tall: the footer starts below the fold and is not pushed down as the page's data arrives */}
      <main id="main" tabIndex={-1} className="mx-auto min-h-screen w-full max-w-5xl flex-1 px-4 py-6 outline-none">
        <ErrorBoundary resetKey={pathname}>{children}</ErrorBoundary>
      </main>
      <footer className="border-t border-solid-gray-200 bg-solid-gray-50 px-4 py-6 text-center text-dns-14N-130 text-solid-gray-700">
        {t('app.name')} — {t('app.tagline')}
      </footer>
    </div>
  );
}
