/**
 * Where to go after login: only a path of this site. `//evil.example` and `/\evil.example` are read by browsers as
 * other hosts, and `javascript:` or `https://…` are not paths at all; all of those fall back to the home page.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // control characters (a tab or newline inside "/\t/evil") are dropped by URL parsers; refuse them outright
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const url = new URL(next, 'https://kyoso.invalid');
    if (url.origin !== 'https://kyoso.invalid') return fallback;
    // judge what will be navigated to, not what came in: "/a/..//evil.example" normalises to "//evil.example"
    const target = url.pathname + url.search + url.hash;
    if (target.startsWith('//') || target.startsWith('/\\') || /^\/login\/?$/.test(url.pathname)) return fallback;
    return target;
  } catch {
    return fallback;
  }
}
