import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { AnnouncerProvider } from '../app/Announcer';
import { AuthProvider } from '../auth/AuthProvider';

/**
 * Renders a screen as the app does (query cache, router, announcer, auth), at `route`; `path` is the route pattern
 * the screen is mounted on, so that useParams works.
 */
export function renderScreen(ui: ReactElement, { route = '/', path = '*' }: { route?: string; path?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[route]}>
        <AuthProvider>
          <AnnouncerProvider>
            <Routes>
              <Route path={path} element={ui} />
              <Route path="*" element={<p>other page</p>} />
            </Routes>
          </AnnouncerProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
