import i18n from '../../i18n';
import { formatDateTime } from '../../shared/format';

const JST = 'Asia/Tokyo';

function jstDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: JST, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** A session's time in JST: "2026/12/05 14:00〜16:00", with the end's date only when it ends on another day. */
export function formatSessionTime(startsAt: string | undefined, endsAt: string | undefined): string {
  const start = formatDateTime(startsAt);
  if (!startsAt || !endsAt) return start;
  const startDate = new Date(startsAt);
  const endDate = new Date(endsAt);
  if (Number.isNaN(endDate.getTime())) return start;
  const end = jstDay(startDate) === jstDay(endDate)
    ? new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', { timeStyle: 'short', timeZone: JST }).format(endDate)
    : formatDateTime(endsAt);
  return i18n.language === 'en' ? `${start} – ${end}` : `${start}〜${end}`;
}

/**
 * A datetime-local value ("2026-12-05T14:00") read as Japan time, as the API takes it: 2026-12-05T14:00:00.000+09:00.
 * The browser's own time zone plays no part: the session is in Japan whoever types it.
 */
export function jstInputToIso(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return undefined;
  const [, day, hours, minutes, seconds = '00'] = match;
  return `${day}T${hours}:${minutes}:${seconds}.000+09:00`;
}

export function hasStarted(startsAt: string | undefined, now = Date.now()): boolean {
  return !!startsAt && new Date(startsAt).getTime() <= now;
}

export function hasEnded(endsAt: string | undefined, now = Date.now()): boolean {
  return !!endsAt && new Date(endsAt).getTime() <= now;
}
