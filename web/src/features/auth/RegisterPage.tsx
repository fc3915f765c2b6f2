import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, data, membersApi } from '../../api/client';
import { asApiError } from '../../api/problem';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextField } from '../../shared/ui/TextField';
import { loadLocalGov, resolveOrganization } from './localgov';
import { OrganizationFields } from './OrganizationFields';
import { rememberPrefecture } from './pendingPrefecture';

interface Form {
  email: string;
  displayName: string;
  handle: string;
  password: string;
  prefecture: string;
  organization: string;
  invitationCode: string;
}

const empty: Form = { email: '', displayName: '', handle: '', password: '', prefecture: '', organization: '', invitationCode: '' };

async function register(form: Form) {
  const localGov = await loadLocalGov();
  const prefecture = localGov.prefectures.find((candidate) => candidate.name === form.prefecture);
  const organization = resolveOrganization(form.organization, prefecture);
  return data(
    membersApi.POST('/api/auth/register', {
      body: {
        email: form.email.trim(),
        password: form.password,
        displayName: form.displayName.trim(),
        handle: form.handle.trim(),
        ...organization,
        invitationCode: form.invitationCode.trim() || undefined,
      },
    }),
  );
}

/** A field's message from the problem; a taken handle (409) comes without field errors, so it is put at the handle. */
function fieldError(error: ApiError | null, field: keyof Form): string | undefined {
  if (!error) return undefined;
  if (field === 'handle' && error.status === 409) return error.fieldMessage('handle') ?? error.detail;
  return error.fieldMessage(field);
}

export default function RegisterPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // the console's invitation link: /register?invitation=CODE
  const [form, setForm] = useState<Form>(() => ({ ...empty, invitationCode: params.get('invitation') ?? '' }));
  const mutation = useMutation({
    mutationFn: register,
    onSuccess: (_, sent) => rememberPrefecture(sent.email, sent.prefecture),
  });
  const error = mutation.error ? asApiError(mutation.error) : null;
  const set = (field: keyof Form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  if (mutation.isSuccess) return <MailSent email={mutation.variables.email.trim()} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(form);
  };

  return (
    <div className="max-w-xl">
      <PageTitle>{t('auth.register.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('auth.register.lead')}</p>
      <ErrorAlert error={mutation.error} />
      <form noValidate onSubmit={submit}>
        <TextField label={t('auth.fields.email')} type="email" autoComplete="email" required
          hint={t('auth.register.emailHint')} error={fieldError(error, 'email')}
          value={form.email} onChange={(event) => set('email')(event.target.value)} />
        <TextField label={t('auth.fields.displayName')} autoComplete="name" required
          hint={t('auth.register.displayNameHint')} error={fieldError(error, 'displayName')}
          value={form.displayName} onChange={(event) => set('displayName')(event.target.value)} />
        <TextField label={t('auth.fields.handle')} autoComplete="username" required
          autoCapitalize="none" spellCheck={false}
          hint={t('auth.register.handleHint')} error={fieldError(error, 'handle')}
          value={form.handle} onChange={(event) => set('handle')(event.target.value)} />
        <TextField label={t('auth.fields.password')} type="password" autoComplete="new-password" required
          hint={t('auth.register.passwordHint')} error={fieldError(error, 'password')}
          value={form.password} onChange={(event) => set('password')(event.target.value)} />
        <OrganizationFields
          prefecture={form.prefecture}
          organization={form.organization}
          onPrefectureChange={set('prefecture')}
          onOrganizationChange={set('organization')}
          organizationError={fieldError(error, 'organization') ?? error?.fieldMessage('organizationCode')}
          organizationRequired
        />
        <TextField label={t('auth.fields.invitationCode')} autoComplete="off"
          hint={t('auth.register.invitationHint')} error={fieldError(error, 'invitationCode')}
          value={form.invitationCode} onChange={(event) => set('invitationCode')(event.target.value)} />
        <button type="submit" className="btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('auth.register.submitting') : t('auth.register.submit')}
        </button>
      </form>
      <p className="mt-6 text-std-16N-170">
        {t('auth.register.haveAccount')} <Link to="/login">{t('auth.register.toLogin')}</Link>
      </p>
    </div>
  );
}

/** After 202: where the mail went, and the code typed here is verified on /verify as the mail's link would be. */
function MailSent({ email }: { email: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = code.trim();
    if (token) navigate(`/verify?token=${encodeURIComponent(token)}`);
  };
  return (
    <div className="max-w-xl">
      <PageTitle>{t('auth.sent.title')}</PageTitle>
      <p className="mb-4 text-std-16N-170">{t('auth.sent.body', { email })}</p>
      <p className="mb-6 text-std-16N-170">{t('auth.sent.notArrived')}</p>
      <form onSubmit={submit} className="card mb-6">
        <h2 className="section-title mb-3">{t('auth.sent.codeHeading')}</h2>
        <TextField label={t('auth.fields.code')} autoComplete="one-time-code" spellCheck={false}
          hint={t('auth.sent.codeHint')} value={code} onChange={(event) => setCode(event.target.value)} />
        <button type="submit" className="btn-primary">{t('auth.verify.submit')}</button>
      </form>
      <p className="text-std-16N-170">
        <Link to="/verify">{t('auth.sent.toVerify')}</Link>
      </p>
    </div>
  );
}
