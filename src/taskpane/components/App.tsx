import * as React from "react";
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
import { analyse, packageOf, type AnalysisResult } from "../../core/analyse";
import type { WorkbookSnapshot } from "../../core/workbook/snapshot";
import { describeError } from "../../excel/errors";
import { downloadText, copyText } from "../export";
import type { PaneHost } from "../host";
import { I18nContext, makeI18n, type Lang } from "../i18n";
import { exportFileName } from "../model";
import { FilePicker } from "./FilePicker";
import { FindingList, type Focus } from "./FindingList";
import { Header } from "./Header";
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
  const [focus, setFocus] = React.useState<Focus | null>(null);
  const [notice, setNotice] = React.useState<Notice>(null);

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
      setState({ kind: "idle" });
    } catch (error) {
      setPicked(null);
      setState({ kind: "failed", error });
    }
  };

  const runCheck = async () => {
    setState({ kind: "running" });
    setNotice(null);
    setFocus(null);
    await nextFrame();
    try {
      let workbook: WorkbookSnapshot;
      if (host.kind === "excel") workbook = await host.readWorkbook();
      else if (host.kind === "browser" && picked) workbook = picked.workbook;
      else throw new Error(t("noFile"));
      const result = analyse(workbook);
      setState({ kind: "done", workbook, result });
      // Errors first: open on the findings unless nothing was recognised.
      setTab(result.recognition.tables.length ? "findings" : "tables");
    } catch (error) {
      setState({ kind: "failed", error });
    }
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
            onClick={runCheck}
            icon={busy ? <Spinner size="tiny" appearance="inverted" /> : <CheckmarkStarburst16Regular />}
            data-testid="check"
          >
            {state.kind === "reading" ? t("readingFile") : state.kind === "running" ? t("checking") : state.kind === "done" ? t("recheck") : t("check")}
          </Button>

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
              <Summary report={state.result.report} onExport={onExport} onCopy={onCopy} />
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
                  showPreview={host.kind === "browser"}
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
