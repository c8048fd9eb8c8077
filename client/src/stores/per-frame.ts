/** A coalesced call: schedules one run; `cancel` drops the scheduled one. */
export interface Coalesced {
  (): void;
  cancel(): void;
}

/**
 * Coalesces calls into one run at an animation frame, at most once per `everyMs`: the first call
 * after a quiet moment runs at the next frame, calls during a burst of live events run together
 * `everyMs` after the previous run. A burst thus re-renders the views a few times a second, not once
 * per event or per frame: in the board benchmark's traces every frame that changed the page cost a
 * paint, a layer commit and a copy of both map canvases.
 */
export function coalesce(run: () => void, everyMs = 0): Coalesced {
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const atFrame = () => {
    timer = undefined;
    frame = requestAnimationFrame(() => {
      frame = 0;
      last = performance.now();
      run();
    });
  };
  const call = () => {
    if (frame || timer) return;
    const wait = last + everyMs - performance.now();
    if (wait > 0) timer = setTimeout(atFrame, wait);
    else atFrame();
  };
  return Object.assign(call, {
    cancel: () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      frame = 0;
      timer = undefined;
    },
  });
}

/** How often the board's live panels and markers are re-rendered during a burst of events. */
export const LIVE_PANEL_MS = 250;
