import * as React from "react";
import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { useI18n } from "../i18n";

/** Before a package is exported (or copied) from a workbook with errors: the package will say "forced": true. */
export function ExportConfirmDialog({ errors, open, onConfirm, onCancel }: { errors: number; open: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onOpenChange={(_e, d) => !d.open && onCancel()}>
      <DialogSurface data-testid="export-confirm" style={{ maxWidth: "300px" }}>
        <DialogBody>
          <DialogTitle>{t("exportErrorsTitle")}</DialogTitle>
          <DialogContent>
            <Body1>{t("exportErrorsBody", { n: errors })}</Body1>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onConfirm} data-testid="export-anyway">
              {t("exportAnyway")}
            </Button>
            <Button onClick={onCancel}>{t("cancel")}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
