import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { session, type Claims } from './session';

interface AuthState {
  /** false while the stored session is being restored */
  ready: boolean;
  member: Claims | null;
  /** the member was signed in, but the server could not be reached to say whether they still are */
  unreachable: boolean;
  retry: () => void;
}

const AuthContext = createContext<AuthState>({ ready: false, member: null, unreachable: false, retry: () => {} });

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState({ ready: false, member: session.current(), unreachable: false });

  const restore = useCallback(() => {
    session
      .restore()
      .catch(() => null)
      .then((result) => {
        if (result === 'unreachable') setState({ ready: true, member: null, unreachable: true });
        else setState({ ready: true, member: result, unreachable: false });
      });
  }, []);

  useEffect(() => {
    const unsubscribe = session.subscribe((member) => {
      // whoever signs in next on this browser must not see this member's cached data
      if (!member) queryClient.clear();
      setState({ ready: true, member, unreachable: false });
    });
    restore();
    return unsubscribe;
  }, [queryClient, restore]);

  useEffect(() => {
    if (!state.unreachable) return;
    window.addEventListener('online', restore);
    return () => window.removeEventListener('online', restore);
  }, [state.unreachable, restore]);

  return <AuthContext.Provider value={{ ...state, retry: restore }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  return useContext(AuthContext);
}

export function useMember(): Claims {
  const { member } = useAuth();
  if (!member) throw new Error('useMember outside a signed-in route');
  return member;
}

export function isModerator(member: Claims | null): boolean {
  return !!member && (member.roles.includes('MODERATOR') || member.roles.includes('ADMIN'));
}
