import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import type { Week as AnswerTimeWeek } from '../../api/generated/posts';
import i18n from '../../i18n';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { ScrollableTable } from '../../shared/ui/ScrollableTable';

const WEEKS = 12;
const WIDTH = 640;
const HEIGHT = 260;
const PLOT = { top: 16, right: 8, bottom: 36, left: 44 };

function hours(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'ja', { maximumFractionDigits: 1 }).format(value);
}

/** "11/23": a week's Monday, short enough to sit under its bars. */
function shortWeek(weekStart: string | undefined): string {
  const match = /^\d{4}-(\d{2})-(\d{2})/.exec(weekStart ?? '');
  return match ? `${Number(match[1])}/${Number(match[2])}` : '';
}

/** The largest of the bars, rounded up to a whole step so the axis reads in round numbers. */
function scaleMax(weeks: AnswerTimeWeek[]): number {
  const max = Math.max(1, ...weeks.flatMap((week) => [week.medianHours ?? 0, week.p90Hours ?? 0]));
  const step = max <= 12 ? 2 : max <= 48 ? 6 : max <= 168 ? 24 : 48;
  return Math.ceil(max / step) * step;
}

/** Median and p90 hours to a question's first answer per week: a chart to glance at and a table with the numbers. */
export function AnswerTimesChart() {
  const { t } = useTranslation();
  const times = useQuery({
    queryKey: ['console', 'answer-times', WEEKS],
    queryFn: () => data(postsApi.GET('/api/moderation/answer-times', { params: { query: { weeks: WEEKS } } })),
  });
  return (
    <section aria-labelledby="console-answer-times" className="mt-8">
      <h3 id="console-answer-times" className="mb-2 text-std-18B-160">{t('console.answerTimes.heading')}</h3>
      <p className="mb-3 text-std-16N-170">{t('console.answerTimes.lead')}</p>
      {times.isPending ? (
        <Loading />
      ) : times.isError ? (
        <ErrorAlert error={times.error} onRetry={() => void times.refetch()} />
      ) : (
        <>
          <Chart weeks={times.data.weeks ?? []} />
          <Table weeks={times.data.weeks ?? []} />
        </>
      )}
    </section>
  );
}

function summary(weeks: AnswerTimeWeek[]): string {
  const t = i18n.t.bind(i18n);
  const latest = [...weeks].reverse().find((week) => week.medianHours !== null && week.medianHours !== undefined);
  const questions = weeks.reduce((sum, week) => sum + (week.questions ?? 0), 0);
  const answered = weeks.reduce((sum, week) => sum + (week.answered ?? 0), 0);
  const head = t('console.answerTimes.summary', { weeks: weeks.length, questions, answered });
  if (!latest) return `${head} ${t('console.answerTimes.summaryNone')}`;
  return `${head} ${t('console.answerTimes.summaryLatest', {
    week: shortWeek(latest.weekStart), median: hours(latest.medianHours), p90: hours(latest.p90Hours) || '—',
  })}`;
}

function Chart({ weeks }: { weeks: AnswerTimeWeek[] }) {
  const { t } = useTranslation();
  if (weeks.length === 0) return <p className="text-std-16N-170">{t('console.answerTimes.empty')}</p>;
  const max = scaleMax(weeks);
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / weeks.length;
  const bar = Math.max(Math.min(slot / 2 - 3, 20), 2);
  const y = (value: number) => PLOT.top + plotHeight - (value / max) * plotHeight;
  const ticks = [0, max / 2, max];
  // every second label on a narrow chart would overlap; the table has them all
  const labelEvery = weeks.length > 8 ? 2 : 1;
  return (
    <figure className="mb-4">
      <svg role="img" aria-label={summary(weeks)} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-3xl">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(tick)} y2={y(tick)} className="stroke-solid-gray-200" />
            <text x={PLOT.left - 6} y={y(tick) + 4} textAnchor="end" className="fill-solid-gray-800 text-[12px]">
              {hours(tick)}
            </text>
          </g>
        ))}
        {weeks.map((week, index) => {
          const x = PLOT.left + index * slot + slot / 2;
          return (
            <g key={week.weekStart}>
              {week.medianHours !== null && week.medianHours !== undefined && (
                <rect x={x - bar - 1} width={bar} y={y(week.medianHours)} height={y(0) - y(week.medianHours)} className="fill-blue-900" />
              )}
              {week.p90Hours !== null && week.p90Hours !== undefined && (
                <rect x={x + 1} width={bar} y={y(week.p90Hours)} height={y(0) - y(week.p90Hours)}
                  className="fill-blue-200 stroke-blue-900" strokeWidth={1} />
              )}
              {index % labelEvery === (weeks.length - 1) % labelEvery && (
                <text x={x} y={HEIGHT - PLOT.bottom + 18} textAnchor="middle" className="fill-solid-gray-800 text-[12px]">
                  {shortWeek(week.weekStart)}
                </text>
              )}
            </g>
          );
        })}
        <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(0)} y2={y(0)} className="stroke-solid-gray-800" />
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-dns-14N-130 text-solid-gray-800">
        {/* the two bars differ by fill and outline as well as by colour */}
        <span className="inline-flex items-center gap-2">
          <span aria-hidden="true" className="inline-block size-4 bg-blue-900" />{t('console.answerTimes.median')}
        </span>
        <span className="inline-flex items-center gap-2">
          <span aria-hidden="true" className="inline-block size-4 border border-blue-900 bg-blue-200" />{t('console.answerTimes.p90')}
        </span>
        <span>{t('console.answerTimes.unit')}</span>
      </figcaption>
    </figure>
  );
}

function Table({ weeks }: { weeks: AnswerTimeWeek[] }) {
  const { t } = useTranslation();
  if (weeks.length === 0) return null;
  const cell = (value: number | null | undefined) =>
    value === null || value === undefined
      ? <><span aria-hidden="true">—</span><span className="sr-only">{t('console.answerTimes.none')}</span></>
      : hours(value);
  return (
    <ScrollableTable label={t('console.answerTimes.caption')}>
      <table className="w-full border-collapse text-left text-dns-14N-130">
        <caption className="mb-2 text-left text-std-16B-170">{t('console.answerTimes.caption')}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-800">
            <th scope="col" className="p-2">{t('console.answerTimes.week')}</th>
            <th scope="col" className="p-2 text-right">{t('console.answerTimes.questions')}</th>
            <th scope="col" className="p-2 text-right">{t('console.answerTimes.answered')}</th>
            <th scope="col" className="p-2 text-right">{t('console.answerTimes.medianHours')}</th>
            <th scope="col" className="p-2 text-right">{t('console.answerTimes.p90Hours')}</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.weekStart} className="border-b border-solid-gray-200">
              <th scope="row" className="p-2 font-normal">{t('console.answerTimes.weekOf', { date: week.weekStart })}</th>
              <td className="p-2 text-right">{week.questions ?? 0}</td>
              <td className="p-2 text-right">{week.answered ?? 0}</td>
              <td className="p-2 text-right">{cell(week.medianHours)}</td>
              <td className="p-2 text-right">{cell(week.p90Hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
