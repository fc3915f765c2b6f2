import { useId, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { done, postsApi } from '../../../api/client';
import { asApiError } from '../../../api/problem';
import { useAnnounce } from '../../../app/Announcer';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { usePanelFocus } from '../usePanelFocus';

/** 通報する opens a short form: a reason, then the moderators take it from there. */
export function ReportButton({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const formId = useId();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { panel, first, opener } = usePanelFocus<HTMLFormElement, HTMLTextAreaElement>(open);
  const mutation = useMutation({
    mutationFn: () => done(postsApi.POST('/api/posts/{postId}/reports', {
      params: { path: { postId } },
      body: { reason: reason.trim() },
    })),
    onSuccess: () => {
      setOpen(false);
      setReason('');
      announce(t('posts.report.sent'));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const reasonError = mutation.error ? asApiError(mutation.error).fieldMessage('reason') : undefined;
  return (
    // "contents": the button sits in the post's row of actions, the form opens below the whole row
    <div className="contents">
      <button
        ref={opener}
        type="button"
        className="btn-tertiary"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((value) => !value)}
      >
        {t('posts.report.open')}
      </button>
      <form ref={panel} id={formId} hidden={!open} noValidate onSubmit={submit} className="order-last mt-2 basis-full rounded-8 border border-solid-gray-300 p-4">
        <label htmlFor={reasonId} className="field-label">{t('posts.report.reason')}</label>
        <span id={`${reasonId}-hint`} className="field-hint">{t('posts.report.hint')}</span>
        <textarea
          ref={first}
          id={reasonId}
          className="field-input min-h-24"
          value={reason}
          aria-describedby={`${reasonId}-hint`}
          aria-invalid={reasonError ? true : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {reasonError && <span className="field-error">{reasonError}</span>}
        <ErrorAlert error={mutation.error} />
        <div className="mt-3 flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={mutation.isPending}>{t('posts.report.submit')}</button>
          <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
