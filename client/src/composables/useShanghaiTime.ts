import { onBeforeUnmount, ref } from 'vue';
import { coalesce, LIVE_PANEL_MS } from '@/stores/per-frame';

/** Every time on the board is Beijing time, whatever the browser's zone (DOMAIN: Asia/Shanghai). */
export const TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, withWeekday: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withWeekday}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      ...(withWeekday ? { weekday: 'short' } : {}),
    });
    formats.set(key, f);
  }
  return f;
}

/**
 * `2026-03-05 14:07:09`, or with `clock` the weekday too (`2026-03-05 周四 14:07:09`): the same
 * numeric layout in both languages, easy to read across a duty room.
 */
export function formatShanghai(value: Date | number, locale: string, style: 'datetime' | 'clock' = 'datetime'): string {
  const parts = Object.fromEntries(
    format(locale, style === 'clock')
      .formatToParts(value)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  return style === 'clock' ? `${date} ${parts.weekday} ${time}` : `${date} ${time}`;
}

const DAY_S = 86_400;
const SHANGHAI_OFFSET_S = 8 * 3600;
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `14:07:09`, the Beijing time of day of an instant (an ISO string or ms), by arithmetic: Asia/Shanghai
 * has been UTC+8 all year since 1991. The board's feed and alarm bar show one per line; Intl's
 * formatToParts took a seventh of the script of a burst's re-renders (board benchmark traces).
 */
export function shanghaiTimeOfDay(value: string | number): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  const s = (((Math.floor(ms / 1000) + SHANGHAI_OFFSET_S) % DAY_S) + DAY_S) % DAY_S;
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** A ticking "now", for clocks and countdowns; stops with the component. */
export function useNow(intervalMs = 1_000) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}

const sharedNow = ref(Date.now());
/** The tick lands in the frame of the live panels' re-render: during a burst no commit of its own. */
const tick = coalesce(() => (sharedNow.value = Date.now()), LIVE_PANEL_MS);
let tickers = 0;
let sharedTimer: ReturnType<typeof setInterval> | undefined;
/** One "now" ticking each second for every clock and countdown on screen (a queue shows hundreds). */
export function useSecondTick() {
  if (tickers++ === 0) {
    sharedNow.value = Date.now();
    sharedTimer = setInterval(tick, 1_000);
  }
  onBeforeUnmount(() => {
    if (--tickers > 0) return;
    clearInterval(sharedTimer);
    tick.cancel();
  });
  return sharedNow;
}
