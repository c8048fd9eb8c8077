import { onBeforeUnmount, ref } from 'vue';

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

/** A ticking "now", for clocks and countdowns; stops with the component. */
export function useNow(intervalMs = 1_000) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}

const sharedNow = ref(Date.now());
let tickers = 0;
let sharedTimer: ReturnType<typeof setInterval> | undefined;
/** One "now" ticking each second for every countdown on screen (a queue shows hundreds). */
export function useSecondTick() {
  if (tickers++ === 0) {
    sharedNow.value = Date.now();
    sharedTimer = setInterval(() => (sharedNow.value = Date.now()), 1_000);
  }
  onBeforeUnmount(() => {
    if (--tickers === 0) clearInterval(sharedTimer);
  });
  return sharedNow;
}
