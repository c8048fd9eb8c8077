import type { CommunityProps } from '@/api/geo';

/** Eight distinguishable hues for communities; red is left for alarms. */
const COMMUNITY_COLORS = ['#2563eb', '#0d9488', '#ea580c', '#7c3aed', '#ca8a04', '#0284c7', '#c026d3', '#15803d'];
export const UNKNOWN_COLOR = '#64748b';

/** A stable colour per community: by code order, so every screen colours a community alike. */
export function communityColors(communities: readonly CommunityProps[]): Map<string, string> {
  const sorted = [...communities].sort((a, b) => a.code.localeCompare(b.code));
  return new Map(sorted.map((c, i) => [c.id, COMMUNITY_COLORS[i % COMMUNITY_COLORS.length]!]));
}
