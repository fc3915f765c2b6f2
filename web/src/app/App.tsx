import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthProvider';
import { ApiError } from '../api/problem';
import { AnnouncerProvider } from './Announcer';
import { Layout } from './Layout';
import { AppRoutes } from './routes';
import { ScrollToHash } from './ScrollToHash';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // a 4xx will not change by asking again; a lost connection or a 503 may
        retry: (failures, error) =>
          failures < 2 && (!(error instanceof ApiError) || error.isNetwork || error.status >= 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

export function App({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthProvider>
          <AnnouncerProvider>
            <ScrollToHash />
            <Layout>
              <AppRoutes />
            </Layout>
          </AnnouncerProvider>
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
