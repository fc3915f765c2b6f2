import { useTranslation } from 'react-i18next';
import { CheckIcon } from '../../shared/ui/Icons';

/** 解決済み: a question whose asker (or a moderator) chose the reply that answered it. The word carries it, not colour. */
export function SolvedBadge() {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-1 rounded-4 border border-green-900 bg-green-50 px-2 text-dns-14B-130 leading-6 text-green-1100">
      <CheckIcon />
      {t('posts.solved.badge')}
    </span>
  );
}
