import { Fragment } from 'react';

/** A message with `command` parts shown as code (translations keep commands in backticks). */
export function Rich({ text }: { text: string }) {
  const parts = text.split('`');
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}</>;
}
