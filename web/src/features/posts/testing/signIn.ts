import { session } from '../../../auth/session';
import type { FakeApi } from '../../../test/fakeApi';

export interface TestMember {
  memberId: string;
  handle: string;
  displayName: string;
  roles: string[];
}

export const hanako: TestMember = {
  memberId: 'm-hanako',
  handle: 'maeda_hanako',
  displayName: '前田 花子',
  roles: ['MEMBER'],
};

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An unsigned token with the claims the web client reads; only the gateway checks signatures. */
export function fakeAccessToken(member: TestMember): string {
  const payload = {
    sub: member.memberId,
    handle: member.handle,
    name: member.displayName,
    roles: member.roles,
    exp: Math.floor(Date.now() / 1000) + 3600,
  };
  return `${base64url('{"alg":"none"}')}.${base64url(JSON.stringify(payload))}.x`;
}

/** Makes the next render start signed in as `member`: the stored hint plus a refresh the fake gateway answers. */
export function signIn(api: FakeApi, member: TestMember = hanako): TestMember {
  localStorage.setItem('kyoso.signedIn', '1');
  api.on('POST /api/auth/refresh', { body: { accessToken: fakeAccessToken(member), expiresIn: 3600 } });
  return member;
}

/** Forgets a member signed in by an earlier test (the session lives in module memory). */
export async function signOut(): Promise<void> {
  await session.logout().catch(() => undefined);
}
