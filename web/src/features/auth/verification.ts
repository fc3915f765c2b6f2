import { data, membersApi } from '../../api/client';

// One request per token for the life of the page: React StrictMode runs effects twice, and a remount (going back and
// forth) must not send the token again — the second answer would be "already used" and hide the first success.
const verifications = new Map<string, Promise<unknown>>();

export function verifyOnce(token: string): Promise<unknown> {
  let verification = verifications.get(token);
  if (!verification) {
    verification = data(membersApi.POST('/api/auth/verify', { body: { token } }));
    verifications.set(token, verification);
    // a failure for want of a network may be tried again with the same token
    verification.catch(() => verifications.delete(token));
  }
  return verification;
}
