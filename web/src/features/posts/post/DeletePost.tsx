import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { done, postsApi } from '../../../api/client';
import { useAnnounce } from '../../../app/Announcer';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { channelsKey } from '../channels';
import { usePanelFocus } from '../usePanelFocus';

/** Deleting asks once more: a deleted post takes its whole thread with it. */
export function DeletePost({ postId, channel }: { postId: string; channel?: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const { panel, first, opener } = usePanelFocus<HTMLDivElement, HTMLParagraphElement>(confirming);
  const mutation = useMutation({
    mutationFn: () => done(postsApi.DELETE('/api/posts/{id}', { params: { path: { id: postId } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['post', postId] });
      void queryClient.invalidateQueries({ queryKey: ['posts'] });
      void queryClient.invalidateQueries({ queryKey: channelsKey });
      announce(t('posts.delete.done'));
      navigate(channel ? `/channels/${channel}` : '/');
    },
  });
  if (!confirming) {
    return (
      <button ref={opener} type="button" className="btn-tertiary text-error-2" onClick={() => setConfirming(true)}>
        {t('common.delete')}
      </button>
    );
  }
  return (
    <div ref={panel} className="basis-full rounded-8 border-2 border-error-1 p-4">
      {/* focused on opening, so the question is read before the buttons that answer it */}
      <p ref={first} tabIndex={-1} className="text-std-16B-170 outline-none">{t('posts.delete.confirm')}</p>
      <ErrorAlert error={mutation.error} />
      <div className="mt-3 flex flex-wrap gap-3">
        <button type="button" className="btn-danger" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
          {t('posts.delete.confirmButton')}
        </button>
        <button
          type="button"
          className="btn-secondary"
          onClick={() => {
            setConfirming(false);
            mutation.reset();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
