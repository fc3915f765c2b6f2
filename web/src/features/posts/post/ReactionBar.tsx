import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { done, postsApi } from '../../../api/client';
import type { PostView } from '../../../api/generated/posts';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { usePanelFocus } from '../usePanelFocus';
import { postKey } from './queries';

export const PRESET_EMOJI = ['👍', '🙏', '💡', '🎉'];

// The API counts reactions but does not say whose they are, so this browser remembers which ones the member gave.
// PUT and DELETE are idempotent, so a wrong memory only costs one extra press.
function storageKey(memberId: string, postId: string) {
  return `kyoso.reactions.${memberId}.${postId}`;
}
function loadMine(memberId: string, postId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(memberId, postId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
function saveMine(memberId: string, postId: string, mine: string[]) {
  try {
    localStorage.setItem(storageKey(memberId, postId), JSON.stringify(mine));
  } catch {
    // only the memory is lost
  }
}

export function ReactionBar({ post, memberId }: { post: PostView; memberId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const pickerId = useId();
  const postId = post.id ?? '';
  const [mine, setMine] = useState<string[]>(() => loadMine(memberId, postId));
  const [picking, setPicking] = useState(false);
  // picking an emoji closes the picker: the focus goes back to リアクション instead of being lost with it
  const { panel, opener } = usePanelFocus<HTMLDivElement>(picking);
  const counts = post.reactions ?? {};

  const mutation = useMutation({
    mutationFn: ({ emoji, on }: { emoji: string; on: boolean }) => {
      const params = { params: { path: { postId, emoji } } };
      return done(on
        ? postsApi.PUT('/api/posts/{postId}/reactions/{emoji}', params)
        : postsApi.DELETE('/api/posts/{postId}/reactions/{emoji}', params));
    },
    onMutate: ({ emoji, on }) => {
      const before = mine;
      const next = on ? [...mine.filter((e) => e !== emoji), emoji] : mine.filter((e) => e !== emoji);
      setMine(next);
      queryClient.setQueryData<PostView>(postKey(postId), (current) => {
        if (!current) return current;
        const count = Math.max(0, (current.reactions?.[emoji] ?? 0) + (on ? 1 : -1));
        return { ...current, reactions: { ...current.reactions, [emoji]: count } };
      });
      return { before };
    },
    onSuccess: (_, { emoji, on }) => {
      saveMine(memberId, postId, on ? [...loadMine(memberId, postId).filter((e) => e !== emoji), emoji]
        : loadMine(memberId, postId).filter((e) => e !== emoji));
    },
    onError: (_, __, context) => {
      if (context) setMine(context.before);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: postKey(postId) }),
  });

  const toggle = (emoji: string) => {
    mutation.mutate({ emoji, on: !mine.includes(emoji) });
    setPicking(false);
  };

  const shown = Object.entries(counts).filter(([emoji, count]) => count > 0 || mine.includes(emoji)).map(([emoji]) => emoji);
  const offered = PRESET_EMOJI.filter((emoji) => !shown.includes(emoji));

  const button = (emoji: string, withCount: boolean) => {
    const count = counts[emoji] ?? 0;
    const pressed = mine.includes(emoji);
    return (
      <button
        key={emoji}
        type="button"
        aria-pressed={pressed}
        aria-label={withCount ? t('posts.reactions.toggle', { emoji, count }) : emoji}
        className={`btn min-w-14 rounded-full border px-3 ${pressed ? 'border-blue-900 bg-blue-100 text-blue-1200' : 'border-solid-gray-600 bg-white text-solid-gray-900'}`}
        onClick={() => toggle(emoji)}
      >
        <span aria-hidden="true">{emoji}</span>
        {withCount && <span aria-hidden="true">{count}</span>}
      </button>
    );
  };

  return (
    <div className="my-4">
      <div className="flex flex-wrap items-center gap-2">
        {shown.map((emoji) => button(emoji, true))}
        <button
          ref={opener}
          type="button"
          className="btn-secondary"
          aria-expanded={picking}
          aria-controls={pickerId}
          onClick={() => setPicking((open) => !open)}
        >
          <span aria-hidden="true">☺︎</span>
          {t('posts.reactions.open')}
        </button>
      </div>
      <div
        ref={panel}
        id={pickerId}
        hidden={!picking}
        tabIndex={-1}
        role="group"
        aria-label={t('posts.reactions.picker')}
        className="mt-2 flex flex-wrap gap-2 outline-none"
      >
        {offered.map((emoji) => button(emoji, false))}
        {offered.length === 0 && <p className="text-solid-gray-700">{t('posts.reactions.allShown')}</p>}
      </div>
      <ErrorAlert error={mutation.error} />
    </div>
  );
}
