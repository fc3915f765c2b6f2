// For component tests: an access token shaped like members-service's (only the payload is read by the client).
export interface TestClaims {
  sub?: string;
  handle?: string;
  name?: string;
  roles?: string[];
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fakeAccessToken({ sub = 'm-1', handle = 'yamada_taro', name = '山田 太郎', roles = ['MEMBER'] }: TestClaims = {}) {
  const payload = { sub, handle, name, roles, exp: Math.floor(Date.now() / 1000) + 900 };
  return `${base64url('{"alg":"none"}')}.${base64url(JSON.stringify(payload))}.signature`;
}

export function tokenAnswer(claims?: TestClaims) {
  return { body: { accessToken: fakeAccessToken(claims), tokenType: 'Bearer', expiresIn: 900 } };
}
