import { useEffect, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { done, membersApi } from '../../api/client';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextField } from '../../shared/ui/TextField';
import { verifyOnce } from './verification';

type State = { phase: 'idle' | 'verifying' | 'verified' } | { phase: 'failed'; error: unknown };

/** Verifies `token` by itself when there is one; the state survives StrictMode's double effect (see verifyOnce). */
function useVerification(token: string | null) {
  const [state, setState] = useState<State>({ phase: token ? 'verifying' : 'idle' });
  useEffect(() => {
    if (!token) return;
    let current = true;
    setState({ phase: 'verifying' });
    verifyOnce(token).then(
      () => current && setState({ phase: 'verified' }),
      (error: unknown) => current && setState({ phase: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [token]);
  return state;
}

export default function VerifyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const token = params.get('token')?.trim() || null;
  const state = useVerification(token);

  if (state.phase === 'verified') return <Verified />;

  return (
    <div className="max-w-xl">
      <PageTitle>{t('auth.verify.title')}</PageTitle>
      {state.phase === 'verifying' && <Loading />}
      {state.phase === 'failed' && (
        <>
          <ErrorAlert error={state.error} />
          <p className="mb-6 text-std-16N-170">{t('auth.verify.failedHelp')}</p>
        </>
      )}
      {state.phase !== 'verifying' && (
        <CodeForm onCode={(code) => setParams({ token: code })} />
      )}
      <ResendForm />
    </div>
  );
}

function Verified() {
  const { t } = useTranslation();
  return (
    <div className="max-w-xl">
      <PageTitle>{t('auth.verify.done')}</PageTitle>
      <p role="status" className="mb-6 rounded-8 border-2 border-success-2 bg-green-50 p-4 text-std-16B-170 text-green-1100">
        {t('auth.verify.doneBody')}
      </p>
      <Link to="/login" className="btn-primary no-underline">{t('auth.verify.toLogin')}</Link>
    </div>
  );
}

/** Without a link (a mail read on another device): the code from the mail, typed or pasted. */
function CodeForm({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = code.trim();
    setMissing(!value);
    if (value) onCode(value);
  };
  return (
    <form noValidate onSubmit={submit} className="mb-8">
      <p className="mb-4 text-std-16N-170">{t('auth.verify.lead')}</p>
      <TextField label={t('auth.fields.code')} autoComplete="one-time-code" spellCheck={false} required
        hint={t('auth.sent.codeHint')} error={missing ? t('auth.verify.codeMissing') : undefined}
        value={code} onChange={(event) => setCode(event.target.value)} />
      <button type="submit" className="btn-primary">{t('auth.verify.submit')}</button>
    </form>
  );
}

/** Always 202 (nobody can probe who is registered), so the answer only says a mail goes out if the address is known. */
function ResendForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [email, setEmail] = useState('');
  const resend = useMutation({
    mutationFn: (address: string) => done(membersApi.POST('/api/auth/verify/resend', { body: { email: address } })),
    onSuccess: () => announce(t('auth.resend.sent')),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) resend.mutate(email.trim());
  };
  return (
    <section aria-labelledby="resend-heading" className="card">
      <h2 id="resend-heading" className="section-title mb-3">{t('auth.resend.heading')}</h2>
      <p className="mb-4 text-std-16N-170">{t('auth.resend.lead')}</p>
      <ErrorAlert error={resend.error} />
      {resend.isSuccess && <p className="mb-4 text-std-16B-170 text-green-1100">{t('auth.resend.sent')}</p>}
      <form noValidate onSubmit={submit}>
        <TextField label={t('auth.fields.email')} type="email" autoComplete="email"
          value={email} onChange={(event) => setEmail(event.target.value)} />
        <button type="submit" className="btn-secondary" disabled={resend.isPending}>{t('auth.resend.submit')}</button>
      </form>
    </section>
  );
}
