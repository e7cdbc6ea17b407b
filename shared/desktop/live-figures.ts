import type { Status } from '../api/results';
import type { SessionKind } from '../recording/records';

/** The figures a rep watches live, as the tray, the sidebar and the Today timer all show them. */
export interface LiveFigures {
  /** The open session's kind; null when clocked out. */
  kind: SessionKind | null;
  /** Today's worked time (status.today's, the Work card's and the timesheet's figure), standing still while the rep is idle. */
  todaySeconds: number;
  /** Today's breaks: the big timer shows these while on a break. */
  breakSeconds: number;
  /** The current stretch: since the session began, standing still where an idle stretch in a work session began; null outside a session. */
  stretchSeconds: number | null;
  /** Where the idle stretch of a work session began; null when the rep is not idle at work. */
  idleSinceMs: number | null;
}

/** One computation of the live figures from a status, for every place that shows them. */
export function liveFigures(status: Status | null): LiveFigures {
  const session = status?.session ?? null;
  const idleSinceMs = session?.kind === 'work' ? (status?.idleSinceMs ?? null) : null;
  return {
    kind: session?.kind ?? null,
    todaySeconds: status?.today.timerSeconds ?? 0,
    breakSeconds: status?.today.breakSeconds ?? 0,
    stretchSeconds: session === null ? null : idleSinceMs === null ? session.seconds : Math.max(0, idleSinceMs - session.startMs) / 1000,
    idleSinceMs,
  };
}
