// What the app keeps in this browser for the signed-in member (drafts, reactions and notification levels chosen,
// channels seen, the welcome shown). A shared town-hall PC must not show it to whoever signs in next, and leaving
// Kyoso erases personal data everywhere: both forget it. The language choice belongs to the browser and stays.
const MEMBER_PREFIXES = [
  'kyoso.draft',
  'kyoso.reactions',
  'kyoso.subscription',
  'kyoso.channelsSeen',
  'kyoso.welcomeShown',
  'kyoso.pendingPrefecture',
];

export function forgetMemberData(storage: Storage = localStorage): void {
  try {
    const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index) ?? '');
    for (const key of keys) {
      if (MEMBER_PREFIXES.some((prefix) => key.startsWith(prefix))) storage.removeItem(key);
    }
  } catch {
    // storage unavailable (private mode): nothing was kept
  }
}
