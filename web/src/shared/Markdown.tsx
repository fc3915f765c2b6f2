import { useMemo } from 'react';
import { Marked, type Tokens, type TokenizerAndRendererExtension } from 'marked';
import DOMPurify from 'dompurify';

// The same rules as posts-service's MentionParser, so what looks like a mention is what notifies someone:
// @ or ＠, 3-30 of [A-Za-z0-9_], not inside an address or URL, not followed by a domain or another @.
const HANDLE = /^[@＠]([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_]|[@＠]|[.-][A-Za-z0-9_])/;
const PART_OF_ADDRESS = /[A-Za-z0-9_.\-+%/@＠=~]/;

function mayStartMention(previous: string | undefined): boolean {
  return previous === undefined || previous === '' || !PART_OF_ADDRESS.test(previous);
}

// Only the renderer knows this per-load value, so a member cannot write HTML that passes for a mention.
const MENTION_MARK = `kyoso-mention-${Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('')}`;

interface MentionToken extends Tokens.Generic {
  type: 'mention';
  raw: string;
}

const mention: TokenizerAndRendererExtension = {
  name: 'mention',
  level: 'inline',
  // where the text before a mention has to stop; whether it is one is decided by the tokenizer
  start(src) {
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if ((c === '@' || c === '＠') && (i === 0 || mayStartMention(src[i - 1])) && HANDLE.test(src.slice(i))) return i;
    }
    return undefined;
  },
  tokenizer(src, tokens): MentionToken | undefined {
    const match = HANDLE.exec(src);
    if (!match) return undefined;
    const before = tokens.at(-1)?.raw.slice(-1);
    if (!mayStartMention(before)) return undefined;
    return { type: 'mention', raw: match[0] };
  },
  renderer(token) {
    // the raw text is only @ and handle characters: nothing to escape, and nothing else from the input gets here
    return `<span class="${MENTION_MARK}">${token.raw}</span>`;
  },
};

const markdown = new Marked({ gfm: true, breaks: true }, {
  extensions: [mention],
  renderer: {
    // the page has its one h1 and its section h2s; a post's own headings sit below them
    heading({ tokens, depth }) {
      const level = Math.min(depth + 2, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // no form controls in member content: a task list shows its state as a character
    checkbox({ checked }) {
      return checked ? '☑' : '☐';
    },
  },
});

// A purifier of its own, so these hooks and limits apply to member content and nothing else.
const purifier = DOMPurify(window);
const ALLOWED_TAGS = [
  'p', 'a', 'em', 'strong', 'del', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote',
  'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
];
// http(s), mailto and relative addresses; javascript:, data: and every other scheme lose their href
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

// Hooks are registered once, when this module loads; no other class survives (class is not an allowed attribute).
purifier.addHook('uponSanitizeAttribute', (node, attribute) => {
  if (attribute.attrName === 'class' && node.nodeName === 'SPAN' && attribute.attrValue === MENTION_MARK) {
    attribute.forceKeepAttr = true;
  }
});
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'SPAN' && node.getAttribute('class') === MENTION_MARK) node.setAttribute('class', 'mention');
  if (node.nodeName === 'A') node.setAttribute('rel', 'ugc nofollow noopener noreferrer');
});

/** Member-written Markdown as safe HTML: only what Markdown itself produces, no raw forms, styles, ids or scripts. */
export function renderMarkdown(source: string): string {
  const html = markdown.parse(source, { async: false });
  return purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP,
  });
}

export function Markdown({ source, className = '' }: { source: string; className?: string }) {
  // the same object while the source is the same: React then leaves the DOM (and a reader's text selection) alone
  const html = useMemo(() => ({ __html: renderMarkdown(source) }), [source]);
  return <div className={`prose-kyoso ${className}`} dangerouslySetInnerHTML={html} />;
}
