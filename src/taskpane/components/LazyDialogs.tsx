import * as React from "react";
import type { DismissDialog as DismissDialogImpl } from "./DismissDialog";
import type { ExportConfirmDialog as ExportConfirmDialogImpl } from "./ExportConfirmDialog";

/**
 * The pane's dialogs (标为已核实, exporting a package with errors) and Fluent's Dialog are a chunk of
 * their own, loaded the first time one of them opens rather than with the pane's initial script
 * (issue 11). Until then a closed dialog draws nothing; once loaded, the real one is always drawn,
 * so Fluent's open and close transitions run as before.
 */
type Dialogs = typeof import("./dialogs-impl");
let loading: Promise<Dialogs> | null = null;
let loaded: Dialogs | null = null;

function loadDialogs(): Promise<Dialogs> {
  loading ??= import(/* webpackChunkName: "dialogs" */ "./dialogs-impl").then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

function useDialogs(open: boolean): Dialogs | null {
  const [mod, setMod] = React.useState<Dialogs | null>(loaded);
  React.useEffect(() => {
    if (!open || mod) return;
    let live = true;
    loadDialogs().then(
      (m) => live && setMod(m),
      (e: unknown) => console.error("dialog chunk failed to load", e),
    );
    return () => {
      live = false;
    };
  }, [open, mod]);
  return mod;
}

export function DismissDialog(props: React.ComponentProps<typeof DismissDialogImpl>) {
  const mod = useDialogs(props.finding !== null);
  return mod ? <mod.DismissDialog {...props} /> : null;
}

export function ExportConfirmDialog(props: React.ComponentProps<typeof ExportConfirmDialogImpl>) {
  const mod = useDialogs(props.open);
  return mod ? <mod.ExportConfirmDialog {...props} /> : null;
}
