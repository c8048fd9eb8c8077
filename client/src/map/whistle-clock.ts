import type { Whistle } from '@gridboard/shared';

/** The nearest 报到 deadline of departments not yet on site, or null when all have arrived. */
export function nextDeadline(w: Whistle): number | null {
  let next: number | null = null;
  for (const s of w.summons) {
    if (s.state !== 'summoned' && s.state !== 'acknowledged') continue;
    const d = Date.parse(s.deadline);
    if (next === null || d < next) next = d;
  }
  return next;
}

/** mm:ss (or h:mm:ss) left, "-mm:ss" once passed. */
export function countdown(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${h ? `${h}:${pad(m)}` : pad(m)}:${pad(s)}`;
}
