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
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { CheckmarkStarburst16Regular } from "@fluentui/react-icons";
import { analyse, packageOf, type AnalyseOptions, type AnalysisResult } from "../../core/analyse";
import { allRules } from "../../core/rules/all";
import type { RuleMeta } from "../../core/rules/types";
import type { WorkbookSnapshot } from "../../core/workbook/snapshot";
import { describeError } from "../../excel/errors";
import { downloadText, copyText } from "../export";
import type { PaneHost } from "../host";
import { I18nContext, makeI18n, type Lang } from "../i18n";
import { exportFileName } from "../model";
import { loadCatalogue, loadDisabledRules, saveCatalogue, saveDisabledRules, type LoadedCatalogue } from "../settings";
import { FilePicker } from "./FilePicker";
import { FindingList, type Focus } from "./FindingList";
import { Header } from "./Header";
import { Settings } from "./Settings";
import { Summary } from "./Summary";
import { TableList } from "./TableList";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  body: { display: "flex", flexDirection: "column", gap: "10px", padding: "10px 12px 16px" },
  intro: { color: tokens.colorNeutralForeground2 },
  check: { width: "100%" },
  tabs: { marginLeft: "-10px" },
});

type State =
  | { kind: "idle" }
  | { kind: "reading" }
  | { kind: "running" }
  | { kind: "done"; workbook: WorkbookSnapshot; result: AnalysisResult }
  | { kind: "failed"; error: unknown };

type Notice = { intent: "success" | "error"; text: string } | null;

const LANG_KEY = "budget-disclosure.lang";

function savedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

const RULES: readonly RuleMeta[] = allRules();
const RULE_IDS = RULES.map((r) => r.id);

function optionsOf(disabled: readonly string[], catalogue: LoadedCatalogue | null): AnalyseOptions {
  return { disabledRules: [...disabled], catalogueEntries: catalogue?.entries };
}

/** Lets the spinner paint before the synchronous analysis holds the thread. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function App({ host, initialLang }: { host: PaneHost; initialLang?: Lang }) {
  const s = useStyles();
  const [lang, setLang] = React.useState<Lang>(() => initialLang ?? savedLang());
  const i18n = React.useMemo(() => makeI18n(lang), [lang]);
  const { t } = i18n;
  const [picked, setPicked] = React.useState<{ name: string; workbook: WorkbookSnapshot } | null>(null);
  const [state, setState] = React.useState<State>({ kind: "idle" });
  const [tab, setTab] = React.useState<"findings" | "tables">("findings");
  /** The summary tile clicked: the list shows that severity only. */
  const [only, setOnly] = React.useState<Severity | null>(null);
  const [focus, setFocus] = React.useState<Focus | null>(null);
  const [notice, setNotice] = React.useState<Notice>(null);
  const [disabledRules, setDisabledRules] = React.useState<string[]>(() => loadDisabledRules(RULE_IDS));
  const [catalogue, setCatalogue] = React.useState<LoadedCatalogue | null>(() => loadCatalogue());
  // A check reads the workbook asynchronously; a setting changed meanwhile must still apply to it.
  const settings = React.useRef({ disabledRules, catalogue });
  settings.current = { disabledRules, catalogue };

  const toggleLang = () => {
    const next: Lang = lang === "en" ? "zh-CN" : "en";
    setLang(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // private windows and some Office webviews refuse storage; the choice then lasts the session
    }
  };

  const busy = state.kind === "reading" || state.kind === "running";
  const canCheck = !busy && (host.kind === "excel" || (host.kind === "browser" && picked !== null));

  const onFile = async (file: File) => {
    if (host.kind !== "browser") return;
    setState({ kind: "reading" });
    setNotice(null);
    setFocus(null);
    try {
      const workbook = await host.readFile(file);
      setPicked({ name: file.name, workbook });
      // Choosing a file is asking for its check: no second click on 校验.
      await runCheck(workbook);
    } catch (error) {
      setPicked(null);
      setState({ kind: "failed", error });
    }
  };

  const runCheck = async (chosen?: WorkbookSnapshot) => {
    setState({ kind: "running" });
    setNotice(null);
    setFocus(null);
    setOnly(null);
    await nextFrame();
    try {
      let workbook: WorkbookSnapshot;
      if (chosen) workbook = chosen;
      else if (host.kind === "excel") workbook = await host.readWorkbook();
      else if (host.kind === "browser" && picked) workbook = picked.workbook;
      else throw new Error(t("noFile"));
      const result = analyse(workbook, optionsOf(settings.current.disabledRules, settings.current.catalogue));
      setState({ kind: "done", workbook, result });
      // Errors first: open on the findings unless nothing was recognised.
      setTab(result.recognition.tables.length ? "findings" : "tables");
    } catch (error) {
      setState({ kind: "failed", error });
    }
  };

  /**
   * A changed setting applies at once to the workbook already read: the findings on screen stay
   * those of that snapshot (re-reading Excel is what 重新校验 is for), and the analysis takes
   * well under a second, so the list is swapped in place rather than through the spinner.
   */
  const applySettings = (disabled: string[], cat: LoadedCatalogue | null, after: Notice = null) => {
    setDisabledRules(disabled);
    setCatalogue(cat);
    if (state.kind !== "done") return;
    setFocus(null);
    try {
      const result = analyse(state.workbook, optionsOf(disabled, cat));
      setState({ kind: "done", workbook: state.workbook, result });
      setNotice(after);
    } catch (error) {
      setState({ kind: "failed", error });
    }
  };

  const onDisabledChange = (next: string[]) => {
    saveDisabledRules(next);
    applySettings(next, catalogue);
  };

  const onDisableRule = (id: string) => {
    if (!RULE_IDS.includes(id) || disabledRules.includes(id)) return;
    const next = RULE_IDS.filter((r) => r === id || disabledRules.includes(r));
    saveDisabledRules(next);
    const rule = RULES.find((r) => r.id === id);
    const title = rule ? (lang === "en" ? rule.title.en : rule.title.zh) : id;
    applySettings(next, catalogue, { intent: "success", text: t("ruleDisabledNotice", { title }) });
  };

  const onCatalogue = (next: LoadedCatalogue | null) => {
    saveCatalogue(next);
    applySettings(disabledRules, next, next ? null : { intent: "success", text: t("catalogueRemoved") });
  };

  const packageText = () => (state.kind === "done" ? JSON.stringify(packageOf(state.result), null, 2) : "");

  const onExport = () => {
    if (state.kind !== "done") return;
    const name = exportFileName(state.workbook.name);
    try {
      downloadText(name, packageText());
      setNotice({ intent: "success", text: t("exported", { name }) });
    } catch (e) {
      setNotice({ intent: "error", text: describeError(e, lang).message });
    }
  };

  const onCopy = async () => {
    try {
      await copyText(packageText());
      setNotice({ intent: "success", text: t("copied") });
    } catch (e) {
      setNotice({ intent: "error", text: t("copyFailed", { reason: describeError(e, lang).message }) });
    }
  };

  const onSelect = async (f: Focus) => {
    setFocus(f);
    if (host.kind !== "excel") return;
    try {
      await host.selectCell(f.sheet, f.cell);
    } catch (e) {
      setNotice({ intent: "error", text: t("navFailed", { reason: describeError(e, lang).message }) });
    }
  };

  const failure = state.kind === "failed" ? describeError(state.error, lang) : null;

  return (
    <I18nContext.Provider value={i18n}>
      <div className={s.root} lang={lang === "en" ? "en" : "zh-CN"}>
        <Header onToggleLang={toggleLang} />
        <main className={s.body}>
          {host.kind === "unavailable" ? (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                {t("outsideOffice")} <Link href="browser.html">browser.html</Link>
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
            onClick={() => void runCheck()}
            icon={busy ? <Spinner size="tiny" appearance="inverted" /> : <CheckmarkStarburst16Regular />}
            data-testid="check"
          >
            {state.kind === "reading" ? t("readingFile") : state.kind === "running" ? t("checking") : state.kind === "done" ? t("recheck") : t("check")}
          </Button>

          <Settings rules={RULES} disabled={disabledRules} onDisabledChange={onDisabledChange} catalogue={catalogue} onCatalogue={onCatalogue} />

          {failure && (
            <MessageBar intent="error" layout="multiline" data-testid="failure">
              <MessageBarBody>
                <MessageBarTitle>{t("failed")}</MessageBarTitle>
                {failure.message}
                {failure.details && <pre style={{ whiteSpace: "pre-wrap", margin: "4px 0 0", fontSize: 11 }}>{failure.details}</pre>}
              </MessageBarBody>
            </MessageBar>
          )}

          {state.kind === "done" && (
            <>
              <Summary
                report={state.result.report}
                onExport={onExport}
                onCopy={onCopy}
                only={only}
                onFilter={(v) => {
                  setOnly(v);
                  setTab("findings");
                }}
              />
              {notice && (
                <MessageBar intent={notice.intent} data-testid="notice">
                  <MessageBarBody>{notice.text}</MessageBarBody>
                </MessageBar>
              )}
              {state.result.recognition.tables.length === 0 && (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>{t("noTables")}</MessageBarBody>
                </MessageBar>
              )}
              <TabList
                key={lang /* the selection bar is measured on mount; remeasure when the labels change width */}
                className={s.tabs}
                size="small"
                selectedValue={tab}
                onTabSelect={(_e, d) => setTab(d.value as "findings" | "tables")}
              >
                <Tab value="findings" data-testid="tab-findings">
                  {t("tabFindings")} ({state.result.report.findings.length})
                </Tab>
                <Tab value="tables" data-testid="tab-tables">
                  {t("tabTables")} ({state.result.recognition.tables.length})
                </Tab>
              </TabList>
              {tab === "findings" ? (
                <FindingList
                  recognition={state.result.recognition}
                  report={state.result.report}
                  workbook={state.workbook}
                  focus={focus}
                  onSelect={onSelect}
                  onClosePreview={() => setFocus(null)}
                  onDisableRule={onDisableRule}
                  showPreview={host.kind === "browser"}
                  only={only}
                />
              ) : (
                <TableList recognition={state.result.recognition} />
              )}
            </>
          )}
          {state.kind === "idle" && host.kind === "browser" && !picked && <Body1 style={{ color: tokens.colorNeutralForeground3 }}>{t("noFile")}</Body1>}
        </main>
      </div>
    </I18nContext.Provider>
  );
}
