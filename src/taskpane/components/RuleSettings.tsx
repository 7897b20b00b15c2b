import * as React from "react";
import { Caption1, Caption2, Checkbox, Link, makeStyles, tokens } from "@fluentui/react-components";
import type { RuleMeta } from "../../core/rules/types";
import { useI18n, type MessageKey } from "../i18n";
import { groupRules } from "../model";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px" },
  hint: { color: tokens.colorNeutralForeground2 },
  // Forty rules are long for a 320 px pane: the list scrolls on its own so the results stay near.
  // No scroll box of its own: the pane scrolls, so no item is cut at a nested scroll edge.
  groups: { display: "flex", flexDirection: "column", gap: "6px" },
  group: { display: "flex", flexDirection: "column", minWidth: 0 },
  groupHead: { fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: "none", margin: 0, padding: "0 0 0 20px", display: "flex", flexDirection: "column" },
  label: { display: "flex", flexDirection: "column", minWidth: 0, lineHeight: tokens.lineHeightBase200 },
  id: { color: tokens.colorNeutralForeground3, wordBreak: "break-all" },
  off: { color: tokens.colorNeutralForeground3 },
  count: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular, marginLeft: "4px" },
  checkbox: { alignItems: "flex-start" },
});

/**
 * Rules the user may switch off, grouped by family. Ticked means the rule runs; a family's box
 * switches all its rules at once and shows "mixed" when only some run.
 */
export function RuleSettings({ rules, disabled, onChange }: { rules: readonly RuleMeta[]; disabled: readonly string[]; onChange: (next: string[]) => void }) {
  const s = useStyles();
  const { t, lang } = useI18n();
  const off = new Set(disabled);
  const groups = React.useMemo(() => groupRules(rules), [rules]);
  const set = (ids: string[], on: boolean) => {
    const next = new Set(off);
    for (const id of ids) {
      if (on) next.delete(id);
      else next.add(id);
    }
    // Keep the engine's order, so the remembered list and the stats read the same way each time.
    onChange(rules.map((r) => r.id).filter((id) => next.has(id)));
  };
  return (
    <div className={s.root} data-testid="rule-settings">
      <Caption1 className={s.hint}>
        {t("rulesHint")}
        {off.size > 0 && (
          <>
            {" "}
            <Link as="button" inline onClick={() => onChange([])} data-testid="rules-all-on">
              {t("rulesEnableAll")}
            </Link>
          </>
        )}
      </Caption1>
      <div className={s.groups}>
        {groups.map((g) => {
          const ids = g.rules.map((r) => r.id);
          const nOn = ids.filter((id) => !off.has(id)).length;
          const checked = nOn === ids.length ? true : nOn === 0 ? false : "mixed";
          return (
            <div key={g.family} role="group" aria-label={t(`ruleFamily_${g.family}` as MessageKey)} className={s.group} data-testid="rule-group" data-family={g.family}>
              <Checkbox
                checked={checked}
                onChange={(_e, d) => set(ids, d.checked === true)}
                data-testid="rule-family-toggle"
                label={
                  <span className={s.groupHead}>
                    {t(`ruleFamily_${g.family}` as MessageKey)}
                    <span className={s.count}>
                      {nOn}/{ids.length}
                    </span>
                  </span>
                }
              />
              <ul className={s.list}>
                {g.rules.map((r) => {
                  const on = !off.has(r.id);
                  return (
                    <li key={r.id}>
                      <Checkbox
                        className={s.checkbox}
                        checked={on}
                        onChange={(_e, d) => set([r.id], d.checked === true)}
                        data-testid="rule-toggle"
                        data-rule={r.id}
                        label={
                          <span className={s.label} title={r.doc}>
                            <Caption1 className={on ? undefined : s.off}>{lang === "en" ? r.title.en : r.title.zh}</Caption1>
                            <Caption2 className={s.id}>{r.id}</Caption2>
                          </span>
                        }
                      />
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </div>
    </div>
  );
}
