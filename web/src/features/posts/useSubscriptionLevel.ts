import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { done, notificationsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';

export type SubscriptionLevel = 'WATCHING' | 'NORMAL' | 'MUTED';
export const SUBSCRIPTION_LEVELS: readonly SubscriptionLevel[] = ['WATCHING', 'NORMAL', 'MUTED'];

export interface SubscriptionTarget {
  type: 'channel' | 'post';
  id: string;
}

// The API can set a level but not read it back, so the last choice made in this browser is remembered as a hint;
// the channel page and the notification settings read and write the same key, so both show the same level.
function storageKey(memberId: string, target: SubscriptionTarget) {
  return `kyoso.subscription.${memberId}.${target.type}.${target.id}`;
}

function rememberedLevel(memberId: string, target: SubscriptionTarget): SubscriptionLevel | null {
  try {
    const stored = localStorage.getItem(storageKey(memberId, target));
    return (SUBSCRIPTION_LEVELS as readonly string[]).includes(stored ?? '') ? (stored as SubscriptionLevel) : null;
  } catch {
    return null;
  }
}

function remember(memberId: string, target: SubscriptionTarget, level: SubscriptionLevel) {
  try {
    localStorage.setItem(storageKey(memberId, target), level);
  } catch {
    // only the hint is lost
  }
}

function save(target: SubscriptionTarget, level: SubscriptionLevel) {
  const body = { body: { level } };
  return target.type === 'channel'
    ? done(notificationsApi.PUT('/api/notifications/subscriptions/channels/{slug}', { params: { path: { slug: target.id } }, ...body }))
    : done(notificationsApi.PUT('/api/notifications/subscriptions/posts/{postId}', { params: { path: { postId: target.id } }, ...body }));
}

interface Options {
  /** the level the services give when nothing was chosen here (the author of a post watches it) */
  assumed?: SubscriptionLevel;
  onSaved?: (level: SubscriptionLevel) => void;
}

/** The member's level for one channel or post: shown at once when chosen, saved, and put back if saving fails. */
export function useSubscriptionLevel(target: SubscriptionTarget, { assumed = 'NORMAL', onSaved }: Options = {}) {
  const { member } = useAuth();
  const memberId = member?.memberId ?? '';
  const [chosen, setChosen] = useState<SubscriptionLevel | null>(() => rememberedLevel(memberId, target));
  const mutation = useMutation({
    mutationFn: (next: SubscriptionLevel) => save(target, next),
    onSuccess: (_, next) => {
      remember(memberId, target, next);
      onSaved?.(next);
    },
    onError: (_, next) => setChosen((current) => (current === next ? rememberedLevel(memberId, target) : current)),
  });
  const choose = (next: SubscriptionLevel) => {
    setChosen(next);
    mutation.mutate(next);
  };
  return { level: chosen ?? assumed, choose, saving: mutation.isPending, error: mutation.error };
}
