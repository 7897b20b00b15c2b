import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { Dismiss16Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n";

/**
 * Said in the pane when a part loaded on first use (the finding menu, a dialog) could not be loaded:
 * otherwise the click would do nothing, with only a console error. 重试 loads it again; so does
 * the next click on whatever asked for it.
 */
export function ChunkError({ onRetry, onClose, style }: { onRetry: () => void; onClose?: () => void; style?: React.CSSProperties }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="chunk-error" style={style}>
      <MessageBarBody>{t("chunkLoadFailed")}</MessageBarBody>
      <MessageBarActions
        containerAction={
          onClose ? <Button appearance="transparent" size="small" icon={<Dismiss16Regular />} aria-label={t("close")} title={t("close")} onClick={onClose} data-testid="chunk-error-close" /> : undefined
        }
      >
        <Button size="small" onClick={onRetry} data-testid="chunk-retry">
          {t("retry")}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
