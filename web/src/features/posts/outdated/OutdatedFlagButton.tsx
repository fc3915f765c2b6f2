import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../../api/client';
import type { PostView } from '../../../api/generated/posts';
import { asApiError } from '../../../api/problem';
import { useAnnounce } from '../../../app/Announcer';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { TextArea } from '../../../shared/ui/TextArea';
import { TextField } from '../../../shared/ui/TextField';
import { postKey } from '../post/queries';
import { usePanelFocus } from '../usePanelFocus';

/**
 * 情報が古いと報告する: any member who knows that a law or notice changed says so, with a reason and, best, a link to
 * the new text. The author and the thread's watchers hear of it once; moderators confirm or clear it.
 */
export function OutdatedFlagButton({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [link, setLink] = useState('');
  const { panel, first, opener } = usePanelFocus<HTMLFormElement, HTMLTextAreaElement>(open);
  const flag = useMutation({
    mutationFn: () => data(postsApi.POST('/api/posts/{postId}/outdated-flags', {
      params: { path: { postId } },
      body: { reason: reason.trim(), ...(link.trim() ? { link: link.trim() } : {}) },
    })),
    onSuccess: (flagged) => {
      queryClient.setQueryData<PostView>(postKey(postId), (current) => current && { ...current, outdated: flagged.outdated });
      setOpen(false);
      setReason('');
      setLink('');
      announce(t('posts.outdated.sent'));
    },
  });
  const problem = flag.error ? asApiError(flag.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!flag.isPending) flag.mutate();
  };
  return (
    <div className="contents">
      <button ref={opener} type="button" className="btn-tertiary" aria-expanded={open} aria-controls={formId}
        onClick={() => setOpen((value) => !value)}>
        {t('posts.outdated.open')}
      </button>
      <form ref={panel} id={formId} hidden={!open} noValidate onSubmit={submit}
        className="order-last mt-2 basis-full rounded-8 border border-solid-gray-300 p-4">
        <p className="mb-3 text-std-16N-170">{t('posts.outdated.lead')}</p>
        <TextArea ref={first} label={t('posts.outdated.reasonField')} hint={t('posts.outdated.reasonHint')} required
          maxLength={500} rows={3} value={reason} onChange={(event) => setReason(event.target.value)}
          error={problem?.fieldMessage('reason')} />
        <TextField label={t('posts.outdated.linkField')} hint={t('posts.outdated.linkHint')} type="url"
          inputMode="url" value={link} onChange={(event) => setLink(event.target.value)} error={problem?.fieldMessage('link')} />
        <ErrorAlert error={flag.error} />
        <div className="mt-3 flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={flag.isPending}>{t('posts.outdated.submit')}</button>
          <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
