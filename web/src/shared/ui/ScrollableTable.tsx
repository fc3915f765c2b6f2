import type { ReactNode } from 'react';

/**
 * A wide table on a narrow screen scrolls sideways inside this box; the box takes keyboard focus and is named like the
 * table, so a keyboard user can scroll it too (WCAG 2.1.1).
 */
export function ScrollableTable({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
