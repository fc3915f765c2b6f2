import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ReplyView } from '../../../api/generated/posts';
import { formatDateTime } from '../../../shared/format';
import { CheckIcon } from '../../../shared/ui/Icons';
import { Markdown } from '../../../shared/Markdown';
import { AnswerControl } from '../answer/AnswerControl';
import { AuthorName } from '../AuthorName';
import { AuthorOrganization } from '../AuthorOrganization';

/**
 * One reply; its id is what the mails' links (#reply-{id}) point at. `mayChooseAnswer`: the viewer asked this question
 * (or moderates), so each reply offers 解決済みにする.
 */
export function ReplyItem({ reply, postId, mayChooseAnswer = false }: { reply: ReplyView; postId: string; mayChooseAnswer?: boolean }) {
  const { t } = useTranslation();
  const headingId = `reply-${reply.id}-heading`;
  const isAnswer = reply.isAnswer === true;
  return (
    <article id={`reply-${reply.id}`} aria-labelledby={headingId}
      className={`card scroll-mt-4 focus:outline-4 ${isAnswer ? 'border-2 border-green-900' : ''}`}>
      {isAnswer && (
        <p className="mb-1 flex items-center gap-1 text-dns-14B-130 text-green-1100"><CheckIcon />{t('posts.solved.isAnswer')}</p>
      )}
      <h3 id={headingId} className="flex flex-wrap items-baseline gap-x-2 text-std-16B-170">
        <AuthorName author={reply.author} />
        {(reply.author?.organization || reply.authorOrganizationAtPosting) && (
          <span className="text-dns-14N-130 font-normal text-solid-gray-700">
            <AuthorOrganization current={reply.author?.organization} atPosting={reply.authorOrganizationAtPosting} plain />
          </span>
        )}
      </h3>
      <p className="text-dns-14N-130 text-solid-gray-700">
        <Link to={`/posts/${postId}#reply-${reply.id}`} className="inline-flex min-h-11 items-center text-solid-gray-800">
          <time id={`reply-${reply.id}-time`} dateTime={reply.createdAt}>{formatDateTime(reply.createdAt)}</time>
          <span className="sr-only">{t('posts.thread.permalink')}</span>
        </Link>
      </p>
      <Markdown source={reply.body ?? ''} />
      {mayChooseAnswer && reply.id && (
        // who wrote it and when: the buttons of a thread share one name
        <AnswerControl postId={postId} replyId={reply.id} isAnswer={isAnswer} describedBy={`${headingId} reply-${reply.id}-time`} />
      )}
    </article>
  );
}
