import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

interface Announcement {
  id: number;
  message: string;
  link?: { to: string; label: string };
}

type Announce = (message: string, link?: Announcement['link']) => void;

const AnnouncerContext = createContext<Announce>(() => {});

/**
 * The one place where successes are said: a visible banner that is also a polite live region, so that "投稿しました"
 * is both seen and heard, with a link to where the post went.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<Announcement | null>(null);
  const counter = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { t } = useTranslation();

  const announce = useCallback<Announce>((message, link) => {
    counter.current += 1;
    setCurrent({ id: counter.current, message, link });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCurrent(null), 15_000);
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
      >
        {current && (
          <div
            key={current.id}
            className="pointer-events-auto flex max-w-xl items-start gap-2 rounded-8 border-2 border-success-2 bg-green-50 py-2 pl-4 pr-2 text-std-16B-170 text-green-1100 shadow-2"
          >
            <p className="py-2">
              <span aria-hidden="true" className="mr-2">✓</span>
              {current.message}
              {current.link && (
                <>
                  {' '}
                  <Link to={current.link.to} className="whitespace-nowrap text-green-1100">
                    {current.link.label}
                  </Link>
                </>
              )}
            </p>
            <button type="button" className="btn-tertiary shrink-0 px-2 text-green-1100" onClick={() => setCurrent(null)}>
              {t('common.close')}
            </button>
          </div>
        )}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
