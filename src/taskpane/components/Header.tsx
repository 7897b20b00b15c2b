import * as React from "react";
import { Button, Text, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { LocalLanguage16Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    gap: "8px",
    padding: "10px 12px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  logo: { width: "20px", height: "20px", flexShrink: 0 },
  title: { flexGrow: 1, minWidth: 0, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
  toggle: { flexShrink: 0, minWidth: 0, whiteSpace: "nowrap" },
});

export function Header({ onToggleLang }: { onToggleLang: () => void }) {
  const s = useStyles();
  const { t } = useI18n();
  return (
    <header className={s.root}>
      <img className={s.logo} src="assets/icon-32.png" alt="" />
      <Text as="h1" size={400} weight="semibold" className={s.title}>
        {t("appTitle")}
      </Text>
      <Tooltip content={t("switchLangTitle")} relationship="description">
        <Button size="small" appearance="subtle" icon={<LocalLanguage16Regular />} onClick={onToggleLang} className={s.toggle} data-testid="lang-toggle">
          {t("switchLang")}
        </Button>
      </Tooltip>
    </header>
  );
}
