import type { Status } from '../../../shared/api/results';
import type { SessionState } from '../../../shared/recording/session-machine';

export function sessionStateOf(status: Status | null): SessionState | null {
  if (!status) return null;
  if (!status.session) return 'off';
  return status.session.kind === 'work' ? 'working' : 'on-break';
}
