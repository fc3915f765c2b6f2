import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireAuth } from '../auth/RequireAuth';
import { Loading } from '../shared/ui/Loading';
import { NotFoundPage } from './NotFoundPage';

// Each screen is its own chunk: a small town's old PC downloads only what the page it opens needs.
const HomePage = lazy(() => import('../features/home/HomePage'));
const RegisterPage = lazy(() => import('../features/auth/RegisterPage'));
const VerifyPage = lazy(() => import('../features/auth/VerifyPage'));
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const WelcomePage = lazy(() => import('../features/onboarding/WelcomePage'));
const ChannelPage = lazy(() => import('../features/channels/ChannelPage'));
const ComposerPage = lazy(() => import('../features/posts/ComposerPage'));
const PostPage = lazy(() => import('../features/posts/PostPage'));
const SearchPage = lazy(() => import('../features/search/SearchPage'));
const NotificationsPage = lazy(() => import('../features/notifications/NotificationsPage'));
const NotificationSettingsPage = lazy(() => import('../features/settings/NotificationSettingsPage'));
const AccountSettingsPage = lazy(() => import('../features/settings/AccountSettingsPage'));
const MemberProfilePage = lazy(() => import('../features/members/MemberProfilePage'));
const DirectoryPage = lazy(() => import('../features/members/DirectoryPage'));
const ConsolePage = lazy(() => import('../features/console/ConsolePage'));
const SessionsPage = lazy(() => import('../features/sessions/SessionsPage'));
const SessionPage = lazy(() => import('../features/sessions/SessionPage'));
const HandoverPage = lazy(() => import('../features/handover/HandoverPage'));

function signedIn(page: ReactNode) {
  return <RequireAuth>{page}</RequireAuth>;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/verify" element={<VerifyPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/welcome" element={signedIn(<WelcomePage />)} />
        <Route path="/channels/:slug" element={signedIn(<ChannelPage />)} />
        <Route path="/posts/new" element={signedIn(<ComposerPage />)} />
        <Route path="/posts/:id" element={signedIn(<PostPage />)} />
        <Route path="/search" element={signedIn(<SearchPage />)} />
        <Route path="/notifications" element={signedIn(<NotificationsPage />)} />
        <Route path="/settings/notifications" element={signedIn(<NotificationSettingsPage />)} />
        <Route path="/settings/account" element={signedIn(<AccountSettingsPage />)} />
        <Route path="/members" element={signedIn(<DirectoryPage />)} />
        <Route path="/members/:id" element={signedIn(<MemberProfilePage />)} />
        <Route path="/sessions" element={signedIn(<SessionsPage />)} />
        <Route path="/sessions/:id" element={signedIn(<SessionPage />)} />
        <Route path="/console" element={signedIn(<ConsolePage />)} />
        <Route path="/handover" element={signedIn(<HandoverPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
