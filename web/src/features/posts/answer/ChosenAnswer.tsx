import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PostView } from '../../../api/generated/posts';
import { formatDateTime } from '../../../shared/format';
import { AuthorName } from '../AuthorName';

/** The chosen answer, right under the question: the first thing a later reader with the same problem needs. */
export function ChosenAnswer({ post }: { post: PostView }) {
  const { t } = useTranslation();
  const answer = post.answer;
  if (!post.solved || !answer?.replyId) return null;
  return (
    <section aria-labelledby="chosen-answer" className="mt-4 rounded-8 border-2 border-green-900 bg-green-50 p-4">
      <h2 id="chosen-answer" className="text-std-16B-170 text-green-1100">{t('posts.solved.answerHeading')}</h2>
      <p className="mt-1 text-dns-14N-130 text-solid-gray-800">
        <AuthorName author={answer.author} />
        {answer.author?.organization && <span>{t('posts.byOrganization', { organization: answer.author.organization })}</span>}
        {answer.chosenAt && (
          <span className="ml-3">{t('posts.solved.chosenAt', { time: formatDateTime(answer.chosenAt) })}</span>
        )}
      </p>
      {answer.excerpt && <p className="mt-2 whitespace-pre-line text-std-16N-170">{answer.excerpt}</p>}
      <p className="mt-2">
        <Link to={`/posts/${post.id}#reply-${answer.replyId}`}>{t('posts.solved.readAnswer')}</Link>
      </p>
    </section>
  );
}
