import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { AuthorView } from '../../api/generated/posts';

/** An author's name, linking to their profile; a former member has no profile left to link to. */
export function AuthorName({ author, link = true }: { author: AuthorView | undefined; link?: boolean }) {
  const { t } = useTranslation();
  if (!author || author.former || !author.id) {
    return <span className="text-solid-gray-700">{author?.displayName || t('common.formerMember')}</span>;
  }
  const name = author.displayName || t('common.formerMember');
  return link ? <Link to={`/members/${author.id}`}>{name}</Link> : <span>{name}</span>;
}
