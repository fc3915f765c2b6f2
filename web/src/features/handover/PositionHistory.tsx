import { useTranslation } from 'react-i18next';
import type { PositionView } from '../../api/generated/members';
import { formatPeriod } from './dates';

/** What a position is called: 久米島町 福祉課 子ども支援係 (the organization, then the department when there is one). */
export function jobOf(position: Pick<PositionView, 'organization' | 'department'> | undefined): string {
  return [position?.organization, position?.department].filter(Boolean).join(' ');
}

/**
 * Past positions, newest first (as the API sends them): organization, department and period. A list named by
 * `label`, so that a screen reader says what it is and how many there are.
 */
export function PositionHistory({ history, label, className = '' }: { history: PositionView[]; label: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <ul aria-label={label} className={`flex flex-col gap-2 ${className}`}>
      {history.map((position, index) => (
        <li key={`${position.from ?? ''}-${index}`} className="rounded-8 border border-solid-gray-200 p-3">
          <p className="text-std-16B-170">{position.organization}</p>
          {position.department && <p className="text-std-16N-170">{position.department}</p>}
          <p className="text-dns-14N-130 text-solid-gray-800">
            <span className="sr-only">{t('handover.position.period')}: </span>
            {formatPeriod(position.from, position.to)}
          </p>
        </li>
      ))}
    </ul>
  );
}
