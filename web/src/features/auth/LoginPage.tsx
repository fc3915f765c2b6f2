import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import { session } from '../../auth/session';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextField } from '../../shared/ui/TextField';
import { welcomeShown } from '../onboarding/welcomeSeen';
import { applyPendingPrefecture } from './pendingPrefecture';
import { safeNext } from './safeNext';

/** A member who has never posted and has not yet seen the welcome page is welcomed first. */
async function needsWelcome(memberId: string): Promise<boolean> {
  if (welcomeShown(memberId)) return false;
  try {
    const page = await data(postsApi.GET('/api/posts', { params: { query: { author: memberId, limit: 1 } } }));
    return (page.items ?? []).length === 0;
  } catch {
    return false;
  }
}

async function login({ email, password }: { email: string; password: string }) {
  const claims = await session.login(email.trim(), password);
  await applyPendingPrefecture(email);
  return claims;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: async (claims) => {
      // a link that brought the member here (a mail, a bookmark) wins over the welcome page
      if (!next && (await needsWelcome(claims.memberId))) navigate('/welcome', { replace: true });
      else navigate(safeNext(next), { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({ email, password });
  };
  return (
    <div className="max-w-xl">
      <PageTitle>{t('auth.login.title')}</PageTitle>
      {params.get('loggedOutEverywhere') === '1' && (
        <p role="status" className="mb-4 rounded-8 border border-success-2 bg-green-50 p-3">
          {t('auth.login.loggedOutEverywhere')}
        </p>
      )}
      <ErrorAlert error={mutation.error} />
      <form noValidate onSubmit={submit}>
        <TextField label={t('auth.fields.email')} type="email" autoComplete="username"
          value={email} onChange={(event) => setEmail(event.target.value)} />
        <TextField label={t('auth.fields.password')} type="password" autoComplete="current-password"
          value={password} onChange={(event) => setPassword(event.target.value)} />
        <button type="submit" className="btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('auth.login.submitting') : t('auth.login.submit')}
        </button>
      </form>
      <ul className="mt-8 flex flex-col gap-2 text-std-16N-170">
        <li>{t('auth.login.noAccount')} <Link to="/register">{t('auth.login.toRegister')}</Link></li>
        <li>{t('auth.login.notVerified')} <Link to="/verify">{t('auth.login.toVerify')}</Link></li>
      </ul>
    </div>
  );
}
