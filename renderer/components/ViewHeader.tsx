import type { ReactNode } from 'react';

export function ViewHeader({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <div className="view-head">
      <div className="view-title">
        <h1>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
      </div>
      {children ? <div className="view-actions">{children}</div> : null}
    </div>
  );
}
