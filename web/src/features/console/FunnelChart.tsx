import { useTranslation } from 'react-i18next';
import type { Group as FunnelGroup } from '../../api/generated/members';
import { inLanguage } from '../../api/problem';
import i18n from '../../i18n';
import { count, STAGES } from './funnel';

const WIDTH = 480;
const LABEL = 150;
const VALUE = 84;
const ROW = 24;
const GROUP_HEAD = 30;
const GROUP_GAP = 12;
// a long summary is a burden read aloud; the table below has every group
const SUMMARY_GROUPS = 5;

export function groupLabel(group: FunnelGroup): string {
  return inLanguage(group.label ?? undefined) || group.key || '';
}

export function share(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'ja', { style: 'percent', maximumFractionDigits: 0 }).format(part / whole);
}

export function funnelSummary(groups: FunnelGroup[], from: string, to: string): string {
  const t = i18n.t.bind(i18n);
  const parts = groups.slice(0, SUMMARY_GROUPS).map((group) =>
    t('console.funnel.summaryGroup', {
      group: groupLabel(group),
      stages: STAGES.map((stage) => t('console.funnel.summaryStage', { stage: t(`console.funnel.stages.${stage}`), count: count(group.counts, stage) }))
        .join(t('console.funnel.listSeparator')),
    }),
  );
  const rest = groups.length > SUMMARY_GROUPS ? [t('console.funnel.summaryRest', { count: groups.length - SUMMARY_GROUPS })] : [];
  return [t('console.funnel.summary', { from, to }), ...parts, ...rest].join(' ');
}

/** One block of six horizontal bars per group: horizontal so that the stage names stay readable on a phone. */
export function FunnelChart({ groups, from, to }: { groups: FunnelGroup[]; from: string; to: string }) {
  const { t } = useTranslation();
  const block = GROUP_HEAD + STAGES.length * ROW + GROUP_GAP;
  const height = Math.max(groups.length * block, block);
  const barSpace = WIDTH - LABEL - VALUE;
  return (
    <figure className="mb-4">
      <svg role="img" aria-label={funnelSummary(groups, from, to)} viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full max-w-2xl">
        {groups.map((group, index) => {
          const top = index * block;
          const registered = count(group.counts, 'registered');
          const scale = Math.max(registered, ...STAGES.map((stage) => count(group.counts, stage)), 1);
          return (
            <g key={group.key ?? index}>
              <text x={0} y={top + 20} className="fill-solid-gray-900 text-[15px] font-bold">{groupLabel(group)}</text>
              {STAGES.map((stage, row) => {
                const value = count(group.counts, stage);
                const y = top + GROUP_HEAD + row * ROW;
                return (
                  <g key={stage}>
                    <text x={LABEL - 8} y={y + 15} textAnchor="end" className="fill-solid-gray-800 text-[12px]">
                      {t(`console.funnel.stagesShort.${stage}`)}
                    </text>
                    <rect x={LABEL} y={y + 3} width={barSpace} height={ROW - 6} className="fill-solid-gray-50 stroke-solid-gray-200" />
                    <rect x={LABEL} y={y + 3} width={(value / scale) * barSpace} height={ROW - 6} className="fill-blue-900" />
                    <text x={LABEL + barSpace + 6} y={y + 15} className="fill-solid-gray-900 text-[12px]">
                      {t('console.funnel.barValue', { count: value, share: share(value, registered) })}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 text-dns-14N-130 text-solid-gray-800">{t('console.funnel.chartCaption')}</figcaption>
    </figure>
  );
}
