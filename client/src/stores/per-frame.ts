/**
 * Coalesces calls into one run at the next animation frame: a burst of live events (several per
 * frame) is announced to the views once, so they re-render and redraw once per frame, not once per
 * event. The stores live as long as the app, so a scheduled run is never cancelled.
 */
export function perFrame(run: () => void): () => void {
  let frame = 0;
  return () => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        run();
      });
  };
}
