import type { ChannelView, PostView, ReplyView } from '../../../api/generated/posts';
import type { TestClaims } from '../../auth/testing/token';

/** The member the posts tests sign in as (with signIn from auth/testing): `signIn(api, hanakoClaims)`. */
export const hanako = {
  memberId: 'm-hanako',
  handle: 'maeda_hanako',
  displayName: '前田 花子',
  roles: ['MEMBER'],
};

export const hanakoClaims: TestClaims = {
  sub: hanako.memberId,
  handle: hanako.handle,
  name: hanako.displayName,
  roles: hanako.roles,
};

export const channelsFixture: ChannelView[] = [
  { id: 'introductions', slug: 'introductions', name: '自己紹介', description: 'はじめまして、の投稿はこちらへ / Introduce yourself here', postingPolicy: 'OPEN', postCount: 4 },
  { id: 'general', slug: 'general', name: '雑談', description: '業務の悩みや話題を気軽に / Anything work-related, casually', postingPolicy: 'OPEN', postCount: 5 },
  { id: 'announcements', slug: 'announcements', name: 'お知らせ', description: '運営からのお知らせ / Announcements', postingPolicy: 'MODERATORS', postCount: 1 },
];

export function postFixture(overrides: Partial<PostView> = {}): PostView {
  return {
    id: 'p1',
    channel: 'general',
    kind: 'QUESTION',
    title: '住民票のコンビニ交付について',
    body: '導入した自治体の方、**窓口業務**はどう変わりましたか？',
    tags: ['住民票', '窓口'],
    author: { id: 'm-sato', displayName: '佐藤 一郎', organization: '北町役場', former: false },
    createdAt: '2026-11-20T01:00:00Z',
    editedAt: undefined,
    replyCount: 0,
    reactions: {},
    hidden: false,
    ...overrides,
  };
}

export function replyFixture(n: number, overrides: Partial<ReplyView> = {}): ReplyView {
  return {
    id: `r${n}`,
    postId: 'p1',
    body: `返信その${n}`,
    author: { id: 'm-suzuki', displayName: '鈴木 二郎', organization: '南市役所', former: false },
    createdAt: `2026-11-20T0${Math.min(n, 9)}:30:00Z`,
    ...overrides,
  };
}
