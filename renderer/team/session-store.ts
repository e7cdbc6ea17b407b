/** Who is signed in to the web app: loaded from /api/me, changed by signing in and out. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Me } from '../../shared/team/team-api';
import { TeamApiError, type TeamClient } from './team-client';

export interface SessionState {
  /** undefined while the first /api/me is in flight; null when signed out. */
  me: Me | null | undefined;
  error: string | null;
  /** Why the page asks to sign in again (the session ended elsewhere). */
  notice: 'signed-out' | null;
  load(): Promise<void>;
  /** Resolves to null when signed in, else the server's sentence. */
  signIn(email: string, password: string): Promise<string | null>;
  signOut(): Promise<void>;
}

export type SessionStore = StoreApi<SessionState>;

export function createSessionStore(client: TeamClient): SessionStore {
  const store = createStore<SessionState>()((set) => ({
    me: undefined,
    error: null,
    notice: null,
    async load() {
      try {
        set({ me: await client.me(), error: null });
      } catch (e) {
        set({ me: null, error: e instanceof Error ? e.message : String(e) });
      }
    },
    async signIn(email, password) {
      try {
        const me = await client.login(email, password);
        set({ me, error: null, notice: null });
        return null;
      } catch (e) {
        return e instanceof TeamApiError ? e.message : String(e);
      }
    },
    async signOut() {
      try {
        await client.logout();
      } finally {
        set({ me: null, notice: null });
      }
    },
  }));
  client.onSignedOut = () => {
    if (store.getState().me) store.setState({ me: null, notice: 'signed-out' });
  };
  return store;
}
