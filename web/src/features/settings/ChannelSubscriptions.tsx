import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../api/generated/posts';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { channelDescription, channelName, useChannels } from '../posts/channels';
import { SUBSCRIPTION_LEVELS, useSubscriptionLevel, type SubscriptionLevel } from '../posts/useSubscriptionLevel';

/** Every channel with ウォッチ / 通常 / ミュート, each saved as soon as it is chosen. */
export function ChannelSubscriptions() {
  const { t } = useTranslation();
  const channels = useChannels();
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
          {channels.data.filter((channel) => channel.slug).map((channel) => (
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
  const id = useId();
  const name = channelName(channel);
  const description = channelDescription(channel);
  const { level, choose, saving, error } = useSubscriptionLevel({ type: 'channel', id: channel.slug ?? '' }, {
    onSaved: (next) => announce(t('settings.channels.saved', { channel: name, level: t(`settings.channels.level.${next}`) })),
  });
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 p-4">
      <div>
        <label htmlFor={id} className="text-std-16B-170">
          {name}
          <span className="sr-only">{t('settings.channels.selectSuffix')}</span>
        </label>
        {description && <p className="text-dns-14N-130 text-solid-gray-700">{description}</p>}
      </div>
      <select
        id={id}
        className="field-input w-auto min-w-44"
        value={level}
        aria-busy={saving}
        onChange={(event) => choose(event.target.value as SubscriptionLevel)}
      >
        {SUBSCRIPTION_LEVELS.map((option) => (
          <option key={option} value={option}>{t(`settings.channels.level.${option}`)}</option>
        ))}
      </select>
      {error != null && (
        <div className="basis-full">
          <ErrorAlert error={error} />
        </div>
      )}
    </li>
  );
}
