import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../i18n';
import { vi } from 'vitest';

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
});

// openapi-fetch builds `new Request('/api/…')`; Node's Request refuses relative URLs where a browser resolves them
// against the page, so resolve them against jsdom's location as a browser would.
const NodeRequest = globalThis.Request;
class PageRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' && input.startsWith('/') ? new URL(input, window.location.href) : input, init);
  }
}
if (globalThis.Request === NodeRequest) globalThis.Request = PageRequest as typeof Request;
