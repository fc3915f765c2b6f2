import { ApiError, networkError, problemOf } from '../api/problem';

/**
 * The signed-in member's tokens. The access token lives only in this module's memory; the refresh token is an
 * HttpOnly cookie scoped to /api/auth that page script never sees (the header below asks members-service for it).
 * Tabs share the cookie, so refreshes are serialised across tabs with a Web Lock: a refresh token works once.
 */
export interface Claims {
  memberId: string;
  handle: string;
  displayName: string;
  roles: string[];
  expiresAt: number;
}

type Listener = (claims: Claims | null) => void;

const WEB_CLIENT_HEADER = { 'X-Kyoso-Client': 'web' };
const REFRESH_MARGIN_MS = 60_000;
const SIGNED_IN_HINT = 'kyoso.signedIn';

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
}

// The expiry is counted on this device's clock from `expiresIn`, not read from the token's `exp`: a PC whose clock is
// off by minutes would otherwise refresh before every call, or too late.
function decodeClaims(token: string, expiresIn: number): Claims {
  const payload = token.split('.')[1] ?? '';
  const json = JSON.parse(new TextDecoder().decode(
    Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
  )) as Record<string, unknown>;
  return {
    memberId: String(json.sub ?? ''),
    handle: String(json.handle ?? ''),
    displayName: String(json.name ?? json.handle ?? ''),
    roles: Array.isArray(json.roles) ? json.roles.map(String) : [],
    expiresAt: Date.now() + expiresIn * 1000,
  };
}

async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request('kyoso-refresh', work);
  }
  return work();
}

async function post(path: string, body: unknown): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...WEB_CLIENT_HEADER },
      body: JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
}

// Tabs tell each other when the member signs out, so that no tab keeps showing their data for 15 more minutes.
const tabs: BroadcastChannel | null = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('kyoso-session');

class Session {
  private accessToken: string | null = null;
  private claims: Claims | null = null;
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string | null> | null = null;

  constructor() {
    tabs?.addEventListener('message', (event: MessageEvent) => {
      if (event.data === 'signed-out' && this.claims) this.clear(false);
    });
  }

  current(): Claims | null {
    return this.claims;
  }

  token(): string | null {
    return this.accessToken;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async login(email: string, password: string): Promise<Claims> {
    const response = await post('/api/auth/login', { email, password });
    if (!response.ok) throw await problemOf(response);
    return this.accept((await response.json()) as TokenAnswer);
  }

  /** On start: a member who was signed in gets a new access token from the cookie; anyone else stays a guest. */
  async restore(): Promise<Claims | null | 'unreachable'> {
    if (!this.maybeSignedIn()) return null;
    await this.refresh();
    // neither signed in nor refused: the server could not be reached (offline start from the cached app)
    if (!this.claims && this.maybeSignedIn()) return 'unreachable';
    return this.claims;
  }

  /**
   * Ends the session on the server first: if that cannot be done (offline, a 5xx), the member stays signed in and
   * is told, since the cookie would otherwise sign this browser back in on the next visit (a shared PC).
   */
  async logout(): Promise<void> {
    const response = await post('/api/auth/logout', {});
    if (response.status >= 500) throw await problemOf(response);
    this.clear();
  }

  /** The session was ended elsewhere (every device, or leaving Kyoso): forget it here too. */
  forget(): void {
    this.clear();
  }

  /** The token to send now, refreshed first when it is about to expire; null for a guest. */
  async freshAccessToken(): Promise<string | null> {
    if (!this.claims) return null;
    if (this.claims.expiresAt - Date.now() > REFRESH_MARGIN_MS) return this.accessToken;
    return this.refresh();
  }

  /** The gateway refused a token: refresh unless another call has already done so. */
  async refreshAfterRejection(rejected: string): Promise<string | null> {
    if (this.accessToken && this.accessToken !== rejected) return this.accessToken;
    return this.refresh();
  }

  refresh(): Promise<string | null> {
    this.refreshing ??= withRefreshLock(async () => {
      try {
        const response = await post('/api/auth/refresh', {});
        if (response.ok) {
          this.accept((await response.json()) as TokenAnswer);
          return this.accessToken;
        }
        if (response.status === 401 || response.status === 400) {
          this.clear();
          return null;
        }
        // 429 or 5xx: the current token still works for now; try again shortly
        this.retrySoon();
        return this.accessToken;
      } catch (error) {
        // offline: keep the member signed in and let the next call try again
        if (error instanceof ApiError && error.isNetwork) {
          this.retrySoon();
          return this.accessToken;
        }
        throw error;
      }
    }).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private accept(answer: TokenAnswer): Claims {
    this.accessToken = answer.accessToken;
    this.claims = decodeClaims(answer.accessToken, answer.expiresIn);
    this.remember(true);
    this.schedule();
    this.notify();
    return this.claims;
  }

  private clear(tellOtherTabs = true) {
    const wasSignedIn = this.claims !== null;
    this.accessToken = null;
    this.claims = null;
    clearTimeout(this.timer);
    this.remember(false);
    if (wasSignedIn && tellOtherTabs) tabs?.postMessage('signed-out');
    this.notify();
  }

  private schedule() {
    clearTimeout(this.timer);
    if (!this.claims) return;
    const wait = Math.max(5_000, this.claims.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => void this.refresh(), wait);
  }

  private retrySoon() {
    clearTimeout(this.timer);
    if (this.claims) this.timer = setTimeout(() => void this.refresh(), 15_000);
  }

  private notify() {
    for (const listener of this.listeners) listener(this.claims);
  }

  // Not a secret: only whether it is worth asking for a refresh at start, so a guest's first page makes no call.
  maybeSignedIn(): boolean {
    try {
      return localStorage.getItem(SIGNED_IN_HINT) === '1';
    } catch {
      return true;
    }
  }

  private remember(signedIn: boolean) {
    try {
      if (signedIn) localStorage.setItem(SIGNED_IN_HINT, '1');
      else localStorage.removeItem(SIGNED_IN_HINT);
    } catch {
      // private mode
    }
  }
}

export const session = new Session();
