import { labelTableCells } from './table-labels';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { CallsView } from '../views/calls/CallsView';
import { ActivityView } from '../views/activity/ActivityView';
import { SalesView } from '../views/sales/SalesView';
import { SettingsView } from '../views/settings/SettingsView';
import { TimelineView } from '../views/timeline/TimelineView';
import { TimesheetView } from '../views/timesheet/TimesheetView';
import { TodayView } from '../views/today/TodayView';
import { useI18n, useStores } from './AppContext';
import { ConnectionBanner } from './ConnectionBanner';
import { Sidebar } from './Sidebar';
import { connectStores } from './stores';
import { useRoute, type Route } from './routes';

const VIEWS: Record<Route, () => React.JSX.Element> = {
  today: TodayView,
  timeline: TimelineView,
  activity: ActivityView,
  calls: CallsView,
  sales: SalesView,
  timesheet: TimesheetView,
  settings: SettingsView,
};

/** The shell: navigation, the recorder's state, and the view the hash names. */
export function App() {
  const stores = useStores();
  const route = useRoute();
  const View = VIEWS[route];
  useDocumentSettings();

  useEffect(() => {
    const main = document.getElementById('main');
    return main ? labelTableCells(main) : undefined;
  }, []);

  useEffect(() => {
    const disconnect = connectStores(stores);
    void stores.status.getState().load();
    void stores.idle.getState().load();
    return disconnect;
  }, [stores]);

  return (
    <div className="app">
      <Sidebar route={route} />
      <main className="content" id="main">
        <ConnectionBanner />
        <View key={route} />
      </main>
    </div>
  );
}

/** Puts the language on <html lang> and the theme on <html data-theme>, and titles the page. */
function useDocumentSettings(): void {
  const { settings } = useStores();
  const theme = useStore(settings, (s) => s.theme);
  const { language, t } = useI18n();
  useEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    document.title = t('app.title');
  }, [language, theme, t]);
}
