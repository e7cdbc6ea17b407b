import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProvider } from './app/AppContext';
import { chooseTransport } from './app/choose-transport';
import { browserStorage } from './app/storage';
import { createStores, type Stores } from './app/stores';
import { browserClock } from './app/view-clock';
import 'uplot/dist/uPlot.min.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/views.css';

let stores: Stores | null = null;
const transport = chooseTransport(window, (connected) => stores?.status.getState().setConnected(connected));
stores = createStores(transport, {
  clock: browserClock,
  storage: browserStorage(),
  languages: navigator.languages.length > 0 ? navigator.languages : [navigator.language],
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider stores={stores} clock={browserClock}>
      <App />
    </AppProvider>
  </StrictMode>,
);
