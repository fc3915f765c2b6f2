import { useSyncExternalStore } from 'react';

// Whether the live notification stream is down while the browser is online: the bell knows it, the banner at the
// top of the page says it (in the page's flow, so it never covers the header's controls).
let streamLost = false;
const listeners = new Set<() => void>();

export function setStreamLost(lost: boolean) {
  if (lost === streamLost) return;
  streamLost = lost;
  for (const listener of listeners) listener();
}

export function useStreamLost(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => streamLost,
    () => false,
  );
}
