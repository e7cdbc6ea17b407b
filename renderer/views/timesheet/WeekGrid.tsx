import type { ResponseMap } from '../../../shared/api/contract';
import type { OvertimeRules, TimeTotals } from '../../../shared/timesheet/types';
import { useI18n } from '../../app/AppContext';

type Sheet = ResponseMap['timesheet.get'];

/**
 * The week by local day: first in, last out, and worked time split the way the overtime rules pay it
 * (regular and overtime under FLSA, double time too under California; just worked without rules), and the
 * parts of worked time entered by hand, claimed from idle, or idle with no answer yet.
 */
export function WeekGrid({ sheet, rules, todayDate }: { sheet: Sheet; rules: OvertimeRules; todayDate: string }) {
  const { t, f } = useI18n();
  const split = rules !== 'none';
  const double = rules === 'california';
  // In a narrow window the optional columns go; without rules there is room for breaks and manual time.
  const extra = split ? 'num col-optional' : 'num';
  const d = (seconds: number) => (seconds === 0 ? <span className="muted">—</span> : f.duration(seconds));
  const cells = (x: TimeTotals) => (
    <>
      <td className="num strong">{d(x.workedSeconds)}</td>
      {split ? <td className="num">{d(x.regularSeconds)}</td> : null}
      {split ? <td className={`num${x.overtimeSeconds > 0 ? ' overtime' : ''}`}>{d(x.overtimeSeconds)}</td> : null}
      {double ? <td className={`num${x.doubleTimeSeconds > 0 ? ' overtime' : ''}`}>{d(x.doubleTimeSeconds)}</td> : null}
      <td className={extra}>{d(x.breakSeconds)}</td>
      <td className={extra}>{d(x.manualSeconds)}</td>
      <td className="num col-optional">{d(x.claimedIdleSeconds)}</td>
      <td className="num col-optional">{d(x.unconfirmedIdleSeconds)}</td>
    </>
  );
  return (
    <div className="table-scroll">
      <table className="table week-grid" aria-label={t('timesheet.week')}>
        <thead>
          <tr>
            <th>{t('timesheet.day')}</th>
            <th className="num col-optional">{t('timesheet.in')}</th>
            <th className="num col-optional">{t('timesheet.out')}</th>
            <th className="num">{t('timesheet.worked')}</th>
            {split ? <th className="num">{t('timesheet.regular')}</th> : null}
            {split ? <th className="num">{t('timesheet.overtime')}</th> : null}
            {double ? <th className="num">{t('timesheet.doubleTime')}</th> : null}
            <th className={extra}>{t('timesheet.breaks')}</th>
            <th className={extra}>{t('timesheet.manual')}</th>
            <th className="num col-optional">{t('timesheet.claimedIdle')}</th>
            <th className="num col-optional">{t('timesheet.unconfirmedIdle')}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.days.map((day) => (
            <tr key={day.date} className={day.date === todayDate ? 'is-today' : undefined} data-date={day.date}>
              <th scope="row">{f.date(day.date)}</th>
              <td className="num col-optional">{day.firstStart === null ? <span className="muted">—</span> : f.time(day.firstStart, day.timeZone)}</td>
              <td className="num col-optional">{day.lastEnd === null ? <span className="muted">—</span> : f.time(day.lastEnd, day.timeZone)}</td>
              {cells(day)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('timesheet.total')}</th>
            <td className="col-optional" />
            <td className="col-optional" />
            {cells(sheet.totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
