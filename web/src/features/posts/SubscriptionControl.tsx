import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { done, notificationsApi } from '../../api/client';
import { useAnnounce } from '../../app/Announcer';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';

export type SubscriptionLevel = 'WATCHING' | 'NORMAL' | 'MUTED';
const LEVELS: SubscriptionLevel[] = ['WATCHING', 'NORMAL', 'MUTED'];

interface Target {
  type: 'channel' | 'post';
  id: string;
}

// The API can set a level but not read it back, so the last choice made in this browser is remembered as a hint.
function storageKey(memberId: string, target: Target) {
  return `kyoso.subscription.${memberId}.${target.type}.${target.id}`;
}

function rememberedLevel(memberId: string, target: Target): SubscriptionLevel {
  try {
    const stored = localStorage.getItem(storageKey(memberId, target));
    return (LEVELS as string[]).includes(stored ?? '') ? (stored as SubscriptionLevel) : 'NORMAL';
  } catch {
    return 'NORMAL';
  }
}

function save(target: Target, level: SubscriptionLevel) {
  const body = { body: { level } };
  return target.type === 'channel'
    ? done(notificationsApi.PUT('/api/notifications/subscriptions/channels/{slug}', { params: { path: { slug: target.id } }, ...body }))
    : done(notificationsApi.PUT('/api/notifications/subscriptions/posts/{postId}', { params: { path: { postId: target.id } }, ...body }));
}

/** 通知する / 通常 / ミュート for one channel or one post, saved as soon as it is chosen. */
export function SubscriptionControl({ target }: { target: Target }) {
  const { t } = useTranslation();
  const { member } = useAuth();
  const announce = useAnnounce();
  const name = useId();
  const memberId = member?.memberId ?? '';
  const [level, setLevel] = useState<SubscriptionLevel>(() => rememberedLevel(memberId, target));
  const mutation = useMutation({
    mutationFn: (next: SubscriptionLevel) => save(target, next),
    onSuccess: (_, next) => {
      try {
        localStorage.setItem(storageKey(memberId, target), next);
      } catch {
        // only the hint is lost
      }
      announce(t(`posts.subscription.saved.${next}`));
    },
    onError: (_, next) => setLevel((current) => (current === next ? rememberedLevel(memberId, target) : current)),
  });

  const choose = (next: SubscriptionLevel) => {
    setLevel(next);
    mutation.mutate(next);
  };

  return (
    <div>
      <fieldset role="radiogroup" aria-labelledby={`${name}-legend`} className="rounded-8 border border-solid-gray-300 p-3" aria-busy={mutation.isPending}>
        <legend id={`${name}-legend`} className="px-1 text-std-16B-170">{t(`posts.subscription.legend.${target.type}`)}</legend>
        <div className="flex flex-wrap gap-x-4">
          {LEVELS.map((option) => (
            <label key={option} className="flex min-h-11 cursor-pointer items-center gap-2">
              <input
                type="radio"
                name={name}
                value={option}
                checked={level === option}
                className="size-5"
                onChange={() => choose(option)}
              />
              {t(`posts.subscription.level.${option}`)}
            </label>
          ))}
        </div>
        <p className="text-dns-14N-130 text-solid-gray-700">{t(`posts.subscription.explain.${target.type}.${level}`)}</p>
      </fieldset>
      <ErrorAlert error={mutation.error} />
    </div>
  );
}
