import { useQuery } from '@tanstack/react-query';

export interface Prefecture {
  name: string;
  /** 全国地方公共団体コード of the prefecture itself */
  code: string;
  /** [name, 全国地方公共団体コード] */
  municipalities: [string, string][];
}

export interface LocalGovList {
  prefectures: Prefecture[];
}

/** The organization a member belongs to, as the API takes it. */
export interface Organization {
  organization: string;
  organizationCode?: string;
}

// ~50 kB of names: a dynamic import makes it its own chunk, fetched only by the screens that offer the choice.
export function loadLocalGov(): Promise<LocalGovList> {
  return import('./data/localgov.json').then((module) => module.default as unknown as LocalGovList);
}

export function useLocalGov() {
  return useQuery({ queryKey: ['localgov'], queryFn: loadLocalGov, staleTime: Infinity, gcTime: Infinity });
}

/** What the prefecture's own government is called: 北海道庁, 東京都庁, 大阪府庁, 青森県庁. */
export function prefecturalGovernment(prefecture: Prefecture): string {
  return `${prefecture.name}庁`;
}

/**
 * The organization for what was typed or picked in 所属: a municipality of the chosen prefecture (or its government)
 * carries its code; anything else (a national agency, another body) is sent as typed, without a code.
 */
export function resolveOrganization(text: string, prefecture: Prefecture | undefined): Organization {
  const name = text.trim();
  if (prefecture) {
    if (name === prefecturalGovernment(prefecture)) return { organization: name, organizationCode: prefecture.code };
    const municipality = prefecture.municipalities.find(([candidate]) => candidate === name);
    if (municipality) return { organization: municipality[0], organizationCode: municipality[1] };
  }
  return { organization: name };
}
