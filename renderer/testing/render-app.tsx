import { render } from '@testing-library/react';
import { App } from '../app/App';
import { AppProvider } from '../app/AppContext';
import type { Route } from '../app/routes';
import { memoryStorage, type PreferenceStorage } from '../app/storage';
import { createStores } from '../app/stores';
import { createSeededWorld, type FakeWorld } from './seed-world';

export interface RenderAppOptions {
  world?: FakeWorld;
  route?: Route;
  storage?: PreferenceStorage;
  /** navigator.languages as the app would see them; default English. */
  languages?: readonly string[];
  /** As a manager reads a rep's views on the team server (renderer/team/views/RepView.tsx). */
  readOnly?: boolean;
}

/** The whole app on a fake transport, opened at a view (jsdom). */
export function renderApp(options: RenderAppOptions = {}) {
  const world = options.world ?? createSeededWorld();
  const storage = options.storage ?? memoryStorage();
  const stores = createStores(world.transport, { clock: world.clock, storage, languages: options.languages ?? ['en-US'] });
  window.location.hash = `#/${options.route ?? 'today'}`;
  const result = render(
    <AppProvider stores={stores} clock={world.clock} readOnly={options.readOnly ?? false}>
      <App />
    </AppProvider>,
  );
  return { ...result, world, stores, storage };
}
