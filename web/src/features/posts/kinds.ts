import type { PostView } from '../../api/generated/posts';

export type PostKind = NonNullable<PostView['kind']>;

/** The kinds every member may choose, in the order the composer offers them. */
export const MEMBER_KINDS: PostKind[] = ['ISSUE', 'IDEA', 'QUESTION', 'INTRODUCTION', 'DISCUSSION'];
/** Announcements reach every member, so only moderators write them. */
export const MODERATOR_KINDS: PostKind[] = [...MEMBER_KINDS, 'ANNOUNCEMENT'];

export function isPostKind(value: string | null | undefined): value is PostKind {
  return !!value && (MODERATOR_KINDS as string[]).includes(value);
}

export const INTRODUCTION_TEMPLATE = '## 所属\n\n## 担当業務\n\n## 関心のあるテーマ\n\n## ひとこと\n';
