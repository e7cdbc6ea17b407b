import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useI18n, useStores } from '../app/AppContext';
import { EmptyState } from '../components/EmptyState';
import type { MessageKey } from '../i18n/en';
import { useTeam } from './TeamContext';
import { teamHref, teamRouteOf, useTeamHash, type RepTab, type TeamPage } from './team-routes';
import { AccountView } from './views/AccountView';
import { ApprovalsView } from './views/ApprovalsView';
import { AuditView } from './views/AuditView';
import { DevicesView } from './views/DevicesView';
import { PayrollView } from './views/PayrollView';
import { PayView } from './views/PayView';
import { ImportsView } from './views/ImportsView';
import { PolicyView } from './views/PolicyView';
import { RepView } from './views/RepView';
import { ReportsView } from './views/ReportsView';
import { SalesView } from './views/SalesView';
import { SetupView } from './views/SetupView';
import { SignInView } from './views/SignInView';
import { TeamNowView } from './views/TeamNowView';
import { TeamsView } from './views/TeamsView';
import { UsersView } from './views/UsersView';

const NAV: Record<'admin' | 'manager', TeamPage[]> = {
  admin: ['setup', 'now', 'reports', 'sales', 'imports', 'approvals', 'payroll', 'pay', 'users', 'teams', 'devices', 'policy', 'audit', 'account'],
  manager: ['now', 'reports', 'sales', 'imports', 'approvals', 'devices', 'policy', 'account'],
};
const LABELS: Record<Exclude<TeamPage, 'rep'>, MessageKey> = {
  now: 'team.nav.now',
  setup: 'team.nav.setup',
  users: 'team.nav.users',
  teams: 'team.nav.teams',
  devices: 'team.nav.devices',
  policy: 'team.nav.policy',
  reports: 'team.nav.reports',
  account: 'team.nav.account',
  approvals: 'team.nav.approvals',
  audit: 'team.nav.audit',
  payroll: 'team.nav.payroll',
  pay: 'team.nav.pay',
  imports: 'team.nav.imports',
  sales: 'team.nav.sales',
};

/** The shell: sign-in when signed out; else the navigation for the role and the page the hash names. */
export function TeamApp() {
  const { session } = useTeam();
  const me = useStore(session, (s) => s.me);
  const hash = useTeamHash();
  const { t } = useI18n();
  useDocumentSettings();
  useEffect(() => {
    void session.getState().load();
  }, [session]);

  if (me === undefined) return <p className="team-loading muted">{t('common.loading')}</p>;
  if (me === null) return <SignInView />;
  const role = me.user.role;
  if (role === 'rep') {
    return (
      <main className="sign-in">
        <div className="card sign-in-card">
          <EmptyState title={t('signIn.repHint')} />
          <SignOutButton />
        </div>
      </main>
    );
  }
  const route = teamRouteOf(hash);
  const page: TeamPage = route.page && (route.page === 'rep' || NAV[role].includes(route.page)) ? route.page : NAV[role][0]!;
  return (
    <div className="app team-app">
      <header className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <nav className="nav" aria-label={t('team.nav.label')}>
          {NAV[role].map((p) => (
            <a key={p} href={teamHref(p)} className="nav-link" aria-current={p === page || (page === 'rep' && p === 'now') ? 'page' : undefined}>
              {t(LABELS[p as Exclude<TeamPage, 'rep'>])}
            </a>
          ))}
        </nav>
        <div className="team-user">
          <span className="team-user-name" title={me.user.email}>
            {me.user.name}
            <span className="muted small"> · {t(`team.role.${role}`)}</span>
          </span>
          <SignOutButton />
        </div>
      </header>
      <main className="content" id="main">
        <Page page={page} repId={route.id} repTab={route.tab ?? 'overview'} />
      </main>
    </div>
  );
}

function Page({ page, repId, repTab }: { page: TeamPage; repId: number | null; repTab: RepTab }) {
  switch (page) {
    case 'now':
      return <TeamNowView />;
    case 'rep':
      return <RepView key={repId} id={repId!} tab={repTab} />;
    case 'setup':
      return <SetupView />;
    case 'users':
      return <UsersView />;
    case 'teams':
      return <TeamsView />;
    case 'devices':
      return <DevicesView />;
    case 'policy':
      return <PolicyView />;
    case 'reports':
      return <ReportsView />;
    case 'account':
      return <AccountView />;
    case 'approvals':
      return <ApprovalsView />;
    case 'audit':
      return <AuditView />;
    case 'payroll':
      return <PayrollView />;
    case 'pay':
      return <PayView />;
    case 'imports':
      return <ImportsView />;
    case 'sales':
      return <SalesView />;
  }
}

function SignOutButton() {
  const { session } = useTeam();
  const { t } = useI18n();
  return (
    <button type="button" className="link" onClick={() => void session.getState().signOut()}>
      {t('team.signOut')}
    </button>
  );
}

function useDocumentSettings(): void {
  const { settings } = useStores();
  const theme = useStore(settings, (s) => s.theme);
  const { language, t } = useI18n();
  useEffect(() => {
    const root = document.documentElement;
    root.lang = language;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    document.title = t('team.app.title');
  }, [language, theme, t]);
}
