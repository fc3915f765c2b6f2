import i18n from '../../i18n';
import { formatDate } from '../../shared/format';

const JST = 'Asia/Tokyo';

/** Today in Japan as YYYY-MM-DD, whatever the reader's clock says: moves take effect on Japanese dates. */
export function todayInJapan(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: JST, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The day after a YYYY-MM-DD date, as YYYY-MM-DD (for the earliest possible effective date of a move). */
export function dayAfter(day: string | undefined): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** A date-only value (YYYY-MM-DD) as people in Japan read it: 2026年4月1日. */
export function formatDay(day: string | undefined | null): string {
  if (!day) return '';
  return formatDate(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00+09:00` : day);
}

/** A period of a position: 2021年4月1日〜2026年3月31日, or 2021年4月1日〜現在 while it lasts. */
export function formatPeriod(from: string | undefined | null, to: string | undefined | null): string {
  const start = formatDay(from);
  const end = to ? formatDay(to) : i18n.t('handover.position.now');
  const separator = i18n.language === 'en' ? ' – ' : '〜';
  return `${start}${separator}${end}`;
}

/** Whether a move on `positionFrom` is recent enough (90 days, as members-service counts) to hand over the job left. */
export function movedRecently(positionFrom: string | undefined, hasHistory: boolean, today = todayInJapan()): boolean {
  if (!hasHistory || !positionFrom) return false;
  const since = Date.parse(`${positionFrom}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(since) || Number.isNaN(now)) return false;
  return now - since <= RECENT_MOVE_DAYS * 86_400_000;
}

export const RECENT_MOVE_DAYS = 90;
