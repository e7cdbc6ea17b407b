import type { ReactNode } from 'react';

/** What just went right, read out as it appears (role=status); nothing while there is nothing to say. */
export function OkNote({ children }: { children: ReactNode }) {
  return children ? (
    <p className="ok-note" role="status">
      {children}
    </p>
  ) : null;
}
