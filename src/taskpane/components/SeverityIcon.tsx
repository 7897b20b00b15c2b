import * as React from "react";
import { tokens } from "@fluentui/react-components";
import { ErrorCircle16Filled, Info16Filled, Warning16Filled } from "@fluentui/react-icons";
import type { Severity } from "../../core/report/finding";
import { useI18n } from "../i18n";

const COLOURS: Record<Severity, string> = {
  error: tokens.colorPaletteRedForeground1,
  warning: tokens.colorPaletteDarkOrangeForeground1,
  info: tokens.colorPaletteBlueForeground2,
};

export function SeverityIcon({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  const Icon = severity === "error" ? ErrorCircle16Filled : severity === "warning" ? Warning16Filled : Info16Filled;
  return <Icon aria-label={t(`severity_${severity}`)} style={{ color: COLOURS[severity], flexShrink: 0 }} />;
}
