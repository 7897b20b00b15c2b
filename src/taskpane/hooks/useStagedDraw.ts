import * as React from "react";

/**
 * After a check (`checks` counts them), the summary and the finding list are drawn after the rest of
 * the finished pane: on a later task, as a transition (React renders it in slices and yields between
 * them), so that no single draw holds the main thread long. A live re-check, which does not count
 * as a check, updates them with the rest. listReady is false meanwhile (the pane says
 * data-list-pending).
 */
export function useStagedDraw(checks: number): { listReady: boolean } {
  const [drawnCheck, setDrawnCheck] = React.useState(checks);
  const listReady = drawnCheck === checks;
  React.useEffect(() => {
    if (listReady) return;
    const timer = setTimeout(() => React.startTransition(() => setDrawnCheck(checks)), 0);
    return () => clearTimeout(timer);
  }, [listReady, checks]);
  return { listReady };
}
