/** A coalesced call: schedules one run; `cancel` drops the scheduled one. */
export interface Coalesced {
  (): void;
  cancel(): void;
}

/** The runs waiting for one interval's next frame, and when that interval last ran. */
interface Clock {
  due: Set<() => void>;
  frame: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  last: number;
}
const clocks = new Map<number, Clock>();

function clockOf(everyMs: number): Clock {
  let clock = clocks.get(everyMs);
  if (!clock) clocks.set(everyMs, (clock = { due: new Set(), frame: 0, timer: undefined, last: -Infinity }));
  return clock;
}

function schedule(clock: Clock, everyMs: number): void {
  if (clock.frame || clock.timer) return;
  const atFrame = () => {
    clock.timer = undefined;
    clock.frame = requestAnimationFrame(() => {
      clock.frame = 0;
      clock.last = performance.now();
      const due = [...clock.due];
      clock.due.clear();
      for (const run of due) run();
    });
  };
  const wait = clock.last + everyMs - performance.now();
  if (wait > 0) clock.timer = setTimeout(atFrame, wait);
  else atFrame();
}

/**
 * Coalesces calls into one run at an animation frame, at most once per `everyMs`: the first call
 * after a quiet moment runs at the next frame, calls during a burst of live events run together
 * `everyMs` after the previous run. Every run of the same interval shares its frames (the feed, the
 * markers and the queue change in one frame, not three). A burst thus re-renders the views a few
 * times a second, not once per event or per frame: in the board benchmark's traces every frame that
 * changed the page cost a paint, a layer commit and a copy of both map canvases.
 */
export function coalesce(run: () => void, everyMs = 0): Coalesced {
  const clock = clockOf(everyMs);
  return Object.assign(
    () => {
      clock.due.add(run);
      schedule(clock, everyMs);
    },
    { cancel: () => void clock.due.delete(run) },
  );
}

/** How often the board's live panels and markers are re-rendered during a burst of events. */
export const LIVE_PANEL_MS = 250;
