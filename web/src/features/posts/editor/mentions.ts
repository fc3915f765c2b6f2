/** The mention being typed just before the caret: `@` at a word start followed by what is typed so far. */
export interface MentionQuery {
  /** index of the `@` */
  start: number;
  /** index of the caret */
  end: number;
  text: string;
}

// A handle is [a-z0-9_], but people also look colleagues up by their Japanese name ("@前田"), which the member search
// finds too. An `@` inside a word (an email address) does not start a mention.
const TYPING_MENTION = /(^|[^A-Za-z0-9_.@])@([^\s@]{1,30})$/;

export function mentionBeforeCaret(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = TYPING_MENTION.exec(before);
  if (!match) return null;
  const typed = match[2];
  return { start: caret - typed.length - 1, end: caret, text: typed };
}

export function insertMention(text: string, query: MentionQuery, handle: string): { text: string; caret: number } {
  const inserted = `@${handle} `;
  const rest = text.slice(query.end).replace(/^ /, '');
  return { text: text.slice(0, query.start) + inserted + rest, caret: query.start + inserted.length };
}
