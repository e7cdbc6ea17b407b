import { useStore } from 'zustand';
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
  if (!session) return null;
  return (
    <span
      className={`sidebar-timer ${session.kind === 'break' ? 'is-break' : 'is-work'}`}
      title={session.kind === 'break' ? t('session.onBreak') : t('session.working')}
    >
      {f.clock(session.seconds)}
    </span>
  );
}

function RecorderState() {
  const { t } = useI18n();
  const state = useStore(useStores().status, (s) =>
    s.status ? (s.status.recorder.paused ? 'paused' : s.status.recorder.running ? 'running' : 'stopped') : null,
  );
  if (state === null) return null;
  return (
    <p className={`recorder-state ${state === 'running' ? 'is-on' : state === 'paused' ? 'is-paused' : 'is-off'}`}>
      <span className="dot" aria-hidden="true" />
      {t(`recorder.${state}`)}
    </p>
  );
}
