import * as React from "react";
import { Badge, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { PaneRecognition } from "../view";
import { tableName, tableOrdinal, useI18n } from "../i18n";
import { sheetAddress, tableSize } from "../model";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  item: {
    display: "grid",
    gridTemplateColumns: "auto 1fr auto",
    columnGap: "8px",
    alignItems: "baseline",
    padding: "6px 4px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  // 表一…表十三 (or Table 1…13) line up; the longer 绩效目标表 rows are a group of their own.
  ordinal: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap", minWidth: "3.2em" },
  ordinalEn: { minWidth: "4.4em" },
  name: { minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  where: { gridColumn: "2 / 4", color: tokens.colorNeutralForeground3, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  problems: { display: "flex", flexDirection: "column", gap: "4px", marginBottom: "8px" },
  count: { color: tokens.colorNeutralForeground2, padding: "2px 4px 6px" },
});

export function TableList({ recognition }: { recognition: PaneRecognition }) {
  const s = useStyles();
  const { t, lang } = useI18n();
  return (
    <div data-testid="tables">
      {recognition.problems.length > 0 && (
        <div className={s.problems}>
          {recognition.problems.map((p, i) => (
            <MessageBar key={i} intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t("problems")}</MessageBarTitle>
                {lang === "en" ? p.messageEn : p.message} ({sheetAddress(p.sheet, p.cell)})
              </MessageBarBody>
            </MessageBar>
          ))}
        </div>
      )}
      <Caption1 as="p" className={s.count} data-testid="tables-count">
        {t("tablesCount", { n: recognition.tables.length })}
      </Caption1>
      <ul className={s.list}>
        {recognition.tables.map((tb, i) => {
          const size = tableSize(tb);
          const name = tb.project ?? tableName(lang, tb.id, tb.standardName);
          return (
            <li key={`${tb.sheet}!${tb.range}#${i}`} className={s.item} data-testid="table-item" data-table={tb.id}>
              <Text size={200} className={mergeClasses(s.ordinal, lang === "en" && s.ordinalEn)}>
                {tableOrdinal(lang, tb.id)}
              </Text>
              <Text size={200} className={s.name} title={name}>
                {name}
              </Text>
              {tb.empty ? (
                <Badge size="small" appearance="tint" color="subtle" data-testid="empty-badge">
                  {t("emptyBadge")}
                </Badge>
              ) : (
                <span />
              )}
              <Caption1 className={s.where} title={sheetAddress(tb.sheet, tb.range)}>
                {sheetAddress(tb.sheet, tb.range)} · {t(size.kind, { n: size.n })}
              </Caption1>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
