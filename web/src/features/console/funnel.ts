import { authorizedFetch } from '../../api/client';
import type { StageCounts as FunnelCounts } from '../../api/generated/members';
import { problemOf } from '../../api/problem';

export const STAGES = ['registered', 'verified', 'introduced', 'askedOrProposed', 'repliedToOthers', 'receivedReply'] as const;
export type Stage = (typeof STAGES)[number];

export const GROUP_BYS = ['none', 'prefecture', 'organizationType', 'attendedSession'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface FunnelQuery {
  from: string;
  to: string;
  groupBy: GroupBy;
}

export const funnelKey = ['console', 'funnel'] as const;

/** The service may leave a count out (or send null) while its read model catches up: that is nobody yet. */
export function count(counts: FunnelCounts | null | undefined, stage: Stage): number {
  return counts?.[stage] ?? 0;
}

/** A JST calendar day as YYYY-MM-DD, the form the funnel's period takes. */
export function jstDay(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(at);
}

/** The service's own default period: the last 90 days, both ends included. */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  return { from: jstDay(new Date(now.getTime() - 89 * 24 * 3600 * 1000)), to: jstDay(now) };
}

export function funnelCsvUrl({ from, to, groupBy }: FunnelQuery): string {
  return `/api/members/funnel.csv?${new URLSearchParams({ from, to, groupBy }).toString()}`;
}

function filenameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // a malformed encoded name: the plain one or the fallback will do
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain ? plain[1].trim() : fallback;
}

/**
 * An <a href download> cannot carry the access token, so the file is fetched with it and handed to the browser as a
 * Blob URL under the name the server gave it.
 */
export async function downloadFunnelCsv(query: FunnelQuery): Promise<string> {
  const response = await authorizedFetch(new Request(new URL(funnelCsvUrl(query), window.location.origin), {
    headers: { Accept: 'text/csv' },
    credentials: 'same-origin',
  }));
  if (!response.ok) throw await problemOf(response);
  const filename = filenameOf(response.headers.get('Content-Disposition'), `kyoso-funnel-${query.from}-${query.to}.csv`);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = href;
    link.download = filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // the click has already handed the file to the browser; revoking later would only keep the blob alive
    setTimeout(() => URL.revokeObjectURL(href), 0);
  }
  return filename;
}
