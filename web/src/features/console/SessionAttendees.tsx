import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import type { Attendees, AttendeeView, PostView } from '../../api/generated/posts';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { formatDateTime } from '../../shared/format';
import { hasStarted } from '../sessions/time';

const attendeesKey = (postId: string) => ['sessions', 'attendees', postId] as const;

/** Who signed up for one session; from the opening of the reception desk (受付), who actually came (出席). */
export function SessionAttendees({ session }: { session: PostView }) {
  const { t } = useTranslation();
  const postId = session.id ?? '';
  const attendees = useQuery({
    queryKey: attendeesKey(postId),
    queryFn: () => data(postsApi.GET('/api/sessions/{postId}/attendees', { params: { path: { postId } } })),
  });
  // the service says when check-in opens; an older service without it: from the start
  const checkInOpen = hasStarted(attendees.data?.checkInOpensAt ?? session.session?.startsAt);
  const items = attendees.data?.items ?? [];
  if (attendees.isPending) return <Loading />;
  if (attendees.isError) return <ErrorAlert error={attendees.error} onRetry={() => void attendees.refetch()} />;
  if (items.length === 0) return <p className="text-std-16N-170">{t('console.sessions.noAttendees')}</p>;
  return (
    <>
      {!checkInOpen && (
        <p className="mb-2 text-dns-14N-130 text-solid-gray-700">
          {t('console.sessions.attendanceLater', { time: formatDateTime(attendees.data?.checkInOpensAt ?? session.session?.startsAt) })}
        </p>
      )}
      <ul aria-label={t('console.sessions.attendeesOf', { title: session.title })} className="divide-y divide-solid-gray-200">
        {items.map((attendee) => (
          <Attendee key={attendee.memberId} postId={postId} attendee={attendee} checkInOpen={checkInOpen} />
        ))}
      </ul>
    </>
  );
}

function Attendee({ postId, attendee, checkInOpen }: { postId: string; attendee: AttendeeView; checkInOpen: boolean }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const memberId = attendee.memberId ?? '';
  const name = attendee.displayName || t('common.formerMember');
  const nameId = `attendee-${postId}-${memberId}`;
  const [clicked, setClicked] = useState<boolean | null>(null);
  const mark = useMutation({
    mutationFn: (attended: boolean) =>
      data(postsApi.PUT('/api/sessions/{postId}/attendance/{memberId}', {
        params: { path: { postId, memberId } },
        body: { attended },
      })),
    onSuccess: (saved, attended) => {
      queryClient.setQueryData<Attendees>(attendeesKey(postId), (current) => current && {
        ...current,
        items: current.items?.map((item) => (item.memberId === memberId ? { ...item, ...saved, attended } : item)),
      });
      announce(t(attended ? 'console.sessions.markedAttended' : 'console.sessions.markedAbsent', { name }));
    },
  });
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
      <span id={nameId} className="text-std-16B-170">{name}</span>
      {attendee.organization && <span className="text-dns-14N-130 text-solid-gray-700">{attendee.organization}</span>}
      <span className="text-dns-14N-130 text-solid-gray-800">{t(`console.sessions.status${attendee.status}`)}</span>
      {checkInOpen && (
        // the checkbox is named 出席 in every row; the row's name is read with it as its description
        <label className="ml-auto flex min-h-11 cursor-pointer items-center gap-2">
          <input type="checkbox" className="size-5" aria-describedby={nameId}
            // the box follows the click at once; a refusal puts it back and shows why
            checked={clicked ?? attendee.attended === true}
            disabled={mark.isPending} onChange={(event) => {
              setClicked(event.target.checked);
              mark.mutate(event.target.checked, { onSettled: () => setClicked(null) });
            }} />
          {t('console.sessions.attended')}
        </label>
      )}
      {mark.error ? <div className="w-full"><ErrorAlert error={mark.error} /></div> : null}
    </li>
  );
}
