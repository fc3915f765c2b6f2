import { useTranslation } from 'react-i18next';

/**
 * The author's organization beside their name: as it was when they wrote, with the current one beside it when they
 * have moved since (人事異動) — what a town did is told by who was there then.
 */
export function AuthorOrganization({ current, atPosting, plain = false }: {
  current: string | undefined;
  atPosting: string | undefined;
  /** without the brackets, as the reply heading shows it */
  plain?: boolean;
}) {
  const { t } = useTranslation();
  if (atPosting && atPosting !== current) {
    const text = current
      ? t('posts.organizationThenAndNow', { then: atPosting, now: current })
      : t('posts.organizationThen', { then: atPosting });
    return <span>{plain ? text : t('posts.byOrganization', { organization: text })}</span>;
  }
  if (!current) return null;
  return <span>{plain ? current : t('posts.byOrganization', { organization: current })}</span>;
}
