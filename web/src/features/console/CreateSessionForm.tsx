import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import type { SessionRequest } from '../../api/generated/posts';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { FieldFrame } from '../../shared/ui/FieldFrame';
import { TextField } from '../../shared/ui/TextField';
import { needsNewIdempotencyKey, newIdempotencyKey } from '../posts/editor/draftStorage';
import { MarkdownEditor } from '../posts/editor/MarkdownEditor';
import { PREFECTURES } from '../sessions/prefectures';
import { sessionsKey } from '../sessions/queries';
import { jstInputToIso } from '../sessions/time';

const EMPTY = { title: '', body: '', startsAt: '', endsAt: '', place: '', onlineUrl: '', prefecture: '', capacity: '' };
type Form = typeof EMPTY;

function sessionOf(form: Form): SessionRequest {
  return {
    startsAt: jstInputToIso(form.startsAt) ?? '',
    endsAt: jstInputToIso(form.endsAt) ?? '',
    place: form.place.trim() || undefined,
    onlineUrl: form.onlineUrl.trim() || undefined,
    prefecture: form.prefecture || undefined,
    capacity: Number.parseInt(form.capacity, 10),
  };
}

/** A study session is a post of kind SESSION in `sessions`: its thread, reactions and search come with it. */
export function CreateSessionForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(EMPTY);
  // one key per session: a retry after a lost answer cannot schedule it twice
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const set = (field: keyof Form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  const mutation = useMutation({
    mutationFn: () =>
      data(postsApi.POST('/api/posts', {
        body: { channel: 'sessions', kind: 'SESSION', title: form.title.trim(), body: form.body, tags: [], session: sessionOf(form) },
        headers: { 'Idempotency-Key': idempotencyKey },
      })),
    onSuccess: (post) => {
      setForm(EMPTY);
      setIdempotencyKey(newIdempotencyKey());
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
      void queryClient.invalidateQueries({ queryKey: ['posts'] });
      announce(t('console.sessions.created', { title: post.title }), { to: `/sessions/${post.id}`, label: t('console.sessions.open') });
    },
    onError: (error) => {
      if (needsNewIdempotencyKey(error)) setIdempotencyKey(newIdempotencyKey());
    },
  });
  const problem = mutation.error ? asApiError(mutation.error) : null;
  const fieldError = (field: string) => problem?.fieldMessage(field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  };

  return (
    <form noValidate onSubmit={submit} className="max-w-3xl" aria-labelledby="console-session-create">
      <h3 id="console-session-create" className="mb-3 text-std-18B-160">{t('console.sessions.create')}</h3>
      <TextField label={t('console.sessions.titleField')} value={form.title} required maxLength={200}
        onChange={(event) => set('title')(event.target.value)} error={fieldError('title')} />
      <MarkdownEditor label={t('console.sessions.description')} value={form.body} onChange={set('body')} required rows={6}
        error={fieldError('body')} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField type="datetime-local" label={t('console.sessions.startsAt')} hint={t('console.sessions.jstHint')}
          value={form.startsAt} required onChange={(event) => set('startsAt')(event.target.value)}
          error={fieldError('session.startsAt')} />
        <TextField type="datetime-local" label={t('console.sessions.endsAt')} hint={t('console.sessions.jstHint')}
          value={form.endsAt} required onChange={(event) => set('endsAt')(event.target.value)}
          error={fieldError('session.endsAt')} />
      </div>
      <TextField label={t('console.sessions.place')} hint={t('console.sessions.placeHint')} value={form.place}
        onChange={(event) => set('place')(event.target.value)} error={fieldError('session.place')} />
      <TextField type="url" inputMode="url" label={t('console.sessions.onlineUrl')} hint={t('console.sessions.onlineUrlHint')}
        value={form.onlineUrl} onChange={(event) => set('onlineUrl')(event.target.value)} error={fieldError('session.onlineUrl')} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <FieldFrame label={t('console.sessions.prefecture')} hint={t('console.sessions.prefectureHint')}
          error={fieldError('session.prefecture')}>
          {(control) => (
            <select className="field-input" {...control} value={form.prefecture}
              onChange={(event) => set('prefecture')(event.target.value)}>
              <option value="">{t('console.sessions.noPrefecture')}</option>
              {PREFECTURES.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          )}
        </FieldFrame>
        <TextField type="number" inputMode="numeric" min={1} max={10000} label={t('console.sessions.capacity')}
          value={form.capacity} required onChange={(event) => set('capacity')(event.target.value)}
          error={fieldError('session.capacity')} />
      </div>
      <ErrorAlert error={mutation.error} />
      <button type="submit" className="btn-primary" disabled={mutation.isPending}>
        {mutation.isPending ? t('console.sessions.creating') : t('console.sessions.submit')}
      </button>
    </form>
  );
}
