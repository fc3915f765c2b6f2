/** 関心のあるテーマ as typed: separated by 、, comma (half- or full-width) or newline; no duplicates, no blanks. */
export function parseInterests(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[、,，\n]/)) {
    const interest = part.trim().replace(/^#/, '');
    if (interest) seen.add(interest);
  }
  return [...seen];
}
