import { useTranslation } from 'react-i18next';
import type { PostKind } from './kinds';

// Each kind keeps its own colour so a list can be scanned, but the word is always there: colour never carries it alone.
const COLOURS: Record<PostKind, string> = {
  ISSUE: 'border-red-900 text-red-1000',
  IDEA: 'border-green-900 text-green-1100',
  QUESTION: 'border-blue-900 text-blue-1000',
  INTRODUCTION: 'border-orange-900 text-orange-1100',
  DISCUSSION: 'border-solid-gray-700 text-solid-gray-800',
  ANNOUNCEMENT: 'border-purple-900 text-purple-1000',
  SESSION: 'border-cyan-900 text-cyan-1100',
};

export function KindBadge({ kind }: { kind: PostKind | undefined }) {
  const { t } = useTranslation();
  if (!kind) return null;
  return (
    <span className={`inline-block rounded-4 border bg-white px-2 text-dns-14B-130 leading-6 ${COLOURS[kind]}`}>
      {t(`kinds.${kind}`)}
    </span>
  );
}
