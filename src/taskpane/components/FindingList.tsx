import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PaneRecognition } from "../view";
import type { Finding, Report, Severity } from "../../core/report/finding";
import type { WorkbookSnapshot } from "../../core/workbook/snapshot";
import { tableName, tableOrdinal, useI18n } from "../i18n";
import { FINDINGS_PAGE, foldTails, groupFindings, orderGroups, pageOf, type FindingGroup, type ListEntry, type SeverityCounts } from "../model";
import { FindingItem } from "./FindingItem";
import { SheetPreview } from "./SheetPreview";

const useStyles = makeStyles({
  header: { display: "flex", alignItems: "center", gap: "6px", minWidth: 0, width: "100%" },
  title: { minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", flexGrow: 1 },
  ordinal: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  counts: { display: "flex", gap: "2px", flexShrink: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  panel: { margin: "0 0 6px 0" },
  tails: {
    display: "flex",
    alignItems: "center",
    gap: "6px",
    width: "100%",
    padding: "6px 8px",
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    cursor: "pointer",
    textAlign: "left",
    fontSize: tokens.fontSizeBase200,
  },
  tailsOpen: { marginLeft: "auto", color: tokens.colorBrandForeground1, whiteSpace: "nowrap" },
});

const BADGE_COLOUR: Record<Severity, "danger" | "warning" | "brand"> = { error: "danger", warning: "warning", info: "brand" };

export interface FindingMarks {
  isNew(f: Finding): boolean;
  dismissal(f: Finding): { note: string } | undefined;
}

export interface Focus {
  sheet: string;
  cell: string;
  /** Which finding was clicked, so the preview opens under it. */
  index: string;
}

function GroupTitle({ group }: { group: FindingGroup }) {
  const s = useStyles();
  const { t, lang } = useI18n();
  let ordinal = "";
  let name = t("workbookWide");
  if (group.table) {
    ordinal = tableOrdinal(lang, group.table);
    name = group.label ?? tableName(lang, group.table, group.recognised?.standardName ?? "");
  }
  return (
    <span className={s.header}>
      {ordinal && <Text size={200} className={s.ordinal}>{ordinal}</Text>}
      <Text size={200} className={s.title} title={name}>
        {name}
      </Text>
      <span className={s.counts}>
        {(["error", "warning", "info"] as const).map((sev) =>
          group.counts[sev] ? (
            <Badge key={sev} size="small" shape="circular" appearance="filled" color={BADGE_COLOUR[sev]} aria-label={`${t(`severity_${sev}`)} ${group.counts[sev]}`}>
              {group.counts[sev]}
            </Badge>
          ) : null,
        )}
      </span>
    </span>
  );
}

/** A page of a group's list, its "more" line counting also the findings the view does not hold. */
function withMissing(page: Array<ListEntry | { kind: "more"; rest: number }>, missing: number): Array<ListEntry | { kind: "more"; rest: number }> {
  if (missing === 0) return page;
  const last = page[page.length - 1];
  if (last?.kind === "more") return [...page.slice(0, -1), { kind: "more", rest: last.rest + missing }];
  return [...page, { kind: "more", rest: missing }];
}

export function FindingList({
  recognition,
  report,
  workbook,
  focus,
  onSelect,
  onClosePreview,
  onDisableRule,
  showPreview,
  marks,
  onDismiss,
  only = null,
  counts,
  onMore,
}: {
  recognition: PaneRecognition;
  report: Report;
  workbook: WorkbookSnapshot;
  focus: Focus | null;
  onSelect: (f: Focus) => void;
  onClosePreview: () => void;
  onDisableRule?: (ruleId: string) => void;
  /** The browser page shows the cell in a preview; Excel selects it instead. */
  showPreview: boolean;
  /** Live check and dismissals: which findings are new since the last burst, which are dismissed. */
  marks?: FindingMarks;
  /** Offers 标为已核实 / 取消已核实 when given. */
  onDismiss?: (f: Finding, undo: boolean) => void;
  /** One severity only (the summary tile clicked), or all. */
  only?: Severity | null;
  /** When `report.findings` is a selection (PaneView.groups): each group's true counts. */
  counts?: Record<string, SeverityCounts>;
  /** Asks for `n` findings of each severity of a group, when the selection holds fewer. */
  onMore?: (key: string, n: number) => void;
}) {
  const s = useStyles();
  const { t } = useI18n();
  const groups = React.useMemo(() => orderGroups(groupFindings(recognition, report.findings, counts), only), [recognition, report, only, counts]);
  // Findings of a group the selection left out (under the severity filter).
  const missing = (g: FindingGroup) => {
    if (!counts) return 0;
    const want = only ? g.counts[only] : g.counts.error + g.counts.warning + g.counts.info;
    return Math.max(0, want - g.findings.length);
  };
  const [open, setOpen] = React.useState<string[]>(() => groups.map((g) => g.key));
  // A live re-check gives new groups: those not seen before open, the user's closed ones stay closed.
  const seen = React.useRef(new Set(groups.map((g) => g.key)));
  React.useEffect(() => {
    const fresh = groups.map((g) => g.key).filter((k) => !seen.current.has(k));
    fresh.forEach((k) => seen.current.add(k));
    if (fresh.length) setOpen((o) => [...o, ...fresh]);
  }, [groups]);
  // Rounding tails are folded into one line per table until the clerk opens them.
  const [tailsOpen, setTailsOpen] = React.useState<string[]>([]);
  // A workbook with thousands of findings (a department's, or codes missing from the catalogue)
  // would make the pane draw them all at once: each group shows a page and grows on request.
  const [shown, setShown] = React.useState<Record<string, number>>({});
  const listRef = React.useRef<HTMLDivElement>(null);
  // After a check, the first error is in view (errors come first, but the summary may push them down).
  React.useEffect(() => {
    const first = listRef.current?.querySelector<HTMLElement>('[data-testid="finding"][data-severity="error"]');
    first?.scrollIntoView?.({ block: "nearest" });
  }, [report]);

  if (groups.length === 0) {
    return (
      <MessageBar intent="success" data-testid="no-findings">
        <MessageBarBody>{t("noFindings")}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <div ref={listRef}>
    <Accordion multiple collapsible openItems={open} onToggle={(_e, data) => setOpen(data.openItems as string[])} data-testid="findings">
      {groups.map((g) => (
        <AccordionItem key={g.key} value={g.key} data-testid="finding-group" data-table={g.table ?? ""}>
          <AccordionHeader size="small" expandIconPosition="end">
            <GroupTitle group={g} />
          </AccordionHeader>
          <AccordionPanel className={s.panel}>
            <ul className={s.list}>
              {withMissing(pageOf(foldTails(g.findings, tailsOpen.includes(g.key)), shown[g.key] ?? FINDINGS_PAGE), missing(g)).map((e) => {
                if (e.kind === "more") {
                  const more = () => {
                    const next = (shown[g.key] ?? FINDINGS_PAGE) + FINDINGS_PAGE;
                    setShown((o) => ({ ...o, [g.key]: (o[g.key] ?? FINDINGS_PAGE) + FINDINGS_PAGE }));
                    if (missing(g) > 0) onMore?.(g.key, next);
                  };
                  return (
                    <li key={`${g.key}#more`} data-testid="findings-more" data-rest={e.rest}>
                      <button type="button" className={s.tails} onClick={more}>
                        <span>{t("showMore", { n: Math.min(FINDINGS_PAGE, e.rest), rest: e.rest })}</span>
                      </button>
                    </li>
                  );
                }
                if (e.kind === "tails") {
                  return (
                    <li key={`${g.key}#tails`} data-testid="tails-folded" data-count={e.findings.length}>
                      <button type="button" className={s.tails} onClick={() => setTailsOpen((o) => [...o, g.key])} aria-expanded={false}>
                        <span>{t("tailsFolded", { n: e.findings.length })}</span>
                        <span className={s.tailsOpen}>{t("tailsOpen")}</span>
                      </button>
                    </li>
                  );
                }
                const f = e.finding;
                const i = e.index;
                const index = `${g.key}#${i}`;
                const active = focus?.index === index;
                return (
                  <FindingItem
                    key={index}
                    finding={f}
                    fallbackSheet={g.recognised?.sheet}
                    active={active}
                    onSelect={(target) => onSelect({ ...target, index })}
                    onDisableRule={onDisableRule}
                    isNew={marks?.isNew(f)}
                    dismissed={marks?.dismissal(f)}
                    onDismiss={onDismiss && ((undo) => onDismiss(f, undo))}
                  >
                    {showPreview && active && focus && (
                      <SheetPreview workbook={workbook} sheet={focus.sheet} cell={focus.cell} related={f.related} onClose={onClosePreview} />
                    )}
                  </FindingItem>
                );
              })}
            </ul>
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
    </div>
  );
}
