/**
 * The server keeps no read state, so unread markers come from this browser: for each channel, how many posts it had
 * when the member last opened it. A channel never opened here counts all its posts as unread.
 */
type Seen = Record<string, number>;

function keyOf(memberId: string) {
  return `kyoso.channelsSeen.${memberId}`;
}

export function seenCounts(memberId: string): Seen {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyOf(memberId)) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Seen) : {};
  } catch {
    return {};
  }
}

export function markChannelSeen(memberId: string, slug: string, postCount: number) {
  const seen = seenCounts(memberId);
  if (seen[slug] === postCount) return;
  try {
    localStorage.setItem(keyOf(memberId), JSON.stringify({ ...seen, [slug]: postCount }));
  } catch {
    // private mode: markers stay as they were
  }
}

export function unreadCount(seen: Seen, slug: string | undefined, postCount: number | undefined): number {
  if (!slug) return 0;
  return Math.max(0, (postCount ?? 0) - (seen[slug] ?? 0));
}
