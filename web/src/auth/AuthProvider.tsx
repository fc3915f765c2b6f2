import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { session, type Claims } from './session';

interface AuthState {
  /** null while the stored session is being restored */
  ready: boolean;
  member: Claims | null;
}

const AuthContext = createContext<AuthState>({ ready: false, member: null });

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ ready: false, member: session.current() });

  useEffect(() => {
    const unsubscribe = session.subscribe((member) => setState({ ready: true, member }));
    session
      .restore()
      .catch(() => null)
      .then((member) => setState({ ready: true, member }));
    return unsubscribe;
  }, []);

  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
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
