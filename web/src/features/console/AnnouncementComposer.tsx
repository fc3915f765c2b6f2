import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextField } from '../../shared/ui/TextField';
import { channelsKey } from '../posts/channels';
import { needsNewIdempotencyKey, newIdempotencyKey } from '../posts/editor/draftStorage';
import { MarkdownEditor } from '../posts/editor/MarkdownEditor';
import { AnnouncementProgress } from './AnnouncementProgress';

interface Sent {
  postId: string;
  startedAt: number;
}

/** An announcement to everyone: a post of kind ANNOUNCEMENT in `announcements`, then the progress of its fan-out. */
export function AnnouncementComposer() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  // one key per announcement: a retry after a lost answer cannot notify everyone twice
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [sent, setSent] = useState<Sent | null>(null);

  const mutation = useMutation({
    mutationFn: () =>
      data(
        postsApi.POST('/api/posts', {
          body: { channel: 'announcements', kind: 'ANNOUNCEMENT', title: title.trim(), body, tags: [] },
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    onSuccess: (post) => {
      if (post.id) setSent({ postId: post.id, startedAt: Date.now() });
      setTitle('');
      setBody('');
      setIdempotencyKey(newIdempotencyKey());
      void queryClient.invalidateQueries({ queryKey: ['posts'] });
      void queryClient.invalidateQueries({ queryKey: channelsKey });
      announce(t('console.announce.sent'), { to: `/posts/${post.id}`, label: t('console.announce.seePost') });
    },
    onError: (error) => {
      if (needsNewIdempotencyKey(error)) setIdempotencyKey(newIdempotencyKey());
    },
  });
  const problem = mutation.error ? asApiError(mutation.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  };

  return (
    <>
      <p className="mb-4 text-std-16N-170">{t('console.announce.lead')}</p>
      <form noValidate onSubmit={submit} className="max-w-3xl">
        <TextField label={t('console.announce.titleField')} value={title} required maxLength={200}
          onChange={(event) => setTitle(event.target.value)} error={problem?.fieldMessage('title')} />
        <MarkdownEditor label={t('console.announce.body')} value={body} onChange={setBody} required rows={10}
          error={problem?.fieldMessage('body')} />
        <ErrorAlert error={mutation.error} />
        <button type="submit" className="btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('console.announce.sending') : t('console.announce.submit')}
        </button>
      </form>
      {sent && <AnnouncementProgress key={sent.postId} postId={sent.postId} startedAt={sent.startedAt} />}
    </>
  );
}
