import { useId } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { HandoverView } from '../../api/generated/members';
import { formatPeriod } from './dates';
import { HandoverThreads } from './HandoverThreads';
import { HandoverWatches } from './HandoverWatches';
import { IntroductionDraftButton } from './IntroductionDraftButton';
import { PastHolders } from './PastHolders';
import { jobOf } from './PositionHistory';

/**
 * One handover received, as the successor meets it on the first day: who it is from and which job, the note, the
 * predecessor's threads (open questions first), their watches, the introduction, and those who held the job before.
 */
export function ReceivedHandover({ handover }: { handover: HandoverView }) {
  const { t } = useTranslation();
  const id = useId();
  const handoverId = handover.id ?? '';
  const predecessor = handover.predecessor;
  const name = predecessor?.displayName ?? t('common.formerMember');
  const position = handover.position;
  return (
    <article aria-labelledby={`${id}-title`} className="mb-10 rounded-12 border-2 border-blue-900 p-4">
      <p id={`${id}-title`} className="mb-3 text-std-20B-160">{t('handover.received.label', { name })}</p>
      <dl className="mb-6 grid gap-x-4 gap-y-1 text-std-16N-170 sm:grid-cols-[auto_1fr]">
        <dt className="font-bold">{t('handover.received.from')}</dt>
        <dd>
          {predecessor?.id && predecessor.displayName ? <Link to={`/members/${predecessor.id}`}>{name}</Link> : name}
          {predecessor?.organization && <> {t('handover.received.fromNow', { organization: predecessor.organization })}</>}
        </dd>
        <dt className="font-bold">{t('handover.received.job')}</dt>
        <dd>{jobOf(position)}</dd>
        <dt className="font-bold">{t('handover.received.period')}</dt>
        <dd>{formatPeriod(position?.from, position?.to)}</dd>
        <dt className="font-bold">{t('handover.received.note')}</dt>
        <dd className="whitespace-pre-wrap break-words">{handover.note || t('handover.received.noNote')}</dd>
      </dl>
      {handoverId && <HandoverThreads handoverId={handoverId} headingId={`${id}-threads`} />}
      {handoverId && <HandoverWatches handoverId={handoverId} headingId={`${id}-watches`} />}
      <IntroductionDraftButton handover={handover} headingId={`${id}-intro`} />
      <PastHolders position={position} headingId={`${id}-past`} />
    </article>
  );
}
