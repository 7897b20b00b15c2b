import * as React from "react";
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
} from "@fluentui/react-components";
import type { Finding } from "../../core/report/finding";
import { MAX_NOTE } from "../dismiss";
import { useI18n } from "../i18n";

/** 标为已核实: a short note, and where the decision is kept. */
export function DismissDialog({
  finding,
  where,
  onConfirm,
  onCancel,
}: {
  finding: Finding | null;
  where: "excel" | "browser";
  onConfirm: (note: string) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const [note, setNote] = React.useState("");
  React.useEffect(() => setNote(""), [finding]);
  const ok = note.trim().length > 0;
  return (
    <Dialog open={finding !== null} onOpenChange={(_e, d) => !d.open && onCancel()}>
      <DialogSurface data-testid="dismiss-dialog" style={{ maxWidth: "300px" }}>
        <DialogBody>
          <DialogTitle>{t("dismissTitle")}</DialogTitle>
          <DialogContent style={{ display: "flex", flexDirection: "column", gap: "8px" }}>
            <Caption1>{finding ? (lang === "en" ? finding.messageEn : finding.message) : ""}</Caption1>
            <Caption1>{t("dismissHint")}</Caption1>
            <Field label={t("dismissNote")} required>
              <Input
                value={note}
                maxLength={MAX_NOTE}
                placeholder={t("dismissNotePlaceholder")}
                onChange={(_e, d) => setNote(d.value)}
                onKeyDown={(e) => e.key === "Enter" && ok && onConfirm(note)}
                data-testid="dismiss-note"
              />
            </Field>
            <Caption1>{where === "excel" ? t("dismissStoredExcel") : t("dismissStoredBrowser")}</Caption1>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!ok} onClick={() => onConfirm(note)} data-testid="dismiss-confirm">
              {t("dismissConfirm")}
            </Button>
            <Button onClick={onCancel}>{t("cancel")}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
