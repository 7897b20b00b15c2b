import * as React from "react";
import {
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
import { ChevronDown16Regular, ChevronRight16Regular } from "@fluentui/react-icons";
import { FINDINGS_PAGE, foldTails, groupFindings, orderGroups, pageOf, rowOffsets, rowsInBand, type FindingGroup, type ListEntry, type SeverityCounts } from "../model";
import { FindingItem } from "./FindingItem";
import { SheetPreview } from "./SheetPreview";

const useStyles = makeStyles({
  header: { display: "flex", alignItems: "center", gap: "6px", minWidth: 0, width: "100%" },
  title: { minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", flexGrow: 1 },
  ordinal: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  counts: { display: "flex", gap: "2px", flexShrink: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  // No margins between rows: each row's measured height is all the room it takes.
  groupHead: { margin: 0, paddingTop: "4px", fontSize: "inherit", fontWeight: "inherit" },
  groupButton: {
    display: "flex",
    alignItems: "center",
    gap: "4px",
    width: "100%",
    minHeight: "32px",
    padding: "4px 2px 4px 4px",
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    textAlign: "left",
    font: "inherit",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  chevron: { flexShrink: 0, color: tokens.colorNeutralForeground3 },
  lineRow: { paddingBottom: "4px" },
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

/** A line of the list: a group's header, or one of its entries. */
type Row =
  | { kind: "header"; key: string; group: FindingGroup; open: boolean }
  | { kind: "entry"; key: string; group: FindingGroup; entry: ListEntry | { kind: "more"; rest: number }; pos: number; size: number };

/** Up to this many rows the list is drawn whole; past it, only the rows in view and a margin. */
export const WINDOW_MIN_ROWS = 60;
/** The margin drawn above and below the visible part (px): scrolling a little never shows a gap. */
const OVERSCAN_PX = 600;

/** A row's height before it was measured. */
function estimate(r: Row): number {
  if (r.kind === "header") return 36;
  if (r.entry.kind !== "finding") return 36;
  const f = r.entry.finding;
  const chars = (f.message ?? "").length;
  return 44 + 17 * Math.max(1, Math.ceil(chars / 20));
}

/** Where the window is: the visible band in px from the list's top, or null before it is laid out. */
function bandOf(el: HTMLElement | null): { top: number; bottom: number } | null {
  if (!el) return null;
  const rect = el.getBoundingClientRect();
  const h = window.innerHeight || document.documentElement.clientHeight;
  return { top: -rect.top, bottom: h - rect.top };
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
  reveal = 0,
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
  /** Changes with each check (not with a live re-check): the first error is then brought into view. */
  reveal?: number;
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
  // Groups the clerk closed; a live re-check keeps them closed, and new groups come open.
  const [closed, setClosed] = React.useState<ReadonlySet<string>>(() => new Set());
  // Rounding tails are folded into one line per table until the clerk opens them.
  const [tailsOpen, setTailsOpen] = React.useState<string[]>([]);
  // A workbook with thousands of findings (a department's, or codes missing from the catalogue)
  // would make the pane draw them all at once: each group shows a page and grows on request.
  const [shown, setShown] = React.useState<Record<string, number>>({});

  // Every line of the list, laid end to end; only those in view are drawn (below).
  const rows = React.useMemo(() => {
    const out: Row[] = [];
    for (const g of groups) {
      const open = !closed.has(g.key);
      out.push({ kind: "header", key: `h|${g.key}`, group: g, open });
      if (!open) continue;
      const missingHere = counts ? Math.max(0, (only ? g.counts[only] : g.counts.error + g.counts.warning + g.counts.info) - g.findings.length) : 0;
      const entries = withMissing(pageOf(foldTails(g.findings, tailsOpen.includes(g.key)), shown[g.key] ?? FINDINGS_PAGE), missingHere);
      // A finding's line is known by what it is about (rule and cell), not by its position, so a
      // live re-check that adds a finding above it keeps its key (and its measured height).
      const seen = new Map<string, number>();
      entries.forEach((entry, i) => {
        let key: string;
        if (entry.kind === "finding") {
          const f = entry.finding;
          const base = `${g.key}#${f.ruleId}|${f.sheet ?? ""}|${f.cell ?? ""}`;
          const n = seen.get(base) ?? 0;
          seen.set(base, n + 1);
          key = n ? `${base}|${n}` : base;
        } else key = `${g.key}#${entry.kind}`;
        out.push({ kind: "entry", key, group: g, entry, pos: i + 1, size: entries.length });
      });
    }
    return out;
  }, [groups, closed, tailsOpen, shown, counts, only]);

  // Heights measured once drawn (by row key, so they survive a live re-check), estimated before.
  const heights = React.useRef(new Map<string, number>());
  const [measured, setMeasured] = React.useState(0);
  // `measured` counts changes to the heights (kept in a ref): a change lays the rows out again.
  const offsets = React.useMemo(() => (measured >= 0 ? rowOffsets(rows.map((r) => heights.current.get(r.key) ?? estimate(r))) : rowOffsets([])), [rows, measured]);
  const windowed = rows.length > WINDOW_MIN_ROWS;
  const listRef = React.useRef<HTMLDivElement>(null);
  const [band, setBand] = React.useState<{ top: number; bottom: number } | null>(null);
  // The lines in view are drawn first, the margin around them on the next task: the first paint of
  // a long list is as short as it can be.
  const [overscan, setOverscan] = React.useState(0);
  React.useEffect(() => {
    if (!windowed || overscan) return;
    const t = setTimeout(() => setOverscan(OVERSCAN_PX), 0);
    return () => clearTimeout(t);
  }, [windowed, overscan]);
  const range = !windowed
    ? { start: 0, end: rows.length }
    : (() => {
        // Before the first layout: the rows a window's height from the top.
        const b = band ?? { top: 0, bottom: window.innerHeight || 900 };
        return rowsInBand(offsets, b.top - overscan, b.bottom + overscan);
      })();

  // Where the window is, read once a frame in an animation frame callback: the layout it needs is
  // the frame's own (never a second, forced one in the middle of React's commit).
  const windowedRef = React.useRef(windowed);
  windowedRef.current = windowed;
  const frame = React.useRef(0);
  const updateBand = React.useCallback(() => {
    frame.current = 0;
    if (!windowedRef.current) return;
    const b = bandOf(listRef.current);
    if (b) setBand((old) => (old && Math.abs(old.top - b.top) < 1 && Math.abs(old.bottom - b.bottom) < 1 ? old : b));
  }, []);
  const bandNextFrame = React.useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(updateBand);
  }, [updateBand]);

  // The window follows scrolling and resizing.
  React.useEffect(() => {
    if (!windowed) return;
    bandNextFrame();
    window.addEventListener("scroll", bandNextFrame, { passive: true, capture: true });
    window.addEventListener("resize", bandNextFrame);
    return () => {
      window.removeEventListener("scroll", bandNextFrame, { capture: true });
      window.removeEventListener("resize", bandNextFrame);
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [windowed, bandNextFrame]);

  // Rows are measured by a ResizeObserver, which reports sizes after the browser has laid them out
  // (no layout read during the commit); a height that differs from what was assumed lays the list
  // out again. Rows drawn are observed after each render, rows gone are let go.
  const observer = React.useRef<ResizeObserver | null>(null);
  const observed = React.useRef(new Set<Element>());
  React.useEffect(() => {
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver((entries) => {
      let changed = false;
      for (const e of entries) {
        const key = (e.target as HTMLElement).dataset.vrow;
        if (!key || !e.target.isConnected) continue;
        const h = e.borderBoxSize?.[0]?.blockSize ?? (e.target as HTMLElement).getBoundingClientRect().height;
        if (Math.abs((heights.current.get(key) ?? -1) - h) >= 0.5) {
          heights.current.set(key, h);
          changed = true;
        }
      }
      if (changed) setMeasured((n) => n + 1);
      bandNextFrame();
    });
    observer.current = ro;
    const seen = observed.current;
    return () => {
      ro.disconnect();
      seen.clear();
      observer.current = null;
    };
  }, [bandNextFrame]);
  React.useEffect(() => {
    const ro = observer.current;
    const el = listRef.current;
    if (!ro || !el) return;
    const seen = observed.current;
    for (const r of seen) {
      if (!r.isConnected) {
        ro.unobserve(r);
        seen.delete(r);
      }
    }
    el.querySelectorAll<HTMLElement>("[data-vrow]").forEach((r) => {
      if (!seen.has(r)) {
        ro.observe(r);
        seen.add(r);
      }
    });
    // What is above the list may have moved it (a notice, the live panel): look again next frame.
    if (windowed) bandNextFrame();
  });

  // After a check (not a live re-check, which keeps the clerk's place), the first error is in view
  // (in the next frame, with the frame's layout).
  React.useEffect(() => {
    const f = requestAnimationFrame(() => {
      const first = listRef.current?.querySelector<HTMLElement>('[data-testid="finding"][data-severity="error"]');
      first?.scrollIntoView?.({ block: "nearest" });
    });
    return () => cancelAnimationFrame(f);
  }, [reveal]);

  // Keyboard: ↑/↓ move between the lines (group headers included), Home/End to the first and last;
  // a line outside the window is scrolled to, drawn, then focused.
  const pendingFocus = React.useRef<number | null>(null);
  const focusRow = (i: number): boolean => {
    const row = listRef.current?.querySelector<HTMLElement>(`[data-vindex="${i}"]`);
    const target = row?.matches("button, [tabindex]") ? row : row?.querySelector<HTMLElement>('button, [tabindex="0"]');
    if (!target) return false;
    target.focus();
    return true;
  };
  React.useLayoutEffect(() => {
    const i = pendingFocus.current;
    if (i !== null && focusRow(i)) pendingFocus.current = null;
  });
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
    const at = (e.target as HTMLElement).closest<HTMLElement>("[data-vindex]");
    if (!at || (e.target as HTMLElement).closest("[role=menu], input, textarea")) return;
    // A key pressed again before the line it moved to is drawn moves on from that line, not from the
    // one still focused (a held ↓ must not lose steps).
    const i = pendingFocus.current ?? Number(at.dataset.vindex);
    const next = e.key === "ArrowDown" ? Math.min(rows.length - 1, i + 1) : e.key === "ArrowUp" ? Math.max(0, i - 1) : e.key === "Home" ? 0 : rows.length - 1;
    e.preventDefault();
    if (next === i || focusRow(next)) return;
    pendingFocus.current = next;
    const el = listRef.current;
    if (el) window.scrollTo({ top: window.scrollY + el.getBoundingClientRect().top + offsets[next] - 40 });
  };

  if (groups.length === 0) {
    return (
      <MessageBar intent="success" data-testid="no-findings">
        <MessageBarBody>{t("noFindings")}</MessageBarBody>
      </MessageBar>
    );
  }

  const toggle = (key: string) =>
    setClosed((c) => {
      const next = new Set(c);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const entryRow = (r: Extract<Row, { kind: "entry" }>, vindex: number) => {
    const g = r.group;
    const e = r.entry;
    const aria = { "data-vrow": r.key, "data-vindex": vindex, "aria-setsize": r.size, "aria-posinset": r.pos };
    if (e.kind === "more") {
      const more = () => {
        const next = (shown[g.key] ?? FINDINGS_PAGE) + FINDINGS_PAGE;
        setShown((o) => ({ ...o, [g.key]: (o[g.key] ?? FINDINGS_PAGE) + FINDINGS_PAGE }));
        if (missing(g) > 0) onMore?.(g.key, next);
      };
      return (
        <li key={r.key} data-testid="findings-more" data-rest={e.rest} className={s.lineRow} {...aria}>
          <button type="button" className={s.tails} onClick={more}>
            <span>{t("showMore", { n: Math.min(FINDINGS_PAGE, e.rest), rest: e.rest })}</span>
          </button>
        </li>
      );
    }
    if (e.kind === "tails") {
      return (
        <li key={r.key} data-testid="tails-folded" data-count={e.findings.length} className={s.lineRow} {...aria}>
          <button type="button" className={s.tails} onClick={() => setTailsOpen((o) => [...o, g.key])} aria-expanded={false}>
            <span>{t("tailsFolded", { n: e.findings.length })}</span>
            <span className={s.tailsOpen}>{t("tailsOpen")}</span>
          </button>
        </li>
      );
    }
    const f = e.finding;
    const index = r.key;
    const active = focus?.index === index;
    return (
      <FindingItem
        key={r.key}
        finding={f}
        fallbackSheet={g.recognised?.sheet}
        active={active}
        onSelect={(target) => onSelect({ ...target, index })}
        onDisableRule={onDisableRule}
        isNew={marks?.isNew(f)}
        dismissed={marks?.dismissal(f)}
        onDismiss={onDismiss && ((undo) => onDismiss(f, undo))}
        rowProps={aria}
      >
        {showPreview && active && focus && <SheetPreview workbook={workbook} sheet={focus.sheet} cell={focus.cell} related={f.related} onClose={onClosePreview} />}
      </FindingItem>
    );
  };

  // The rows in the window, a group's header and its entries kept together (header, then a list).
  const parts: React.ReactNode[] = [];
  for (let i = range.start; i < range.end; ) {
    const g = rows[i].group;
    const header = rows[i].kind === "header" ? (rows[i] as Extract<Row, { kind: "header" }>) : null;
    const headerIndex = i;
    if (header) i++;
    const entries: React.ReactNode[] = [];
    while (i < range.end && rows[i].kind === "entry" && rows[i].group === g) {
      entries.push(entryRow(rows[i] as Extract<Row, { kind: "entry" }>, i));
      i++;
    }
    const listId = `findings-${g.key}`;
    parts.push(
      <div key={g.key} data-testid="finding-group" data-table={g.table ?? ""} role="group" aria-labelledby={`${listId}-h`}>
        {header && (
          <h3 className={s.groupHead} data-vrow={header.key} data-vindex={headerIndex} id={`${listId}-h`}>
            <button type="button" className={s.groupButton} aria-expanded={header.open} aria-controls={header.open ? listId : undefined} onClick={() => toggle(g.key)} data-testid="finding-group-toggle">
              <GroupTitle group={g} />
              {header.open ? <ChevronDown16Regular className={s.chevron} /> : <ChevronRight16Regular className={s.chevron} />}
            </button>
          </h3>
        )}
        {entries.length > 0 && (
          <ul className={s.list} role="list" id={listId} aria-labelledby={`${listId}-h`}>
            {entries}
          </ul>
        )}
      </div>,
    );
  }
  const total = offsets[rows.length];
  return (
    <div ref={listRef} data-testid="findings" data-rows={rows.length} data-windowed={windowed ? "true" : undefined} onKeyDown={onKeyDown}>
      {range.start > 0 && <div aria-hidden="true" style={{ height: offsets[range.start] }} data-testid="findings-spacer" />}
      {parts}
      {range.end < rows.length && <div aria-hidden="true" style={{ height: total - offsets[range.end] }} data-testid="findings-spacer" />}
    </div>
  );
}
