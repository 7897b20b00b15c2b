import * as React from "react";
import { Button, Caption1, Checkbox, Text, makeStyles, tokens } from "@fluentui/react-components";
import { defaultTicks } from "../ledger";
import { useI18n } from "../i18n";
import { sheetAddress } from "../model";
import type { PlannedFill } from "../view";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px", padding: "8px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  hint: { color: tokens.colorNeutralForeground2 },
  list: { listStyleType: "none", margin: 0, padding: 0, maxHeight: "320px", overflowY: "auto", display: "flex", flexDirection: "column", gap: "2px" },
  item: { display: "grid", gridTemplateColumns: "auto 1fr", alignItems: "start", columnGap: "2px" },
  text: { display: "flex", flexDirection: "column", minWidth: 0, paddingTop: "6px" },
  change: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  after: { fontWeight: tokens.fontWeightSemibold },
  why: { color: tokens.colorNeutralForeground3 },
  low: { color: tokens.colorPaletteDarkOrangeForeground1 },
  actions: { display: "flex", gap: "6px", flexWrap: "wrap" },
});

/**
 * 填写编码's preview: every planned cell with before → after, the reason and the confidence, each
 * with a tick (low confidence unticked). Excel writes the ticked cells; the browser page downloads
 * a corrected copy.
 */
export function FillPanel({
  changes,
  mode,
  busy,
  onApply,
  onClose,
}: {
  changes: PlannedFill[];
  mode: "excel" | "browser";
  busy: boolean;
  onApply: (ticked: PlannedFill[]) => void;
  onClose: () => void;
}) {
  const s = useStyles();
  const { t, lang } = useI18n();
  const [ticked, setTicked] = React.useState<Set<string>>(() => defaultTicks(changes));
  const chosen = changes.filter((c) => ticked.has(c.id));
  const toggle = (id: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <section className={s.root} data-testid="fill-panel" aria-label={t("fillTitle")}>
      <Text weight="semibold">{t("fillTitle")}</Text>
      <Caption1 className={s.hint}>{mode === "excel" ? t("fillHint") : t("fillHintBrowser")}</Caption1>
      <ul className={s.list}>
        {changes.map((c) => (
          <li key={c.id} className={s.item} data-testid="fill-item" data-cell={c.id} data-ticked={ticked.has(c.id) ? "true" : "false"}>
            <Checkbox checked={ticked.has(c.id)} onChange={(_e, d) => toggle(c.id, d.checked === true)} aria-label={sheetAddress(c.sheet, c.cell)} />
            <span className={s.text}>
              <Caption1 className={s.change} title={`${sheetAddress(c.sheet, c.cell)}: ${c.before ?? t("fillEmptyCell")} → ${c.after}`}>
                {sheetAddress(c.sheet, c.cell)} {c.before ?? t("fillEmptyCell")} → <span className={s.after}>{c.after}</span>
              </Caption1>
              <Caption1 className={s.why}>
                {lang === "en" ? c.reasonEn : c.reason} ·{" "}
                <span className={c.confidence < 0.85 ? s.low : undefined}>{t("fillConfidence", { c: c.confidence.toFixed(2) })}</span>
              </Caption1>
            </span>
          </li>
        ))}
      </ul>
      <div className={s.actions}>
        <Button appearance="primary" disabled={busy || chosen.length === 0} onClick={() => onApply(chosen)} data-testid="fill-apply">
          {mode === "excel" ? t("fillApply", { n: chosen.length }) : t("fillDownload", { n: chosen.length })}
        </Button>
        <Button onClick={onClose} data-testid="fill-close">
          {t("fillClose")}
        </Button>
      </div>
    </section>
  );
}
