// Per member and per browser: the welcome page is a first-visit page, shown once, never a second time after login.
const key = (memberId: string) => `kyoso.welcomeShown.${memberId}`;

export function welcomeShown(memberId: string): boolean {
  try {
    return localStorage.getItem(key(memberId)) === '1';
  } catch {
    return true;
  }
}

export function markWelcomeShown(memberId: string) {
  try {
    localStorage.setItem(key(memberId), '1');
  } catch {
    // private mode: at worst it is offered again
  }
}
