import * as React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { BookDatabase16Regular, Options16Regular, Table16Regular } from "@fluentui/react-icons";
import { LAYOUT_SET_NAMES } from "../../core/layouts/names";
import type { RuleMeta } from "../../core/rules/types";
import { useI18n } from "../i18n";
import type { LoadedCatalogue } from "../settings";
import { CatalogueImport } from "./CatalogueImport";
import { RuleSettings } from "./RuleSettings";

const useStyles = makeStyles({
  root: { borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}` },
  item: { ":not(:last-child)": { borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  header: { display: "flex", alignItems: "center", gap: "6px", width: "100%", minWidth: 0 },
  title: { flexGrow: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  panel: { margin: "0 12px 12px" },
});

/** 规则设置, 报表版式 and 科目目录: what the next check runs with. Collapsed, each header says its state. */
export function Settings({
  rules,
  disabled,
  onDisabledChange,
  catalogue,
  onCatalogue,
  layoutSet = null,
  recognisedLayout = null,
  onLayoutChange,
}: {
  rules: readonly RuleMeta[];
  disabled: readonly string[];
  onDisabledChange: (next: string[]) => void;
  catalogue: LoadedCatalogue | null;
  onCatalogue: (c: LoadedCatalogue | null) => void;
  /** The layout set chosen here (null: the best match), and the one the workbook was read with. */
  layoutSet?: string | null;
  recognisedLayout?: string | null;
  onLayoutChange?: (id: string | null) => void;
}) {
  const s = useStyles();
  const { t, lang } = useI18n();
  return (
    <Accordion multiple collapsible className={s.root} data-testid="settings">
      <SettingsSection
        value="rules"
        icon={<Options16Regular />}
        testId="settings-rules"
        title={t("settingsRules")}
        badge={
          disabled.length > 0 && (
            <Badge size="small" appearance="tint" color="warning" data-testid="rules-off-badge">
              {t("rulesOffBadge", { n: disabled.length })}
            </Badge>
          )
        }
      >
        <RuleSettings rules={rules} disabled={disabled} onChange={onDisabledChange} />
      </SettingsSection>
      {onLayoutChange && (
        <SettingsSection
          value="layout"
          icon={<Table16Regular />}
          testId="settings-layout"
          title={t("settingsLayout")}
          badge={
            <Badge size="small" appearance="tint" color={layoutSet ? "warning" : "informative"} data-testid="layout-badge">
              {layoutSet ?? t("layoutAutoBadge")}
            </Badge>
          }
        >
          <Text size={200} block>
            {t("layoutHint")}
          </Text>
          <Select
            size="small"
            value={layoutSet ?? ""}
            aria-label={t("settingsLayout")}
            data-testid="layout-select"
            onChange={(_e, d) => onLayoutChange(d.value === "" ? null : d.value)}
          >
            <option value="">{t("layoutAuto")}</option>
            {LAYOUT_SET_NAMES.map((set) => (
              <option key={set.id} value={set.id}>
                {`${set.id} — ${lang === "en" ? (set.descriptionEn ?? set.description) : set.description}`}
              </option>
            ))}
          </Select>
          {recognisedLayout && (
            <Text size={200} block data-testid="layout-recognised">
              {t("layoutRecognised", { id: recognisedLayout })}
            </Text>
          )}
        </SettingsSection>
      )}
      <SettingsSection
        value="catalogue"
        icon={<BookDatabase16Regular />}
        testId="settings-catalogue"
        title={t("catalogueTitle")}
        badge={
          catalogue ? (
            <Badge size="small" appearance="tint" color="success" data-testid="catalogue-badge">
              {t("catalogueLoadedBadge", { n: catalogue.entries.length })}
            </Badge>
          ) : (
            <Badge size="small" appearance="tint" color="informative">
              {t("catalogueBuiltIn")}
            </Badge>
          )
        }
      >
        <CatalogueImport loaded={catalogue} onLoad={onCatalogue} onRemove={() => onCatalogue(null)} />
      </SettingsSection>
    </Accordion>
  );
}

/** One folding section: its header names it and, with a badge, says its state while collapsed. */
function SettingsSection({ value, icon, testId, title, badge, children }: { value: string; icon: React.ReactElement; testId: string; title: string; badge: React.ReactNode; children: React.ReactNode }) {
  const s = useStyles();
  return (
    <AccordionItem value={value} className={s.item}>
      <AccordionHeader size="small" expandIconPosition="end" icon={icon} data-testid={testId}>
        <span className={s.header}>
          <Text size={200} className={s.title}>
            {title}
          </Text>
          {badge}
        </span>
      </AccordionHeader>
      <AccordionPanel className={s.panel}>{children}</AccordionPanel>
    </AccordionItem>
  );
}
