import { session } from '../../../auth/session';
import type { FakeApi } from '../../../test/fakeApi';
import { tokenAnswer, type TestClaims } from './token';

/** Makes the next render start signed in: the stored hint plus a refresh that the fake gateway answers. */
export function signIn(api: FakeApi, claims: TestClaims = {}) {
  localStorage.setItem('kyoso.signedIn', '1');
  api.on('POST /api/auth/refresh', tokenAnswer(claims));
  api.on('POST /api/auth/logout', { status: 204 });
}

/** Forgets the member signed in by an earlier test (the session lives in module memory). */
export async function signOut(): Promise<void> {
  await session.logout().catch(() => undefined);
}
