import * as React from "react";
import { onDemand } from "../lazy";
import { ChunkError } from "./ChunkError";
import type { DismissDialog as DismissDialogImpl } from "./DismissDialog";
import type { ExportConfirmDialog as ExportConfirmDialogImpl } from "./ExportConfirmDialog";

/**
 * The pane's dialogs (标为已核实, exporting a package with errors) and Fluent's Dialog are a chunk of
 * their own, loaded the first time one of them opens rather than with the pane's initial script
 * (issue 11). Until then a closed dialog draws nothing; once loaded, the real one is always drawn,
 * so Fluent's open and close transitions run as before. If the chunk cannot be loaded, the pane says
 * so at its foot, with 重试 (the dialog is still asked for: it opens once loaded) and 关闭 (cancels,
 * as the dialog's own 取消 would; opening it again tries again).
 */
const dialogs = onDemand(() => import(/* webpackChunkName: "dialogs" */ "./dialogs-impl"));
type Dialogs = typeof import("./dialogs-impl");

const FOOT: React.CSSProperties = { position: "fixed", left: "8px", right: "8px", bottom: "8px", zIndex: 1000 };

function LazyDialog({ open, onCancel, draw }: { open: boolean; onCancel: () => void; draw: (mod: Dialogs) => React.ReactElement }) {
  const [mod, setMod] = React.useState<Dialogs | null>(dialogs.loaded);
  const [failed, setFailed] = React.useState(false);
  React.useEffect(() => {
    if (!open || mod || failed) return;
    let live = true;
    dialogs.load().then(
      (m) => live && setMod(m),
      (e: unknown) => {
        console.error("dialog chunk failed to load", e);
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [open, mod, failed]);
  // Closed from outside while the message showed: the next opening tries again.
  React.useEffect(() => {
    if (!open) setFailed(false);
  }, [open]);
  if (mod) return draw(mod);
  return open && failed ? <ChunkError style={FOOT} onRetry={() => setFailed(false)} onClose={onCancel} /> : null;
}

export function DismissDialog(props: React.ComponentProps<typeof DismissDialogImpl>) {
  return <LazyDialog open={props.finding !== null} onCancel={props.onCancel} draw={(m) => <m.DismissDialog {...props} />} />;
}

export function ExportConfirmDialog(props: React.ComponentProps<typeof ExportConfirmDialogImpl>) {
  return <LazyDialog open={props.open} onCancel={props.onCancel} draw={(m) => <m.ExportConfirmDialog {...props} />} />;
}
