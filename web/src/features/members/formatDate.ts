import i18n from '../../i18n';

/** A day as people in Japan read it (JST): 2026年11月28日. */
export function formatDate(iso: string | undefined | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(date);
}
