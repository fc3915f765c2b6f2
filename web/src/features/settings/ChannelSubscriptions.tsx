import { useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, done, notificationsApi, postsApi } from '../../api/client';
import type { ChannelView } from '../../api/generated/posts';
import { inLanguage } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { useMember } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';

const LEVELS = ['WATCHING', 'NORMAL', 'MUTED'] as const;
type Level = (typeof LEVELS)[number];

// The API sets a channel's level but has no way to read it back, so the last choice made in this browser is shown
// (the same key as the channel page's control, so both agree); anything never chosen is the default, NORMAL.
const storageKey = (memberId: string, slug: string) => `kyoso.subscription.${memberId}.channel.${slug}`;

function remembered(memberId: string, slug: string): Level {
  try {
    const stored = localStorage.getItem(storageKey(memberId, slug));
    return (LEVELS as readonly string[]).includes(stored ?? '') ? (stored as Level) : 'NORMAL';
  } catch {
    return 'NORMAL';
  }
}

/** Every channel with 通知する (watch) / 通常 / ミュート, each saved as soon as it is chosen. */
export function ChannelSubscriptions() {
  const { t } = useTranslation();
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => data(postsApi.GET('/api/channels')),
  });
  return (
    <section aria-labelledby="channel-subscriptions" className="mb-10">
      <h2 id="channel-subscriptions" className="section-title mb-2">{t('settings.channels.heading')}</h2>
      <p className="mb-4 text-std-16N-170">{t('settings.channels.lead')}</p>
      {channels.isPending ? (
        <Loading />
      ) : channels.isError ? (
        <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />
      ) : (
        <ul className="divide-y divide-solid-gray-200 rounded-12 border border-solid-gray-200">
          {(channels.data.items ?? []).map((channel) => (
            <ChannelRow key={channel.slug} channel={channel} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ChannelRow({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { memberId } = useMember();
  const slug = channel.slug ?? '';
  const id = useId();
  const [level, setLevel] = useState<Level>(() => remembered(memberId, slug));
  const save = useMutation({
    mutationFn: (next: Level) =>
      done(notificationsApi.PUT('/api/notifications/subscriptions/channels/{slug}', { params: { path: { slug } }, body: { level: next } })),
    onSuccess: (_, next) => {
      try {
        localStorage.setItem(storageKey(memberId, slug), next);
      } catch {
        // only the reminder is lost
      }
      announce(t('settings.channels.saved', { channel: channel.name, level: t(`settings.channels.level.${next}`) }));
    },
    onError: () => setLevel(remembered(memberId, slug)),
  });
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 p-4">
      <div>
        <label htmlFor={id} className="text-std-16B-170">
          {channel.name}
          <span className="sr-only">{t('settings.channels.selectSuffix')}</span>
        </label>
        {channel.description && <p className="text-dns-14N-130 text-solid-gray-700">{inLanguage(channel.description)}</p>}
      </div>
      <select
        id={id}
        className="field-input w-auto min-w-44"
        value={level}
        aria-busy={save.isPending}
        onChange={(event) => {
          const next = event.target.value as Level;
          setLevel(next);
          save.mutate(next);
        }}
      >
        {LEVELS.map((option) => (
          <option key={option} value={option}>{t(`settings.channels.level.${option}`)}</option>
        ))}
      </select>
      {save.error != null && (
        <div className="basis-full">
          <ErrorAlert error={save.error} />
        </div>
      )}
    </li>
  );
}
