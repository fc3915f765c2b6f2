import type { HandoverView, OwnProfile } from '../../../api/generated/members';
import type { TestClaims } from '../../auth/testing/token';
import type { HandoverThread } from '../handoverApi';
import { todayInJapan } from '../dates';

/** A day `n` days before today in Japan, as YYYY-MM-DD. */
export function daysAgo(n: number): string {
  return todayInJapan(new Date(Date.now() - n * 86_400_000));
}

/** 儀間さん: children's-section lead at Kumejima who moved to the prefectural office ten days ago. */
export const gimaClaims: TestClaims = { sub: 'm-gima', handle: 'gima_sakura', name: '儀間 さくら' };
export const kodaClaims: TestClaims = { sub: 'm-koda', handle: 'koda_mai', name: '幸田 舞' };

export function gimaProfile(overrides: Partial<OwnProfile> = {}): OwnProfile {
  return {
    id: 'm-gima',
    handle: 'gima_sakura',
    displayName: '儀間 さくら',
    email: 'gima@pref.okinawa.lg.jp',
    organization: '沖縄県庁',
    organizationCode: '470007',
    prefecture: '沖縄県',
    department: 'こども家庭課',
    positionFrom: daysAgo(10),
    history: [
      { organization: '久米島町', organizationCode: '473618', department: '福祉課 子ども支援係', from: '2021-04-01', to: daysAgo(11) },
    ],
    roles: ['MEMBER'],
    status: 'ACTIVE',
    ...overrides,
  };
}

/** 幸田さん: her successor at Kumejima, on her first day. */
export function kodaProfile(overrides: Partial<OwnProfile> = {}): OwnProfile {
  return {
    id: 'm-koda',
    handle: 'koda_mai',
    displayName: '幸田 舞',
    email: 'koda@town.kumejima.lg.jp',
    organization: '久米島町',
    organizationCode: '473618',
    prefecture: '沖縄県',
    department: '福祉課 子ども支援係',
    positionFrom: '2023-04-01',
    history: [],
    roles: ['MEMBER'],
    status: 'ACTIVE',
    ...overrides,
  };
}

export function receivedHandover(overrides: Partial<HandoverView> = {}): HandoverView {
  return {
    id: 'h-1',
    predecessor: { id: 'm-gima', displayName: '儀間 さくら', organization: '沖縄県庁' },
    successor: { id: 'm-koda', displayName: '幸田 舞', organization: '久米島町' },
    status: 'ACTIVE',
    position: { organization: '久米島町', organizationCode: '473618', department: '福祉課 子ども支援係', from: '2021-04-01', to: '2026-03-31' },
    note: '児童手当の現況届の件は、県の担当（新里さん）に相談中です。',
    namedAt: '2026-03-20T01:00:00Z',
    boundAt: '2026-03-21T01:00:00Z',
    introductionDraft: {
      channel: 'introductions',
      kind: 'INTRODUCTION',
      title: '久米島町 福祉課 子ども支援係を引き継ぎました',
      body: 'はじめまして、幸田 舞です。儀間 さくらさんの後任として、久米島町 福祉課 子ども支援係の仕事を引き継ぎました。',
    },
    ...overrides,
  };
}

export function thread(postId: string, title: string, overrides: Partial<HandoverThread> = {}): HandoverThread {
  return {
    postId,
    title,
    kind: 'QUESTION',
    channel: 'general',
    createdAt: '2025-10-01T01:00:00Z',
    lastActivityAt: '2026-03-01T01:00:00Z',
    replyCount: 2,
    solved: false,
    open: false,
    role: 'ASKED',
    ...overrides,
  };
}
