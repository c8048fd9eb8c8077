/** Inserts or replaces by id; an older version than the one held is ignored (replays repeat events). */
export function upsertById<T extends { id: string; version: number }>(list: readonly T[], next: T): T[] {
  const i = list.findIndex((x) => x.id === next.id);
  if (i < 0) return [...list, next];
  if (list[i]!.version > next.version) return list as T[];
  const copy = list.slice();
  copy[i] = next;
  return copy;
}
