import { useMemo } from 'react';
import { marked } from 'marked';
import DOMPurify from 'dompurify';

marked.use({ gfm: true, breaks: true });

/** Escapes `_` inside @handles so that Markdown does not read them as emphasis (@audit_iz5map stays as written). */
export function protectHandles(markdown: string): string {
  return markdown.replace(/@[a-z0-9_]{3,30}/g, (handle) => handle.replace(/_/g, '\\_'));
}

/** Member-written Markdown as safe HTML: no script, no inline handlers, links open as links. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(protectHandles(markdown), { async: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'img'] });
}

export function Markdown({ source, className = '' }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className={`prose-kyoso ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
