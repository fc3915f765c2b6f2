import type { ReactNode } from 'react';

/** One part of the console: a region named by its h2, which the console's own navigation links to. */
export function ConsoleSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mb-10 scroll-mt-4">
      <h2 id={`${id}-heading`} className="section-title mb-3 border-b border-solid-gray-200 pb-2">
        {title}
      </h2>
      <div id={id}>{children}</div>
    </section>
  );
}
