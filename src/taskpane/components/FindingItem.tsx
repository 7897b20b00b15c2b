import * as React from "react";
import { Badge, Caption1, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ChevronRight12Regular } from "@fluentui/react-icons";
import type { Finding } from "../../core/report/finding";
import { useI18n } from "../i18n";
import { findingTarget, isTail, sheetAddress } from "../model";
import { SeverityIcon } from "./SeverityIcon";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateColumns: "16px 1fr",
    columnGap: "6px",
    rowGap: "2px",
    padding: "6px 6px",
    borderRadius: tokens.borderRadiusMedium,
    cursor: "default",
  },
  clickable: {
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected },
  icon: { paddingTop: "2px" },
  message: { wordBreak: "break-word" },
  figures: { gridColumn: "2", display: "flex", flexWrap: "wrap", columnGap: "10px", rowGap: "2px", color: tokens.colorNeutralForeground2 },
  figure: { whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
  footer: { gridColumn: "2", display: "flex", alignItems: "center", gap: "6px", minWidth: 0 },
  cell: { color: tokens.colorBrandForeground1, display: "inline-flex", alignItems: "center", gap: "2px", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  rule: { color: tokens.colorNeutralForeground4, marginLeft: "auto", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", minWidth: 0 },
});

export function FindingItem({
  finding,
  fallbackSheet,
  active,
  onSelect,
  children,
}: {
  finding: Finding;
  fallbackSheet?: string;
  active: boolean;
  onSelect: (target: { sheet: string; cell: string }) => void;
  children?: React.ReactNode;
}) {
  const s = useStyles();
  const { t, lang } = useI18n();
  const target = findingTarget(finding, fallbackSheet);
  const go = () => target && onSelect(target);
  const figures: Array<[string, string | undefined]> = [
    [t("expected"), finding.expected],
    [t("actual"), finding.actual],
    [t("difference"), finding.difference],
    [t("tolerance"), finding.tolerance ? `±${finding.tolerance}` : undefined],
  ];
  const shownFigures = figures.filter(([, v]) => v !== undefined && v !== "");
  return (
    <li data-testid="finding" data-severity={finding.severity} data-rule={finding.ruleId}>
      <div
        className={mergeClasses(s.root, target ? s.clickable : undefined, active ? s.active : undefined)}
        role={target ? "button" : undefined}
        tabIndex={target ? 0 : undefined}
        title={target ? t("goToCell", { cell: sheetAddress(target.sheet, target.cell) }) : undefined}
        onClick={go}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            go();
          }
        }}
      >
        <span className={s.icon}>
          <SeverityIcon severity={finding.severity} />
        </span>
        <Text size={200} className={s.message}>
          {lang === "en" ? finding.messageEn : finding.message}
        </Text>
        {shownFigures.length > 0 && (
          <div className={s.figures}>
            {shownFigures.map(([label, v]) => (
              <Caption1 key={label} className={s.figure}>
                {label} {v}
              </Caption1>
            ))}
          </div>
        )}
        <div className={s.footer}>
          {target && (
            <Caption1 className={s.cell}>
              {sheetAddress(target.sheet, target.cell)}
              <ChevronRight12Regular />
            </Caption1>
          )}
          {isTail(finding) && (
            <Badge size="small" appearance="tint" color="informative" data-testid="tail-badge">
              {t("tailBadge")}
            </Badge>
          )}
          <Caption1 className={s.rule} title={finding.ruleId}>
            {finding.ruleId}
          </Caption1>
        </div>
      </div>
      {children}
    </li>
  );
}
