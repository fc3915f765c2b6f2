import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, done, postsApi } from '../../api/client';
import type { PostView, RsvpView, SessionView } from '../../api/generated/posts';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { postKey } from '../posts/post/queries';
import { sessionsKey } from './queries';
import { MyStatus } from './SessionFacts';
import { hasEnded, hasStarted } from './time';

type Change = { action: 'join'; answer: RsvpView } | { action: 'cancel' };

/** What the member's change does to the counts, shown at once; the post is fetched again for the true numbers. */
function applied(session: SessionView, change: Change): SessionView {
  const was = session.myStatus ?? null;
  const now = change.action === 'join' ? change.answer.status ?? null : null;
  const going = (session.goingCount ?? 0) - (was === 'GOING' ? 1 : 0) + (now === 'GOING' ? 1 : 0);
  const waiting = (session.waitlistCount ?? 0) - (was === 'WAITLISTED' ? 1 : 0) + (now === 'WAITLISTED' ? 1 : 0);
  return {
    ...session,
    goingCount: Math.max(going, 0),
    waitlistCount: Math.max(waiting, 0),
    myStatus: now ?? undefined,
    myWaitlistPosition: change.action === 'join' ? change.answer.waitlistPosition ?? undefined : undefined,
  };
}

/** 参加する / 参加を取り消す (names fixed by the UI contract), with the member's place on the waitlist. */
export function RsvpControl({ post }: { post: PostView }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const postId = post.id ?? '';
  const session = post.session;

  const mutation = useMutation({
    mutationFn: async (action: Change['action']): Promise<Change> =>
      action === 'join'
        ? { action, answer: await data(postsApi.PUT('/api/sessions/{postId}/rsvp', { params: { path: { postId } } })) }
        : (await done(postsApi.DELETE('/api/sessions/{postId}/rsvp', { params: { path: { postId } } })), { action }),
    onSuccess: (change) => {
      queryClient.setQueryData<PostView>(postKey(postId), (current) =>
        current?.session ? { ...current, session: applied(current.session, change) } : current);
      void queryClient.invalidateQueries({ queryKey: postKey(postId) });
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
      if (change.action === 'cancel') announce(t('sessions.rsvp.cancelled', { title: post.title }));
      else if (change.answer.status === 'WAITLISTED') {
        announce(change.answer.waitlistPosition
          ? t('sessions.rsvp.waitlisted', { title: post.title, position: change.answer.waitlistPosition })
          : t('sessions.rsvp.waitlistedNoPosition', { title: post.title }));
      } else announce(t('sessions.rsvp.going', { title: post.title }));
    },
  });

  if (!session) return null;
  const registered = session.myStatus === 'GOING' || session.myStatus === 'WAITLISTED';
  const full = (session.goingCount ?? 0) >= (session.capacity ?? 0);

  if (hasStarted(session.startsAt)) {
    return (
      <div className="my-4">
        <MyStatus session={session} />
        <p className="text-std-16N-170">{t(hasEnded(session.endsAt) ? 'sessions.rsvp.ended' : 'sessions.rsvp.closed')}</p>
      </div>
    );
  }
  return (
    <div className="my-4 rounded-8 border border-solid-gray-200 bg-solid-gray-50 p-4">
      <MyStatus session={session} />
      {!registered && full && <p className="mb-2 text-std-16N-170">{t('sessions.rsvp.fullHint')}</p>}
      <ErrorAlert error={mutation.error} />
      {registered ? (
        <button type="button" className="btn-secondary" disabled={mutation.isPending} onClick={() => mutation.mutate('cancel')}>
          {t('sessions.rsvp.cancel')}
        </button>
      ) : (
        <button type="button" className="btn-primary" disabled={mutation.isPending} onClick={() => mutation.mutate('join')}>
          {t('sessions.rsvp.join')}
        </button>
      )}
    </div>
  );
}
