import * as React from "react";
import { unsaidFigures } from "../../core/report/words";
import { Badge, Button, Caption1, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ChevronRight12Regular, MoreHorizontal16Regular } from "@fluentui/react-icons";
import type { Finding } from "../../core/report/finding";
import { useI18n } from "../i18n";
import { findingTarget, isTail, sheetAddress } from "../model";
import { onDemand } from "../lazy";
import { ChunkError } from "./ChunkError";
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
  // The "…" menu is a sibling of the clickable finding, not inside it (no button within a button),
  // laid over the footer's right end; the footer leaves it room.
  wrap: { position: "relative" },
  roomForMenu: { paddingRight: "18px" },
  more: { position: "absolute", right: "2px", bottom: "4px", minWidth: "20px", width: "20px", height: "20px", padding: 0, color: tokens.colorNeutralForeground3 },
});

type Popup = typeof import("./RuleMenuPopup").RuleMenuPopup;
/** Fluent's Menu is loaded once, at the first click on any finding's "…" (again after a failure). */
const popup = onDemand(() => import(/* webpackChunkName: "rule-menu" */ "./RuleMenuPopup").then((m) => m.RuleMenuPopup));

/**
 * The finding's "…" menu (不再检查此规则). React events bubble out of the menu's portal through
 * the React tree, so they stop here rather than reach the list. The menu itself is mounted at the
 * first click: a list draws dozens of findings and a Fluent Menu each would be most of their cost;
 * its code (RuleMenuPopup, Fluent's Menu) is loaded then too, not with the pane. If that fails the
 * finding says so, with 重试; a click on "…" tries again as well.
 */
function RuleMenu({ ruleId, onDisable, dismissed, onDismiss }: { ruleId: string; onDisable?: () => void; dismissed?: boolean; onDismiss?: (undo: boolean) => void }) {
  const s = useStyles();
  const { t } = useI18n();
  const [Popup, setPopup] = React.useState<Popup | null>(null);
  const [open, setOpen] = React.useState(false);
  const [failed, setFailed] = React.useState(false);
  const alive = React.useRef(true);
  React.useEffect(() => () => void (alive.current = false), []);
  const stop = (e: React.SyntheticEvent) => e.stopPropagation();
  const label = t("ruleActions", { id: ruleId });
  const openMenu = () => {
    popup.load().then(
      (p) => {
        if (!alive.current) return;
        setFailed(false);
        setPopup(() => p);
        setOpen(true);
      },
      (e: unknown) => {
        console.error("finding menu chunk failed to load", e);
        if (alive.current) setFailed(true);
      },
    );
  };
  if (!Popup) {
    return (
      <span onClick={stop} onKeyDown={stop}>
        <Button
          size="small"
          appearance="transparent"
          className={s.more}
          icon={<MoreHorizontal16Regular />}
          aria-label={label}
          title={label}
          aria-haspopup="menu"
          aria-expanded={false}
          data-testid="finding-menu"
          onClick={openMenu}
        />
        {failed && <ChunkError style={{ marginTop: "4px" }} onRetry={openMenu} onClose={() => setFailed(false)} />}
      </span>
    );
  }
  return (
    <span onClick={stop} onKeyDown={stop}>
      <Popup label={label} className={s.more} open={open} onOpenChange={setOpen} onDisable={onDisable} dismissed={dismissed} onDismiss={onDismiss} />
    </span>
  );
}

export function FindingItem({
  finding,
  fallbackSheet,
  active,
  onSelect,
  onDisableRule,
  isNew,
  dismissed,
  onDismiss,
  rowProps,
  children,
}: {
  finding: Finding;
  fallbackSheet?: string;
  active: boolean;
  onSelect: (target: { sheet: string; cell: string }) => void;
  /** Offers 不再检查此规则 when given. */
  onDisableRule?: (ruleId: string) => void;
  /** Appeared in the last live re-check. */
  isNew?: boolean;
  /** Dismissed as 已核实, with the user's note: shown muted, not hidden. */
  dismissed?: { note: string };
  onDismiss?: (undo: boolean) => void;
  /** Set on the list item by a windowed list: its place (aria-posinset/setsize) and row key. */
  rowProps?: Record<string, string | number>;
  children?: React.ReactNode;
}) {
  const s = useStyles();
  const { t, lang } = useI18n();
  const target = findingTarget(finding, fallbackSheet);
  const go = () => target && onSelect(target);
  const message = lang === "en" ? finding.messageEn : finding.message;
  // The message says its figures; only those it leaves out are shown beside it (never twice).
  const unsaid = unsaidFigures(finding, message);
  const figures: Array<[string, string | undefined]> = [
    [t("expected"), unsaid.expected],
    [t("actual"), unsaid.actual],
  ];
  const shownFigures = figures.filter(([, v]) => v !== undefined && v !== "");
  const related = (finding.related ?? []).filter((r) => !target || (r !== target.cell && r !== `${target.sheet}!${target.cell}`));
  return (
    <li data-testid="finding" data-severity={finding.severity} data-rule={finding.ruleId} data-new={isNew ? "true" : undefined} data-dismissed={dismissed ? "true" : undefined} style={dismissed ? { opacity: 0.6 } : undefined} {...rowProps}>
      <div className={s.wrap}>
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
            {message}
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
          {dismissed?.note && (
            <Caption1 as="p" style={{ margin: 0, gridColumn: "2", color: tokens.colorPaletteGreenForeground1, wordBreak: "break-word" }} data-testid="dismissed-note">
              {t("dismissedNote", { note: dismissed.note })}
            </Caption1>
          )}
          <div className={mergeClasses(s.footer, onDisableRule || onDismiss ? s.roomForMenu : undefined)}>
            {target && (
              <Caption1 className={s.cell}>
                {sheetAddress(target.sheet, target.cell)}
                <ChevronRight12Regular />
              </Caption1>
            )}
            {related.length > 0 && (
              <Caption1 className={s.cell} data-testid="related-cells" title={related.join(" ")}>
                {related.slice(0, 3).join(" ")}
                {related.length > 3 ? " …" : ""}
              </Caption1>
            )}
            {isNew && (
              <Badge size="small" appearance="filled" color="important" style={{ flexShrink: 0, whiteSpace: "nowrap" }} data-testid="new-badge">
                {t("newBadge")}
              </Badge>
            )}
            {dismissed && (
              <Badge size="small" appearance="tint" color="success" style={{ flexShrink: 0, whiteSpace: "nowrap" }} data-testid="dismissed-badge" title={dismissed.note}>
                {t("dismissedBadge")}
              </Badge>
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
        {(onDisableRule || onDismiss) && (
          <RuleMenu ruleId={finding.ruleId} onDisable={onDisableRule && (() => onDisableRule(finding.ruleId))} dismissed={!!dismissed} onDismiss={onDismiss} />
        )}
      </div>
      {children}
    </li>
  );
}
