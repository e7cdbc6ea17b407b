import { useI18n } from '../../app/AppContext';
import { ErrorNote } from '../../components/ErrorNote';
import { Rich } from '../../components/Rich';
import { ViewHeader } from '../../components/ViewHeader';
import type { MessageKey } from '../../i18n/en';
import { SETUP_SCHEMA } from '../../../shared/team/team-api';
import { useTeam } from '../TeamContext';
import { teamHref, type TeamPage } from '../team-routes';
import { useLoad } from '../use-load';

/** The admin's first-run page: what to do next, each step ticked off from what the server holds. */
export function SetupView() {
  const { t } = useI18n();
  const { client } = useTeam();
  const { data, error } = useLoad(() => client.get('/api/setup', SETUP_SCHEMA), [client]);
  const steps: { done: boolean; title: MessageKey; hint: MessageKey; page: TeamPage; pageLabel: MessageKey }[] = data
    ? [
        { done: data.teams > 0, title: 'setup.team', hint: 'setup.teamHint', page: 'teams', pageLabel: 'team.nav.teams' },
        { done: data.managers > 0, title: 'setup.manager', hint: 'setup.managerHint', page: 'users', pageLabel: 'team.nav.users' },
        { done: data.devices > 0 || data.openCodes > 0, title: 'setup.codes', hint: 'setup.codesHint', page: 'users', pageLabel: 'team.nav.users' },
      ]
    : [];
  return (
    <section className="view" aria-labelledby="setup-title">
      <ViewHeader
        title={t('setup.title')}
        subtitle={
          data
            ? t('setup.counts', { teams: data.teams, managers: data.managers, reps: data.reps, devices: data.devices, codes: data.openCodes })
            : t('setup.subtitle')
        }
      />
      <ErrorNote message={error} />
      <ol className="setup-steps">
        {steps.map((s, i) => (
          <li key={s.title} className={`card setup-step ${s.done ? 'is-done' : 'is-todo'}`}>
            <span className="step-number" aria-hidden="true">
              {s.done ? '✓' : i + 1}
            </span>
            <div className="step-body">
              <h2>
                {t(s.title)} <span className={`badge ${s.done ? 'badge-done' : 'badge-todo'}`}>{t(s.done ? 'setup.done' : 'setup.todo')}</span>
              </h2>
              <p>
                <Rich text={t(s.hint)} />
              </p>
              <a className="button-link" href={teamHref(s.page)}>
                {t('setup.open', { page: t(s.pageLabel) })}
              </a>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
