import type { TestInfo } from '@playwright/test';
import { runId } from './env';

/** A person from the seed story (../../shared/seed), made unique for this run and this project. */
export interface Person {
  email: string;
  handle: string;
  displayName: string;
  prefecture: string;
  organization: string;
  organizationCode?: string;
  password: string;
}

const PASSWORD = 'kumejima-Sango-2026';

/** `d` for desktop, `p` for phone: handles are at most 30 of [a-z0-9_]. */
function projectTag(testInfo: TestInfo): string {
  return testInfo.project.name.slice(0, 1).toLowerCase();
}

function unique(testInfo: TestInfo, who: string): { local: string; handle: string } {
  const tag = projectTag(testInfo);
  return { local: `${who}.${runId}.${tag}`, handle: `${who}_${runId}_${tag}`.slice(0, 30) };
}

/** 儀間 聡子: Kumejima town, welfare section, children's team; joins after the Naha study session. */
export function gima(testInfo: TestInfo, variant = 'gima'): Person {
  const { local, handle } = unique(testInfo, variant);
  return {
    email: `${local}@town.kumejima.lg.jp`,
    handle,
    displayName: '儀間 聡子',
    prefecture: '沖縄県',
    organization: '久米島町',
    organizationCode: '473618',
    password: PASSWORD,
  };
}

/** 新里 拓也: Naha city's DX promotion office; comes to the Naha study session with 儀間さん. */
export function shinzato(testInfo: TestInfo, variant = 'shinzato'): Person {
  const { local, handle } = unique(testInfo, variant);
  return {
    email: `${local}@city.naha.lg.jp`,
    handle,
    displayName: '新里 拓也',
    prefecture: '沖縄県',
    organization: '那覇市',
    organizationCode: '472018',
    password: PASSWORD,
  };
}

/** 幸田 真理: joins Kumejima town when 儀間さん moves, and takes over her job. */
export function koda(testInfo: TestInfo): Person {
  const { local, handle } = unique(testInfo, 'koda');
  return {
    email: `${local}@town.kumejima.lg.jp`,
    handle,
    displayName: '幸田 真理',
    prefecture: '沖縄県',
    organization: '久米島町',
    organizationCode: '473618',
    password: PASSWORD,
  };
}

/** 仲宗根 豊: Motobu town (本部町), a town like Kumejima on the main island. */
export function nakasone(testInfo: TestInfo): Person {
  const { local, handle } = unique(testInfo, 'nakasone');
  return {
    email: `${local}@town.motobu.lg.jp`,
    handle,
    displayName: '仲宗根 豊',
    prefecture: '沖縄県',
    organization: '本部町',
    organizationCode: '473081',
    password: PASSWORD,
  };
}

/** 冨岡 佳子: the Digital Agency's community manager, who welcomes every first post. */
export function tomioka(testInfo: TestInfo): Person {
  const { local, handle } = unique(testInfo, 'tomioka');
  return {
    email: `${local}@digital.go.jp`,
    handle,
    displayName: '冨岡 佳子',
    prefecture: '東京都',
    organization: 'デジタル庁',
    password: PASSWORD,
  };
}

const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';

/**
 * A katakana word no other post contains (this run's id spelt in kana), so that a search in Japanese finds exactly
 * the post the story wrote, however many stories the platform has seen.
 */
export function passphrase(testInfo: TestInfo): string {
  return [...`${runId}${projectTag(testInfo)}`]
    .map((c) => KANA[parseInt(c, 36) % KANA.length])
    .join('');
}
