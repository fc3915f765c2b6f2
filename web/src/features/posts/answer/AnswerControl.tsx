import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../../app/Announcer';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { useChooseAnswer } from './useChooseAnswer';

/**
 * On each reply of a question, for its asker and moderators: 解決済みにする (this reply answered it), or, on the reply
 * chosen, taking the choice back. The buttons share one name; the reply's heading is read with each as its description.
 */
export function AnswerControl({ postId, replyId, isAnswer, describedBy }: {
  postId: string;
  replyId: string;
  isAnswer: boolean;
  describedBy: string;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const choose = useChooseAnswer(postId);
  const act = () => choose.mutate(isAnswer ? null : replyId, {
    onSuccess: () => announce(t(isAnswer ? 'posts.solved.reopened' : 'posts.solved.chosen')),
  });
  return (
    <div className="mt-3">
      <ErrorAlert error={choose.error} />
      <button type="button" className={isAnswer ? 'btn-tertiary' : 'btn-secondary'} aria-describedby={describedBy}
        disabled={choose.isPending} onClick={act}>
        {isAnswer ? t('posts.solved.undo') : t('posts.solved.choose')}
      </button>
    </div>
  );
}
