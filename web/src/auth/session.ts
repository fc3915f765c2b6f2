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

function decodeClaims(token: string, expiresIn: number): Claims {
  const payload = token.split('.')[1] ?? '';
  const json = JSON.parse(new TextDecoder().decode(
    Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
  )) as Record<string, unknown>;
  const expFromToken = typeof json.exp === 'number' ? json.exp * 1000 : 0;
  return {
    memberId: String(json.sub ?? ''),
    handle: String(json.handle ?? ''),
    displayName: String(json.name ?? json.handle ?? ''),
    roles: Array.isArray(json.roles) ? json.roles.map(String) : [],
    expiresAt: expFromToken || Date.now() + expiresIn * 1000,
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

class Session {
  private accessToken: string | null = null;
  private claims: Claims | null = null;
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string | null> | null = null;

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
  async restore(): Promise<Claims | null> {
    if (!this.maybeSignedIn()) return null;
    await this.refresh();
    return this.claims;
  }

  async logout(): Promise<void> {
    try {
      await post('/api/auth/logout', {});
    } finally {
      this.clear();
    }
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
        if (response.status === 401 || response.status === 400) this.clear();
        return null;
      } catch (error) {
        // offline: keep the member signed in and let the next call try again
        if (error instanceof ApiError && error.isNetwork) return this.accessToken;
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

  private clear() {
    this.accessToken = null;
    this.claims = null;
    clearTimeout(this.timer);
    this.remember(false);
    this.notify();
  }

  private schedule() {
    clearTimeout(this.timer);
    if (!this.claims) return;
    const wait = Math.max(5_000, this.claims.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => void this.refresh(), wait);
  }

  private notify() {
    for (const listener of this.listeners) listener(this.claims);
  }

  // Not a secret: only whether it is worth asking for a refresh at start, so a guest's first page makes no call.
  private maybeSignedIn(): boolean {
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
