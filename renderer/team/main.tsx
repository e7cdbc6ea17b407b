/**
 * The manager's and admin's web app, served by `stint-server` (team.html). It shares the rep's views'
 * i18n, settings (language, theme), components and styles; its data comes from the team server's API
 * over a cookie session (team-client.ts) instead of the recorder's transport.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ApiTransport } from '../../shared/api/contract';
import { AppProvider } from '../app/AppContext';
import { browserStorage } from '../app/storage';
import { createStores } from '../app/stores';
import { browserClock } from '../app/view-clock';
import { createSessionStore } from './session-store';
import { createTeamClient } from './team-client';
import { createTeamNowStore } from './team-now-store';
import { TeamApp } from './TeamApp';
import { TeamProvider } from './TeamContext';
import 'uplot/dist/uPlot.min.css';
import '../styles/theme.css';
import '../styles/layout.css';
import '../styles/components.css';
import '../styles/views.css';
import './team.css';
import './approvals.css';

/** The rep's stores answer nothing here: the team pages use them only for language and theme. */
const noRecorder: ApiTransport = {
  request: async () => ({ ok: false, error: 'The team server has no recorder; this page shows synced data only.' }),
  subscribe: () => () => {},
};

const stores = createStores(noRecorder, {
  clock: browserClock,
  storage: browserStorage(),
  languages: navigator.languages.length > 0 ? navigator.languages : [navigator.language],
});
const client = createTeamClient();
const team = {
  client,
  session: createSessionStore(client),
  teamNow: createTeamNowStore({
    client,
    openEvents: (url) => new EventSource(url),
    now: () => Date.now(),
    mark: (name) => performance.mark(name),
  }),
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider stores={stores} clock={browserClock}>
      <TeamProvider value={team}>
        <TeamApp />
      </TeamProvider>
    </AppProvider>
  </StrictMode>,
);
