import type { ReactNode } from 'react';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (ENTITIES[lower]) return ENTITIES[lower];
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return whole;
  });
}

/**
 * The server's snippet is HTML-escaped text whose matches are wrapped in <mark>…</mark>. It is never given to the DOM
 * as HTML: only those two markers are recognised, everything else becomes text nodes (so a <script> written in a post
 * stays visible text, whatever the server did or did not escape).
 */
export function highlightSnippet(snippet: string | undefined): ReactNode[] {
  if (!snippet) return [];
  const parts = snippet.split(/(<mark>[\s\S]*?<\/mark>)/g);
  return parts
    .filter((part) => part !== '')
    .map((part, index) => {
      const marked = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
      return marked
        ? <mark key={index} className="rounded-4 bg-yellow-200 px-0.5 text-solid-gray-900">{decodeEntities(marked[1])}</mark>
        : <span key={index}>{decodeEntities(part)}</span>;
    });
}
