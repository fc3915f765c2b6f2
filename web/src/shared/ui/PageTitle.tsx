import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's one h1, also the document title. It takes focus when the page changes, so that a screen-reader user
 * hears where they arrived (a single-page app has no page load to announce it).
 */
export function PageTitle({ children, visuallyHidden = false }: { children: string; visuallyHidden?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} | ${t('app.name')}`;
    if (document.activeElement === document.body || document.activeElement?.closest('nav, header')) {
      heading.current?.focus({ preventScroll: true });
    }
  }, [children, t]);
  return (
    <h1 ref={heading} tabIndex={-1} className={visuallyHidden ? 'sr-only' : 'page-title mb-4 outline-none'}>
      {children}
    </h1>
  );
}
