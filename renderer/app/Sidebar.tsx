import { useEffect } from 'react';
import { useStore } from 'zustand';
import { stretchSeconds } from '../stores/status-store';
import type { MessageKey } from '../i18n/en';
import { useI18n, useStores } from './AppContext';
import { ROUTES, hrefOf, type Route } from './routes';

const LABELS: Record<Route, MessageKey> = {
  today: 'nav.today',
  timeline: 'nav.timeline',
  activity: 'nav.activity',
  calls: 'nav.calls',
  sales: 'nav.sales',
  timesheet: 'nav.timesheet',
  settings: 'nav.settings',
};

/** Navigation: a sidebar on a wide window, a top bar in the tray popover. */
export function Sidebar({ route }: { route: Route }) {
  const { t } = useI18n();
  return (
    <header className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
        <SidebarTimer />
      </div>
      <nav className="nav" aria-label={t('nav.label')}>
        {ROUTES.map((r) => (
          <a key={r} href={hrefOf(r)} className="nav-link" aria-current={r === route ? 'page' : undefined}>
            {t(LABELS[r])}
          </a>
        ))}
      </nav>
      <RecorderState />
    </header>
  );
}

/** The running session in the navigation, so it stays visible on every view. */
function SidebarTimer() {
  const { f, t } = useI18n();
  const session = useStore(useStores().status, (s) => s.status?.session ?? null);
  // Like the big timer's stretch, it stands still while the rep is idle.
  const seconds = useStore(useStores().status, (s) => stretchSeconds(s.status));
  if (!session || seconds === null) return null;
  return (
    <span
      className={`sidebar-timer ${session.kind === 'break' ? 'is-break' : 'is-work'}`}
      title={session.kind === 'break' ? t('session.onBreak') : t('session.working')}
    >
      {f.clock(seconds)}
    </span>
  );
}

/** Whether the recorder records: running, paused, stopped, or running but not recording because the rep is clocked out or on a break. */
function RecorderState() {
  const { t } = useI18n();
  const stores = useStores();
  const outside = useStore(stores.workSettings, (s) => s.settings?.recordOutsideSessions ?? false);
  useEffect(() => {
    if (stores.workSettings.getState().settings === null) void stores.workSettings.getState().load();
  }, [stores]);
  const state = useStore(stores.status, (s) => {
    const status = s.status;
    if (!status) return null;
    if (status.recorder.paused) return 'paused';
    if (!status.recorder.running) return 'stopped';
    if (status.session?.kind === 'work') return 'running';
    if (outside) return 'private';
    return status.session ? 'onBreak' : 'clockedOut';
  });
  if (state === null) return null;
  const tone = state === 'running' ? 'is-on' : state === 'paused' || state === 'private' ? 'is-paused' : 'is-off';
  return (
    <p className={`recorder-state ${tone}`} data-testid="recorder-state">
      <span className="dot" aria-hidden="true" />
      {t(`recorder.${state}`)}
    </p>
  );
}
