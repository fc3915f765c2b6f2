import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../../api/client';
import type { ReplyView } from '../../../api/generated/posts';
import { asApiError } from '../../../api/problem';
import { useAnnounce } from '../../../app/Announcer';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { draftStorage, needsNewIdempotencyKey, newIdempotencyKey, replyPlace } from '../editor/draftStorage';
import { MentionTextarea } from '../editor/MentionTextarea';

const HANDLE = /^[a-z0-9_]{3,30}$/;

/**
 * `?mention=handle` (the console's "ask someone" link) starts the reply with `@handle `, so the person asked gets a
 * mention notice; a draft already there is kept, with the mention put in front when it is not in it yet.
 */
function startingBody(draft: string | undefined, mention: string | null): string {
  const handle = mention && HANDLE.test(mention) ? mention : null;
  if (!handle) return draft ?? '';
  if (draft && new RegExp(`(^|\\s)@${handle}(?![a-z0-9_])`).test(draft)) return draft;
  return `@${handle} ${draft ?? ''}`;
}

/** The reply box under a thread; what is typed survives a reload like a post's draft. */
export function ReplyForm({ postId, memberId, onPosted }: {
  postId: string;
  memberId: string;
  onPosted: (reply: ReplyView) => void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const place = replyPlace(postId);
  const [params] = useSearchParams();
  const [initial] = useState(() => draftStorage.load(memberId, place));
  const [body, setBody] = useState(() => startingBody(initial?.body, params.get('mention')));
  const [idempotencyKey, setIdempotencyKey] = useState(initial?.idempotencyKey ?? newIdempotencyKey());
  const edited = useRef(false);

  useEffect(() => {
    if (!edited.current) return;
    if (body.trim()) draftStorage.save(memberId, place, { body, idempotencyKey });
    else draftStorage.remove(memberId, place);
  }, [body, idempotencyKey, memberId, place]);

  const mutation = useMutation({
    mutationFn: () => data(postsApi.POST('/api/posts/{postId}/replies', {
      params: { path: { postId } },
      body: { body },
      headers: { 'Idempotency-Key': idempotencyKey },
    })),
    onSuccess: (reply) => {
      edited.current = false;
      draftStorage.remove(memberId, place);
      setBody('');
      setIdempotencyKey(newIdempotencyKey());
      onPosted(reply);
      announce(t('posts.reply.published'), { to: `/posts/${postId}#reply-${reply.id}`, label: t('posts.reply.see') });
    },
    onError: (error) => {
      if (needsNewIdempotencyKey(error)) setIdempotencyKey(newIdempotencyKey());
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  };

  return (
    <form noValidate onSubmit={submit} className="mt-6">
      <MentionTextarea
        label={t('posts.reply.label')}
        value={body}
        rows={5}
        required
        hint={t('posts.editor.hint')}
        error={mutation.error ? asApiError(mutation.error).fieldMessage('body') : undefined}
        onChange={(value) => {
          edited.current = true;
          setBody(value);
        }}
      />
      <ErrorAlert error={mutation.error} />
      <button type="submit" className="btn-primary" disabled={mutation.isPending}>
        {mutation.isPending ? t('posts.reply.sending') : t('posts.reply.submit')}
      </button>
    </form>
  );
}
