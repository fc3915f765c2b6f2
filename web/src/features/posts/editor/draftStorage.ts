import { ApiError } from '../../../api/problem';

/**
 * Drafts live in this browser's localStorage, one per member and place (a channel for a new post, a post for a reply),
 * so that a reload, a closed tab or a lost connection never costs what someone wrote. The idempotency key travels with
 * the draft: sending the same draft again after a lost answer cannot post it twice.
 */
export interface Draft {
  title?: string;
  body: string;
  kind?: string;
  tags?: string[];
  idempotencyKey: string;
  savedAt: string;
}

const PREFIX = 'kyoso.draft';

function keyOf(memberId: string, place: string) {
  return `${PREFIX}.${memberId}.${place}`;
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Whether a failed send needs a new idempotency key. The services keep the first answer for a key and refuse the
 * same key with another body (422), so after a final refusal (a 4xx but 408 and 429) the corrected text must be a new
 * request; a lost connection or a 5xx, 408 or 429 is retried with the same key, so that it cannot post twice.
 */
export function needsNewIdempotencyKey(error: unknown): boolean {
  const status = error instanceof ApiError ? error.status : 0;
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export const draftStorage = {
  load(memberId: string, place: string): Draft | null {
    try {
      const raw = localStorage.getItem(keyOf(memberId, place));
      if (!raw) return null;
      const draft = JSON.parse(raw) as Partial<Draft>;
      if (typeof draft.body !== 'string' || typeof draft.idempotencyKey !== 'string') return null;
      return draft as Draft;
    } catch {
      return null;
    }
  },

  save(memberId: string, place: string, draft: Omit<Draft, 'savedAt'>): Draft {
    const stored: Draft = { ...draft, savedAt: new Date().toISOString() };
    try {
      localStorage.setItem(keyOf(memberId, place), JSON.stringify(stored));
    } catch {
      // storage full or private mode: the text stays in the form, only the safety net is missing
    }
    return stored;
  },

  remove(memberId: string, place: string) {
    try {
      localStorage.removeItem(keyOf(memberId, place));
    } catch {
      // nothing to remove
    }
  },
};

export const composerPlace = (channel: string) => `post.${channel}`;
export const replyPlace = (postId: string) => `reply.${postId}`;
