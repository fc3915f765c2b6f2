import { done, membersApi } from '../../api/client';

/*
 * POST /api/auth/register takes no prefecture (RegistrationRequest: email, password, displayName, handle,
 * organization, organizationCode, invitationCode), and PATCH /api/members/me needs a token, which a member only has
 * after verifying and logging in. So the prefecture chosen at registration waits in this browser's localStorage,
 * keyed by the address, and is sent with PATCH /api/members/me right after that member's first login.
 */
const KEY = 'kyoso.pendingPrefecture';

interface Pending {
  email: string;
  prefecture: string;
}

const normalise = (email: string) => email.trim().toLowerCase();

export function rememberPrefecture(email: string, prefecture: string) {
  try {
    if (prefecture) localStorage.setItem(KEY, JSON.stringify({ email: normalise(email), prefecture } satisfies Pending));
  } catch {
    // private mode: the member can still set it in the account settings
  }
}

function pending(): Pending | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Pending | null;
    return value && typeof value.email === 'string' && typeof value.prefecture === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** After a login: saves the prefecture remembered for this address, once. A failure keeps it for the next login. */
export async function applyPendingPrefecture(email: string): Promise<void> {
  const waiting = pending();
  if (!waiting || waiting.email !== normalise(email)) return;
  try {
    await done(membersApi.PATCH('/api/members/me', { body: { prefecture: waiting.prefecture } }));
    localStorage.removeItem(KEY);
  } catch {
    // not worth stopping the login for; it is tried again next time
  }
}
