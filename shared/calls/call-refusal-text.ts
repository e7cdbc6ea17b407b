import type { CallRefusal } from './call-refusal';

const START_HINT = '`stint calls start --direction in` or `stint calls start --direction out`';

/**
 * A call refusal in English with the `stint calls` command that gets the rep further: what the CLI prints
 * and the API's `error` message (the views word refusals themselves, from the code).
 */
export function callRefusalText(r: CallRefusal): string {
  switch (r.code) {
    case 'no-call': {
      const what = r.action === 'hold' ? 'put on hold' : r.action === 'end' ? 'end' : 'cancel';
      return `No call is in progress, so there is nothing to ${what}. Start one with ${START_HINT}.`;
    }
    case 'not-on-hold':
      return 'No call is on hold. Use `stint calls resume` only after `stint calls hold`.';
    case 'no-ended-call':
      return 'No call has ended, so there is no after-call work to finish. Use `stint calls wrap` after `stint calls end`.';
    case 'call-in-progress':
      return r.status === 'on-hold'
        ? 'A call is on hold; Stint tracks one call at a time. End it with `stint calls end` before starting another.'
        : 'A call is already in progress; Stint tracks one call at a time. End it with `stint calls end` ' +
            '(or `stint calls cancel` if it never connected) before starting another.';
    case 'call-still-going':
      return r.status === 'on-hold'
        ? 'The call is on hold and still going. End it with `stint calls end` first; after-call work starts then.'
        : 'The call is still going. End it with `stint calls end` first; after-call work starts then.';
    case 'cancel-connected':
      return r.status === 'on-hold'
        ? 'This call is on hold, so it connected and cannot be cancelled as unanswered. End it with `stint calls end`.'
        : 'This call has been on hold, so it connected and cannot be cancelled as unanswered. End it with `stint calls end`.';
    case 'already-on-hold':
      return 'The call is already on hold. Use `stint calls resume` to take it off hold.';
    case 'call-ended':
      if (r.action === 'resume') return 'The call has ended and cannot be resumed. Finish after-call work with `stint calls wrap`, or start the next call.';
      if (r.action === 'cancel') return 'The call has already ended, so it cannot be cancelled. Finish after-call work with `stint calls wrap`.';
      return 'The call has ended and you are in after-call work. Finish it with `stint calls wrap`, or start the next call.';
    case 'already-ended':
      return 'The call has already ended. Finish after-call work with `stint calls wrap`.';
    case 'out-of-order':
      return (
        `\`${r.action}\` at ${new Date(r.atMs).toISOString()} is before the call's last event at ${new Date(r.lastEventMs).toISOString()}; ` +
        'call actions must come in time order.'
      );
    case 'invalid-time':
      return `The time of \`${r.action}\` is not a valid instant.`;
    case 'invalid-direction':
      return 'A call\'s direction must be "in" or "out".';
    case 'unknown-action':
      return `Unknown call action "${r.action}".`;
  }
}
