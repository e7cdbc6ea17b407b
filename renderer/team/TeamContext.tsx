import { createContext, useContext, type ReactNode } from 'react';
import type { SessionStore } from './session-store';
import type { TeamClient } from './team-client';
import type { TeamNowStore } from './team-now-store';

export interface TeamServices {
  client: TeamClient;
  session: SessionStore;
  teamNow: TeamNowStore;
  /** The viewer's IANA zone, for times of day (last seen, saved at). */
  zone: string;
}

const TeamContext = createContext<TeamServices | null>(null);

export function TeamProvider({ value, children }: { value: TeamServices; children: ReactNode }) {
  return <TeamContext.Provider value={value}>{children}</TeamContext.Provider>;
}

export function useTeam(): TeamServices {
  const value = useContext(TeamContext);
  if (!value) throw new Error('The team pages need a <TeamProvider>.');
  return value;
}
