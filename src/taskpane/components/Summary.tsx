import * as React from "react";
import { Caption1, Text, Toolbar, ToolbarButton, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownload16Regular, Copy16Regular } from "@fluentui/react-icons";
import type { Report, Severity } from "../../core/report/finding";
import { useI18n, type MessageKey } from "../i18n";
import { SeverityIcon } from "./SeverityIcon";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    padding: "10px 12px",
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  tiles: { display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: "6px" },
  tile: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    padding: "4px 0",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid transparent`,
    cursor: "pointer",
    font: "inherit",
    ":disabled": { cursor: "default" },
  },
  selected: { border: `1px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  label: { display: "flex", alignItems: "center", gap: "4px", color: tokens.colorNeutralForeground2 },
  zero: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorPaletteBlueForeground2 },
  stats: { color: tokens.colorNeutralForeground2 },
  toolbar: { padding: 0, marginLeft: "-6px" },
});

const TILES: Array<{ severity: Severity; key: MessageKey; count: (r: Report) => number }> = [
  { severity: "error", key: "errors", count: (r) => r.summary.errors },
  { severity: "warning", key: "warnings", count: (r) => r.summary.warnings },
  { severity: "info", key: "infos", count: (r) => r.summary.infos },
];

export function Summary({
  report,
  onExport,
  onCopy,
  only = null,
  onFilter,
}: {
  report: Report;
  onExport: () => void;
  onCopy: () => void;
  /** The severity the list is filtered to, if any. */
  only?: Severity | null;
  /** Clicking a tile shows only that severity; clicking it again shows all. */
  onFilter?: (only: Severity | null) => void;
}) {
  const s = useStyles();
  const { t } = useI18n();
  return (
    <section className={s.root} aria-label={t("summaryTitle")} data-testid="summary">
      <div className={s.tiles}>
        {TILES.map(({ severity, key, count }) => {
          const n = count(report);
          return (
            <button
              type="button"
              key={severity}
              className={`${s.tile} ${only === severity ? s.selected : ""}`}
              data-testid={`count-${severity}`}
              aria-pressed={only === severity}
              disabled={!onFilter || (n === 0 && only !== severity)}
              title={only === severity ? t("filterOff") : t("filterOn", { sev: t(key) })}
              onClick={() => onFilter?.(only === severity ? null : severity)}
            >
              <Text size={500} weight="semibold" className={n === 0 ? s.zero : s[severity]} data-testid={`count-${severity}-n`}>
                {n}
              </Text>
              <Caption1 className={s.label}>
                <SeverityIcon severity={severity} />
                {t(key)}
              </Caption1>
            </button>
          );
        })}
      </div>
      <Caption1 className={s.stats} data-testid="stats">
        {report.stats.disabled.length
          ? t("statsLineOff", { rules: report.stats.rulesRun, tables: report.stats.tablesChecked, off: report.stats.disabled.length })
          : t("statsLine", { rules: report.stats.rulesRun, tables: report.stats.tablesChecked })}
      </Caption1>
      <Toolbar size="small" className={s.toolbar} aria-label={t("export")}>
        <ToolbarButton icon={<ArrowDownload16Regular />} onClick={onExport} data-testid="export-json">
          {t("export")}
        </ToolbarButton>
        <ToolbarButton icon={<Copy16Regular />} onClick={onCopy} data-testid="copy-json">
          {t("copy")}
        </ToolbarButton>
      </Toolbar>
    </section>
  );
}
