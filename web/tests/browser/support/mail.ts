import { expect } from '@playwright/test';
import { baseURL, mailApi } from './env';

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
  receivedAt: string;
}

/** The mails captured for `address`, newest first (the local platform's SMTP capture). */
export async function mailsTo(address: string): Promise<CapturedMail[]> {
  const response = await fetch(`${mailApi}/api/messages?to=${encodeURIComponent(address)}`);
  if (!response.ok) throw new Error(`captured-mail API ${mailApi} answered ${response.status}`);
  return (await response.json()) as CapturedMail[];
}

const VERIFY_LINK = /https?:\/\/[^\s<>"]+\/verify\?token=[A-Za-z0-9_-]+/;

/** Waits for the verification mail to `address` and returns the link it tells the person to open. */
export async function verificationLink(address: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        for (const mail of await mailsTo(address)) {
          const found = VERIFY_LINK.exec(mail.text);
          if (found) {
            link = found[0];
            return true;
          }
        }
        return false;
      },
      { message: `a verification mail with a /verify?token= link for ${address}`, timeout: 60_000, intervals: [300, 500, 1000] },
    )
    .toBe(true);
  return sameOrigin(link!);
}

/** Waits for a mail to `address` with a link to `path` (e.g. `/register?invitation=`) and returns that link. */
export async function linkInMail(address: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s<>"]+${path.replace(/[?]/g, '\\?')}[A-Za-z0-9_-]+`);
  let link: string | undefined;
  await expect
    .poll(async () => {
      for (const mail of await mailsTo(address)) {
        const found = pattern.exec(mail.text);
        if (found) {
          link = found[0];
          return true;
        }
      }
      return false;
    }, { message: `a mail to ${address} with a ${path} link`, timeout: 60_000, intervals: [300, 500, 1000] })
    .toBe(true);
  return sameOrigin(link!);
}

/**
 * The mail's link as the person would open it. The platform writes its own public address into mails; when the
 * tests reach the web app at another origin (the Vite dev server while developing), the path and token are kept
 * and only the origin is moved, so that the session cookie and the app stay on one origin.
 */
function sameOrigin(link: string): string {
  const fromMail = new URL(link);
  const app = new URL(baseURL);
  if (fromMail.origin === app.origin) return link;
  console.log(`[mail] the mail links to ${fromMail.origin}; opening its path on ${app.origin}`);
  return new URL(fromMail.pathname + fromMail.search + fromMail.hash, app).toString();
}
