import { useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { done, membersApi } from '../../api/client';
import { useAnnounce } from '../../app/Announcer';
import { forgetMemberData } from '../../auth/memberData';
import { session } from '../../auth/session';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

/**
 * 退会: a first button opens a confirmation that says plainly what is erased and what stays; only the second
 * button deletes. Afterwards the member is signed out and taken home, where the goodbye is said.
 */
export function LeaveSection() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) heading.current?.focus();
  }, [confirming]);

  // Signing out while this signed-in page is still shown would make the route send the (former) member to the login
  // page; so the app first goes home, and the session ends when this page has been left (or shortly after anyway).
  const signOutWhenGone = useRef<() => void>(undefined);
  useEffect(() => () => signOutWhenGone.current?.(), []);

  const leave = useMutation({
    mutationFn: () => done(membersApi.DELETE('/api/members/me')),
    onSuccess: () => {
      let ended = false;
      const endSession = () => {
        if (ended) return;
        ended = true;
        // the member no longer exists on the server (their sessions went with them): forget them here too
        session.forget();
        forgetMemberData();
      };
      signOutWhenGone.current = endSession;
      setTimeout(endSession, 5_000);
      announce(t('settings.leave.goodbye'));
      navigate('/', { replace: true });
    },
  });

  const cancel = () => {
    setConfirming(false);
    leave.reset();
    setTimeout(() => opener.current?.focus());
  };

  return (
    <section aria-labelledby="leave-heading" className="border-t border-solid-gray-200 pt-8">
      <h2 id="leave-heading" className="section-title mb-2">{t('settings.leave.heading')}</h2>
      <p className="mb-4 text-std-16N-170">{t('settings.leave.lead')}</p>
      {!confirming ? (
        <button ref={opener} type="button" className="btn-secondary" onClick={() => setConfirming(true)}>
          {t('settings.leave.open')}
        </button>
      ) : (
        <div role="region" aria-labelledby="leave-confirm-heading" className="rounded-8 border-2 border-error-1 bg-red-50 p-4">
          <h3 id="leave-confirm-heading" ref={heading} tabIndex={-1} className="mb-3 text-std-18B-160 text-solid-gray-900 outline-none">
            {t('settings.leave.confirmHeading')}
          </h3>
          <p className="text-std-16B-170">{t('settings.leave.erasedHeading')}</p>
          <ul className="mb-3 list-disc pl-6 text-std-16N-170">
            <li>{t('settings.leave.erasedPersonal')}</li>
            <li>{t('settings.leave.erasedPreferences')}</li>
          </ul>
          <p className="text-std-16B-170">{t('settings.leave.keptHeading')}</p>
          <ul className="mb-3 list-disc pl-6 text-std-16N-170">
            <li>{t('settings.leave.keptPosts')}</li>
          </ul>
          <p className="mb-4 text-std-16N-170">{t('settings.leave.irreversible')}</p>
          <ErrorAlert error={leave.error} />
          <div className="flex flex-wrap gap-3">
            <button type="button" className="btn-danger" disabled={leave.isPending} onClick={() => leave.mutate()}>
              {t('settings.leave.confirm')}
            </button>
            <button type="button" className="btn-secondary" onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
