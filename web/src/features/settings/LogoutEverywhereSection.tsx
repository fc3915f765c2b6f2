import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { done, membersApi } from '../../api/client';
import { forgetMemberData } from '../../auth/memberData';
import { session } from '../../auth/session';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

/**
 * For a lost phone or a shared PC left signed in: ends every session of the member; each device must log in again.
 * Access tokens already handed out still work until they expire (15 minutes at most), which the text says.
 */
export function LogoutEverywhereSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logoutAll = useMutation({
    mutationFn: () => done(membersApi.POST('/api/auth/logout-all', { headers: { 'X-Kyoso-Client': 'web' } })),
    onSuccess: () => {
      // the server has already ended every session, this one included
      session.forget();
      forgetMemberData();
      navigate('/login?loggedOutEverywhere=1');
    },
  });
  return (
    <section aria-labelledby="logout-everywhere-heading" className="mb-12">
      <h2 id="logout-everywhere-heading" className="section-title mb-2">{t('settings.account.logoutAll.heading')}</h2>
      <p className="mb-3">{t('settings.account.logoutAll.lead')}</p>
      <button type="button" className="btn-secondary" disabled={logoutAll.isPending} onClick={() => logoutAll.mutate()}>
        {t('settings.account.logoutAll.button')}
      </button>
      <ErrorAlert error={logoutAll.error} />
    </section>
  );
}
