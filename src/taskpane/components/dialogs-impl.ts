// The pane's dialogs, loaded on first use (see LazyDialogs.tsx).
export { DismissDialog } from "./DismissDialog";
export { ExportConfirmDialog } from "./ExportConfirmDialog";
