import type { PostView } from '../../api/generated/posts';
import i18n from '../../i18n';

export type PostKind = NonNullable<PostView['kind']>;

/** The kinds every member may choose, in the order the composer offers them. */
export const MEMBER_KINDS: PostKind[] = ['ISSUE', 'IDEA', 'QUESTION', 'INTRODUCTION', 'DISCUSSION'];
/** Announcements reach every member, so only moderators write them. */
export const MODERATOR_KINDS: PostKind[] = [...MEMBER_KINDS, 'ANNOUNCEMENT'];

export function isPostKind(value: string | null | undefined): value is PostKind {
  return !!value && (MODERATOR_KINDS as string[]).includes(value);
}

/** The self-introduction's headings (所属・担当業務・関心のあるテーマ・ひとこと), in the member's language. */
export function introductionTemplate(): string {
  return i18n.t('posts.composer.introductionTemplate');
}
