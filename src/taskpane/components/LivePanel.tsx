import * as React from "react";
import { Badge, Caption1, Spinner, Switch, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../core/report/finding";
import { useI18n } from "../i18n";
import { sheetAddress } from "../model";
import { SeverityIcon } from "./SeverityIcon";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "4px", padding: "4px 8px", borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  row: { display: "flex", alignItems: "center", gap: "6px", minHeight: "28px", flexWrap: "wrap" },
  status: { color: tokens.colorNeutralForeground2, display: "inline-flex", alignItems: "center", gap: "4px" },
  cell: { display: "flex", flexDirection: "column", gap: "2px", borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "4px" },
  item: { display: "flex", gap: "4px", alignItems: "flex-start" },
  resolved: { color: tokens.colorNeutralForeground3, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

export interface LiveDiffView {
  added: number;
  resolved: Finding[];
}

/** 实时校验: the switch, what the last burst changed, and the findings about the cell selected in Excel. */
export function LivePanel({
  on,
  onToggle,
  busy,
  diff,
  error,
  selection,
  cellFindings,
  onSelectFinding,
}: {
  on: boolean;
  onToggle: (on: boolean) => void;
  busy: boolean;
  diff: LiveDiffView | null;
  error: string | null;
  selection: { sheet: string; address: string } | null;
  cellFindings: Finding[];
  onSelectFinding?: (f: Finding) => void;
}) {
  const s = useStyles();
  const { t, lang } = useI18n();
  return (
    <div className={s.root} data-testid="live-panel" data-live={on ? "on" : "off"}>
      <div className={s.row}>
        <Switch checked={on} onChange={(_e, d) => onToggle(d.checked)} label={t("liveToggle")} title={t("liveHint")} data-testid="live-toggle" />
        {on && busy && (
          <span className={s.status} data-testid="live-busy">
            <Spinner size="extra-tiny" /> <Caption1>{t("liveChecking")}</Caption1>
          </span>
        )}
        {on && !busy && diff && (
          <Caption1 className={s.status} data-testid="live-diff" data-added={diff.added} data-resolved={diff.resolved.length}>
            {diff.added || diff.resolved.length ? t("liveDiff", { added: diff.added, resolved: diff.resolved.length }) : t("liveNoChange")}
          </Caption1>
        )}
      </div>
      {on && !busy && diff && diff.resolved.length > 0 && (
        <Caption1 className={s.resolved} title={diff.resolved.map((f) => (lang === "en" ? f.messageEn : f.message)).join("\n")} data-testid="live-resolved">
          {t("liveResolvedList", { list: diff.resolved.map((f) => (f.sheet && f.cell ? sheetAddress(f.sheet, f.cell) : f.ruleId)).join("、") })}
        </Caption1>
      )}
      {error && (
        <Caption1 style={{ color: tokens.colorPaletteRedForeground1 }} data-testid="live-error">
          {t("liveFailed", { reason: error })}
        </Caption1>
      )}
      {on && selection && (
        <div className={s.cell} data-testid="cell-findings">
          <Text size={200} weight="semibold">
            {t("cellFindingsTitle", { cell: sheetAddress(selection.sheet, selection.address) })}{" "}
            {cellFindings.length > 0 && (
              <Badge size="small" appearance="tint">
                {cellFindings.length}
              </Badge>
            )}
          </Text>
          {cellFindings.length === 0 ? (
            <Caption1>{t("cellNoFindings")}</Caption1>
          ) : (
            cellFindings.slice(0, 5).map((f, i) => (
              <div
                key={i}
                className={s.item}
                data-testid="cell-finding"
                role={onSelectFinding ? "button" : undefined}
                tabIndex={onSelectFinding ? 0 : undefined}
                onClick={() => onSelectFinding?.(f)}
              >
                <SeverityIcon severity={f.severity} />
                <Caption1>{lang === "en" ? f.messageEn : f.message}</Caption1>
              </div>
            ))
          )}
        </div>
      )}
    </div>
  );
}
