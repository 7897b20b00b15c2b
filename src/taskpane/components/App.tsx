import * as React from "react";
import type { Severity } from "../../core/report/finding";
import {
  Body1,
  Button,
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndo16Regular, CheckmarkStarburst16Regular, NumberSymbol16Regular } from "@fluentui/react-icons";
import type { Finding } from "../../core/report/finding";
import type { RuleMeta } from "../../core/rules/types";
import type { SnapshotOp } from "../../core/workbook/apply-region";
import type { WorkbookSnapshot } from "../../core/workbook/snapshot";
import { describeError } from "../../excel/errors";
import { DISMISSALS_KEY, dismiss, parseDismissals, undismiss, type Dismissal } from "../dismiss";
import type { Engine } from "../engine";
import { downloadText, copyText } from "../export";
import type { ExcelHost, PaneHost } from "../host";
import { I18nContext, makeI18n, type Lang } from "../i18n";
import { LEDGER_KEY, parseLedger } from "../ledger";
import { LiveController, loadLiveOn, saveLiveOn } from "../live";
import { loadInPieces } from "../load";
import { exportFileName, findingGroupKey } from "../model";
import { loadCatalogue, loadDisabledRules, loadLayoutSet, readLocal, saveCatalogue, saveDisabledRules, saveLayoutSet, writeLocal, type LoadedCatalogue } from "../settings";
import { layoutSetIds } from "../../core/layouts/names";
import { applyFindingsDelta, type PaneView } from "../view";
import type { CheckOptions, Stage } from "../worker/protocol";
import { useEngine } from "../hooks/useEngine";
import { useFill } from "../hooks/useFill";
import { useFindingMarks } from "../hooks/useFindingMarks";
import { useStagedDraw } from "../hooks/useStagedDraw";
import { DismissDialog, ExportConfirmDialog } from "./LazyDialogs";
import { FillPanel } from "./FillPanel";
import { FilePicker } from "./FilePicker";
import { FindingList, type Focus } from "./FindingList";
import { Header } from "./Header";
import { LivePanel, type LiveDiffView } from "./LivePanel";
import { NarrativeDraftPanel } from "./NarrativeDraftPanel";
import { PublishPanel } from "./PublishPanel";
import { Settings } from "./Settings";
import { Summary } from "./Summary";
import { TableList } from "./TableList";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  body: { display: "flex", flexDirection: "column", gap: "10px", padding: "10px 12px 16px" },
  intro: { color: tokens.colorNeutralForeground2 },
  check: { width: "100%" },
  tabs: { marginLeft: "-10px" },
  progress: { display: "flex", flexDirection: "column", gap: "4px" },
  actions: { display: "flex", gap: "6px", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
});

type State =
  | { kind: "idle" }
  | { kind: "working"; stage: Stage; done?: number; total?: number }
  | { kind: "done"; view: PaneView }
  | { kind: "failed"; error: unknown };

type Notice = { intent: "success" | "error" | "warning"; text: string } | null;

const LANG_KEY = "budget-disclosure.lang";
const EMPTY_WORKBOOK: WorkbookSnapshot = { name: "", sheets: [] };
function savedLang(): Lang {
  return readLocal(LANG_KEY) === "en" ? "en" : "zh-CN";
}

function browserDismissKey(hash: string): string {
  return `${DISMISSALS_KEY}.${hash}`;
}

export function App({ host, initialLang, engine: givenEngine }: { host: PaneHost; initialLang?: Lang; engine?: Engine }) {
  const s = useStyles();
  const [lang, setLang] = React.useState<Lang>(() => initialLang ?? savedLang());
  const i18n = React.useMemo(() => makeI18n(lang), [lang]);
  const { t } = i18n;

  // The analysis runs in a Web Worker; the pane only shows its plain view.
  const { getEngine } = useEngine(givenEngine);

  const [picked, setPicked] = React.useState<{ name: string; hash: string } | null>(null);
  const [state, setState] = React.useState<State>({ kind: "idle" });
  const [tab, setTab] = React.useState<"findings" | "tables">("findings");
  /** The summary tile clicked: the list shows that severity only. */
  const [only, setOnly] = React.useState<Severity | null>(null);
  const [focus, setFocus] = React.useState<Focus | null>(null);
  const [preview, setPreview] = React.useState<WorkbookSnapshot>(EMPTY_WORKBOOK);
  const [notice, setNotice] = React.useState<Notice>(null);
  const [rules, setRules] = React.useState<RuleMeta[]>([]);
  const [disabledRules, setDisabledRules] = React.useState<string[]>(() => loadDisabledRules([]));
  const [catalogue, setCatalogue] = React.useState<LoadedCatalogue | null>(() => loadCatalogue());
  const [layoutSet, setLayoutSet] = React.useState<string | null>(() => loadLayoutSet(layoutSetIds()));
  const [liveOn, setLiveOn] = React.useState<boolean>(() => loadLiveOn());
  const [liveBusy, setLiveBusy] = React.useState(false);
  const [liveError, setLiveError] = React.useState<string | null>(null);
  const [diff, setDiff] = React.useState<{ added: Set<string>; view: LiveDiffView } | null>(null);
  const [selection, setSelection] = React.useState<{ sheet: string; address: string } | null>(null);
  const [dismissals, setDismissals] = React.useState<Dismissal[]>([]);
  const [dismissing, setDismissing] = React.useState<Finding | null>(null);
  /** Counts checks (not live re-checks): the list brings the first error into view after each. */
  const [checks, setChecks] = React.useState(0);

  // Settings, the view and the host state change while a read or a burst is in flight: handlers read them here.
  const current = React.useRef({ disabledRules, catalogue, layoutSet, state, picked });
  current.current = { disabledRules, catalogue, layoutSet, state, picked };
  const live = React.useRef<LiveController | null>(null);

  React.useEffect(() => {
    let gone = false;
    getEngine()
      .then((e) => e.call("rules", {}))
      .then((r) => {
        if (gone) return;
        setRules(r);
        setDisabledRules(loadDisabledRules(r.map((x) => x.id)));
      })
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [getEngine]);

  // The live handlers go with the pane (the worker too: useEngine).
  React.useEffect(() => {
    const bye = () => {
      void live.current?.stop();
      live.current = null;
    };
    window.addEventListener("pagehide", bye);
    return () => {
      window.removeEventListener("pagehide", bye);
      bye();
    };
  }, []);

  const toggleLang = () => {
    const next: Lang = lang === "en" ? "zh-CN" : "en";
    setLang(next);
    writeLocal(LANG_KEY, next);
  };

  const optionsNow = (): CheckOptions => ({
    disabledRules: [...current.current.disabledRules],
    catalogueEntries: current.current.catalogue?.entries,
    ...(current.current.layoutSet ? { layoutSet: current.current.layoutSet } : {}),
  });
  const busy = state.kind === "working";
  /**
   * The spinner and the progress block are drawn a task after the click that starts a check: their
   * first mount inserts Fluent's styles for them, which with the rest of the click's commit made one
   * task of some 60 ms (issue 7). React draws the deferred value in a later, separate commit.
   */
  const busyDrawn = React.useDeferredValue(busy) && busy;
  const canCheck = !busy && (host.kind === "excel" || (host.kind === "browser" && picked !== null));
  const excel: ExcelHost | null = host.kind === "excel" ? host : null;

  const onFile = async (file: File) => {
    if (host.kind !== "browser") return;
    setState({ kind: "working", stage: "reading" });
    setNotice(null);
    setFocus(null);
    setFill(null);
    setDiff(null);
    try {
      const engine = await getEngine();
      const bytes = await file.arrayBuffer();
      const opened = await engine.call("open", { bytes, name: file.name }, (stage) => setState({ kind: "working", stage }), [bytes]);
      setPicked({ name: file.name, hash: opened.hash });
      setDismissals(parseDismissals(readLocal(browserDismissKey(opened.hash))));
      // Choosing a file is asking for its check: no second click on 校验.
      current.current = { ...current.current, picked: { name: file.name, hash: opened.hash } };
      await runCheck();
    } catch (error) {
      setPicked(null);
      setState({ kind: "failed", error });
    }
  };

  const stopLive = async () => {
    const c = live.current;
    live.current = null;
    await c?.stop();
  };

  const startLive = async (xl: ExcelHost) => {
    await stopLive();
    const engine = await getEngine();
    const c = new LiveController({
      host: xl,
      tables: () => {
        const st = current.current.state;
        return st.kind === "done" ? st.view.recognition.tables : [];
      },
      apply: async (ops: SnapshotOp[]) => {
        // The view shown now: a small delta of its findings comes back instead of all of them.
        const st = current.current.state;
        const shown = st.kind === "done" ? st.view : null;
        const out = await engine.call("live", { ops, ...(shown?.version !== undefined ? { base: shown.version } : {}) });
        if (live.current !== c) return;
        const view = out.delta && shown ? { ...out.view, report: { ...out.view.report, findings: applyFindingsDelta(shown.report.findings, out.delta) } } : out.view;
        setState({ kind: "done", view });
        setDiff({ added: new Set(out.diff.added), view: { added: out.diff.added.length, resolved: out.diff.resolved } });
        setLiveError(null);
      },
      onSelection: (sheet, address) => setSelection({ sheet, address }),
      onError: (e) => setLiveError(describeError(e, lang).message),
      onBusy: setLiveBusy,
    });
    live.current = c;
    try {
      await c.start();
    } catch (e) {
      live.current = null;
      setLiveError(describeError(e, lang).message);
    }
  };

  const loadExcelState = async (xl: ExcelHost) => {
    const [d, l] = await Promise.all([xl.loadState(DISMISSALS_KEY).catch(() => null), xl.loadState(LEDGER_KEY).catch(() => null)]);
    setDismissals(parseDismissals(d));
    setLedger(parseLedger(l));
  };

  const runCheck = async () => {
    setState({ kind: "working", stage: "reading" });
    setOnly(null);
    setNotice(null);
    setFocus(null);
    setFill(null);
    setDiff(null);
    setLiveError(null);
    try {
      const engine = await getEngine();
      if (host.kind === "excel") {
        await stopLive();
        await loadInPieces(engine, await host.readWorkbook((done, total) => setState({ kind: "working", stage: "reading", done, total })));
      } else if (host.kind !== "browser" || !current.current.picked) {
        throw new Error(t("noFile"));
      }
      const view = await engine.call("analyse", { options: optionsNow() }, (stage) => setState({ kind: "working", stage }));
      // The finished pane is drawn as a transition: React renders it in slices of a few
      // milliseconds, yielding to the browser between two, and only its commit is one task.
      React.startTransition(() => {
        setState({ kind: "done", view });
        setChecks((n) => n + 1);
        setTab(view.recognition.tables.length ? "findings" : "tables");
      });
      if (host.kind === "excel") {
        await loadExcelState(host);
        if (loadLiveOn()) await startLive(host);
      }
    } catch (error) {
      setState({ kind: "failed", error });
    }
  };

  const onLiveToggle = async (on: boolean) => {
    setLiveOn(on);
    saveLiveOn(on);
    setDiff(null);
    if (!excel) return;
    if (!on) await stopLive();
    else if (state.kind === "done") {
      // Edits made while it was off are not known: read the workbook again, then listen.
      await runCheck();
    }
  };

  /**
   * A changed setting applies at once to the workbook already read: the worker checks its snapshot
   * again (re-reading Excel is what 重新校验 is for).
   */
  const [settling, setSettling] = React.useState(0);
  const applySettings = async (disabled: string[], cat: LoadedCatalogue | null, after: Notice = null) => {
    setDisabledRules(disabled);
    setCatalogue(cat);
    current.current = { ...current.current, disabledRules: disabled, catalogue: cat };
    if (state.kind !== "done") return;
    setFocus(null);
    // Until the worker answers, the findings shown are those of the old settings: the root says so
    // (data-settling), in the same commit that shows the new setting.
    setSettling((n) => n + 1);
    try {
      const engine = await getEngine();
      const view = await engine.call("analyse", { options: optionsNow() });
      setState({ kind: "done", view });
      setChecks((n) => n + 1);
      setNotice(after);
    } catch (error) {
      setState({ kind: "failed", error });
    } finally {
      setSettling((n) => n - 1);
    }
  };

  const onLayoutChange = (next: string | null) => {
    saveLayoutSet(next);
    setLayoutSet(next);
    current.current = { ...current.current, layoutSet: next };
    void applySettings(disabledRules, catalogue);
  };

  const onDisabledChange = (next: string[]) => {
    saveDisabledRules(next);
    void applySettings(next, catalogue);
  };

  const onDisableRule = (id: string) => {
    const ids = rules.map((r) => r.id);
    if (!ids.includes(id) || disabledRules.includes(id)) return;
    const next = ids.filter((r) => r === id || disabledRules.includes(r));
    saveDisabledRules(next);
    const rule = rules.find((r) => r.id === id);
    const title = rule ? (lang === "en" ? rule.title.en : rule.title.zh) : id;
    void applySettings(next, catalogue, { intent: "success", text: t("ruleDisabledNotice", { title }) });
  };

  const onCatalogue = (next: LoadedCatalogue | null) => {
    saveCatalogue(next);
    void applySettings(disabledRules, next, next ? null : { intent: "success", text: t("catalogueRemoved") });
  };

  // A workbook with errors is exported only after a confirmation, and its package says "forced": true.
  const [confirming, setConfirming] = React.useState<"export" | "copy" | null>(null);
  const errorCount = state.kind === "done" ? state.view.report.summary.errors : 0;
  const packageText = async (forced: boolean) => (await getEngine()).call("package", { dismissals, forced });

  const onExport = async (forced = false) => {
    if (state.kind !== "done") return;
    if (errorCount > 0 && !forced) return setConfirming("export");
    const name = exportFileName(state.view.recognition.workbook);
    try {
      downloadText(name, await packageText(forced));
      setNotice({ intent: "success", text: t("exported", { name }) });
    } catch (e) {
      setNotice({ intent: "error", text: describeError(e, lang).message });
    }
  };

  const onCopy = async (forced = false) => {
    if (errorCount > 0 && !forced) return setConfirming("copy");
    try {
      await copyText(await packageText(forced));
      setNotice({ intent: "success", text: t("copied") });
    } catch (e) {
      setNotice({ intent: "error", text: t("copyFailed", { reason: describeError(e, lang).message }) });
    }
  };

  const onSelect = async (f: Focus) => {
    if (host.kind === "browser") {
      try {
        setPreview(await (await getEngine()).call("slice", { sheet: f.sheet, cell: f.cell }));
      } catch {
        setPreview(EMPTY_WORKBOOK);
      }
    }
    setFocus(f);
    if (host.kind !== "excel") return;
    try {
      await host.selectCell(f.sheet, f.cell);
    } catch (e) {
      setNotice({ intent: "error", text: t("navFailed", { reason: describeError(e, lang).message }) });
    }
  };

  // ---- dismissals (已核实) ----
  const saveDismissals = async (next: Dismissal[]) => {
    setDismissals(next);
    const text = next.length ? JSON.stringify(next) : null;
    try {
      if (host.kind === "excel") await host.saveState(DISMISSALS_KEY, text);
      else if (picked) writeLocal(browserDismissKey(picked.hash), text);
    } catch (e) {
      setNotice({ intent: "error", text: describeError(e, lang).message });
    }
  };
  const onDismiss = (f: Finding, undo: boolean) => {
    if (undo) void saveDismissals(undismiss(dismissals, f));
    else setDismissing(f);
  };

  // ---- 填写编码 ----
  const { fill, setFill, ledger, setLedger, writing, openFill, applyFill, revertFill } = useFill({ host, getEngine, picked, live, setNotice, runCheck, t, lang });

  // ---- what the list marks ----
  const view = state.kind === "done" ? state.view : null;
  const { marks, dismissedCount, cellFindings } = useFindingMarks({ view, added: diff?.added ?? null, dismissals, selection, getEngine });
  const onMoreFindings = async (key: string, n: number) => {
    const page = await (await getEngine()).call("page", { key, n });
    const st = current.current.state;
    if (st.kind !== "done" || !st.view.groups) return;
    const findings = st.view.report.findings.filter((f) => findingGroupKey(f) !== key).concat(page);
    setState({ kind: "done", view: { ...st.view, report: { ...st.view.report, findings } } });
  };

  const { listReady } = useStagedDraw(checks);
  const listView = listReady ? view : null;

  const failure = state.kind === "failed" ? describeError(state.error, lang) : null;
  const stageText = state.kind === "working" ? t(`stage_${state.stage}`) : "";

  return (
    <I18nContext.Provider value={i18n}>
      <div className={s.root} lang={lang === "en" ? "en" : "zh-CN"} data-list-pending={view && !listReady ? "true" : undefined} data-settling={settling > 0 ? "true" : undefined}>
        <Header onToggleLang={toggleLang} />
        <main className={s.body}>
          {host.kind === "unavailable" ? (
            <MessageBar intent="warning" layout="multiline" data-testid="unavailable" data-reason={host.reason ?? "outsideOffice"}>
              <MessageBarBody>
                {t(host.reason ?? "outsideOffice")} <Link href="browser.html">browser.html</Link>
              </MessageBarBody>
            </MessageBar>
          ) : (
            <Caption1 as="p" className={s.intro} style={{ margin: 0 }}>
              {host.kind === "browser" ? t("introBrowser") : t("intro")}
            </Caption1>
          )}

          {host.kind === "browser" && <FilePicker fileName={picked?.name ?? null} disabled={busy} onFile={onFile} />}

          <Button
            appearance="primary"
            className={s.check}
            disabled={!canCheck}
            onClick={runCheck}
            icon={busyDrawn ? <Spinner size="tiny" appearance="inverted" /> : <CheckmarkStarburst16Regular />}
            data-testid="check"
          >
            {busy ? (picked || host.kind === "excel" ? t("checking") : t("readingFile")) : state.kind === "done" ? t("recheck") : t("check")}
          </Button>

          {state.kind === "working" && busyDrawn && (
            <div className={s.progress} data-testid="progress" data-stage={state.stage} role="status">
              <ProgressBar value={state.total ? (state.done ?? 0) / state.total : undefined} thickness="medium" />
              <Caption1 className={s.muted}>{stageText}</Caption1>
            </div>
          )}

          {excel && state.kind === "done" && (
            <LivePanel
              on={liveOn}
              onToggle={(on) => void onLiveToggle(on)}
              busy={liveBusy}
              diff={diff?.view ?? null}
              error={liveError}
              selection={selection}
              cellFindings={cellFindings}
            />
          )}

          {rules.length > 0 && (
            <Settings
              rules={rules}
              disabled={disabledRules}
              onDisabledChange={onDisabledChange}
              catalogue={catalogue}
              onCatalogue={onCatalogue}
              layoutSet={layoutSet}
              recognisedLayout={state.kind === "done" ? state.view.recognition.layoutSet : null}
              onLayoutChange={onLayoutChange}
            />
          )}

          {failure && (
            <MessageBar intent="error" layout="multiline" data-testid="failure">
              <MessageBarBody>
                <MessageBarTitle>{t("failed")}</MessageBarTitle>
                {failure.message}
                {failure.details && <pre style={{ whiteSpace: "pre-wrap", margin: "4px 0 0", fontSize: 11 }}>{failure.details}</pre>}
              </MessageBarBody>
            </MessageBar>
          )}

          {view && (
            <>
              {listView && (
                <Summary
                  report={listView.report}
                  onExport={() => void onExport()}
                  onCopy={() => void onCopy()}
                  only={only}
                  onFilter={(v) => {
                    setOnly(v);
                    setTab("findings");
                  }}
                />
              )}
              {dismissedCount > 0 && (
                <Caption1 className={s.muted} data-testid="dismissed-count">
                  {t("dismissedCount", { n: dismissedCount })} · {host.kind === "excel" ? t("dismissStoredExcel") : t("dismissStoredBrowser")}
                </Caption1>
              )}
              <PublishPanel host={host} view={view} getEngine={getEngine} packageText={packageText} />
              {(view.fillable > 0 || ledger) && !fill && (
                <div className={s.actions}>
                  {view.fillable > 0 && (
                    <Button size="small" icon={<NumberSymbol16Regular />} onClick={() => void openFill()} disabled={writing} data-testid="fill-open">
                      {t("fillOpen", { n: view.fillable })}
                    </Button>
                  )}
                  {ledger && host.kind === "excel" && (
                    <Button size="small" icon={<ArrowUndo16Regular />} onClick={() => void revertFill()} disabled={writing} data-testid="fill-revert">
                      {t("fillRevert", { n: ledger.entries.length })}
                    </Button>
                  )}
                </div>
              )}
              {fill && fill.length > 0 && (
                <FillPanel changes={fill} mode={host.kind === "excel" ? "excel" : "browser"} busy={writing} onApply={(c) => void applyFill(c)} onClose={() => setFill(null)} />
              )}
              {notice && (
                <MessageBar intent={notice.intent} layout="multiline" data-testid="notice">
                  <MessageBarBody>{notice.text}</MessageBarBody>
                </MessageBar>
              )}
              {view.recognition.tables.length === 0 && (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>{t("noTables")}</MessageBarBody>
                </MessageBar>
              )}
              {view.recognition.tables.length > 0 && <NarrativeDraftPanel getEngine={getEngine} version={view.version} />}
              {listView && (
                <>
                  <TabList
                    key={lang /* the selection bar is measured on mount; remeasure when the labels change width */}
                    className={s.tabs}
                    size="small"
                    selectedValue={tab}
                    onTabSelect={(_e, d) => setTab(d.value as "findings" | "tables")}
                  >
                    <Tab value="findings" data-testid="tab-findings">
                      {t("tabFindings")} ({listView.findingsTotal ?? listView.report.findings.length})
                    </Tab>
                    <Tab value="tables" data-testid="tab-tables">
                      {t("tabTables")} ({listView.recognition.tables.length})
                    </Tab>
                  </TabList>
                  {tab === "findings" ? (
                    <FindingList
                      recognition={listView.recognition}
                      report={listView.report}
                      workbook={preview}
                      focus={focus}
                      onSelect={(f) => void onSelect(f)}
                      onClosePreview={() => setFocus(null)}
                      onDisableRule={onDisableRule}
                      showPreview={host.kind === "browser"}
                      marks={marks}
                      onDismiss={onDismiss}
                      only={only}
                      counts={listView.groups}
                      onMore={(key, n) => void onMoreFindings(key, n)}
                      reveal={checks}
                    />
                  ) : (
                    <TableList recognition={listView.recognition} />
                  )}
                </>
              )}
            </>
          )}
          {state.kind === "idle" && host.kind === "browser" && !picked && <Body1 style={{ color: tokens.colorNeutralForeground3 }}>{t("noFile")}</Body1>}
        </main>
        <ExportConfirmDialog
          errors={errorCount}
          open={confirming !== null}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const what = confirming;
            setConfirming(null);
            if (what === "export") void onExport(true);
            else if (what === "copy") void onCopy(true);
          }}
        />
        <DismissDialog
          finding={dismissing}
          where={host.kind === "excel" ? "excel" : "browser"}
          onCancel={() => setDismissing(null)}
          onConfirm={(note) => {
            if (dismissing) void saveDismissals(dismiss(dismissals, dismissing, note, new Date()));
            setDismissing(null);
          }}
        />
      </div>
    </I18nContext.Provider>
  );
}


