// The logged-in user, shared by the app shell (App.tsx provides it) and the pages (useSession()).
// Its own module so that the pages do not import App.tsx, which imports them.
import { createContext, useContext } from 'react';
import type { User } from './api.ts';

export interface Session {
  user: User | null;
  setUser: (u: User | null) => void;
}
export const SessionCtx = createContext<Session>({ user: null, setUser: () => {} });
export const useSession = () => useContext(SessionCtx);
