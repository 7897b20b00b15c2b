import * as React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import { BookDatabase16Regular, Options16Regular } from "@fluentui/react-icons";
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

/** 规则设置 and 科目目录: what the next check runs with. Collapsed, each header says its state. */
export function Settings({
  rules,
  disabled,
  onDisabledChange,
  catalogue,
  onCatalogue,
}: {
  rules: readonly RuleMeta[];
  disabled: readonly string[];
  onDisabledChange: (next: string[]) => void;
  catalogue: LoadedCatalogue | null;
  onCatalogue: (c: LoadedCatalogue | null) => void;
}) {
  const s = useStyles();
  const { t } = useI18n();
  return (
    <Accordion multiple collapsible className={s.root} data-testid="settings">
      <AccordionItem value="rules" className={s.item}>
        <AccordionHeader size="small" expandIconPosition="end" icon={<Options16Regular />} data-testid="settings-rules">
          <span className={s.header}>
            <Text size={200} className={s.title}>
              {t("settingsRules")}
            </Text>
            {disabled.length > 0 && (
              <Badge size="small" appearance="tint" color="warning" data-testid="rules-off-badge">
                {t("rulesOffBadge", { n: disabled.length })}
              </Badge>
            )}
          </span>
        </AccordionHeader>
        <AccordionPanel className={s.panel}>
          <RuleSettings rules={rules} disabled={disabled} onChange={onDisabledChange} />
        </AccordionPanel>
      </AccordionItem>
      <AccordionItem value="catalogue" className={s.item}>
        <AccordionHeader size="small" expandIconPosition="end" icon={<BookDatabase16Regular />} data-testid="settings-catalogue">
          <span className={s.header}>
            <Text size={200} className={s.title}>
              {t("catalogueTitle")}
            </Text>
            {catalogue ? (
              <Badge size="small" appearance="tint" color="success" data-testid="catalogue-badge">
                {t("catalogueLoadedBadge", { n: catalogue.entries.length })}
              </Badge>
            ) : (
              <Badge size="small" appearance="tint" color="informative">
                {t("catalogueBuiltIn")}
              </Badge>
            )}
          </span>
        </AccordionHeader>
        <AccordionPanel className={s.panel}>
          <CatalogueImport loaded={catalogue} onLoad={onCatalogue} onRemove={() => onCatalogue(null)} />
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
