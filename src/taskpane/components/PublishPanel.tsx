import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownload16Regular, ChartMultiple16Regular, DocumentTable16Regular } from "@fluentui/react-icons";
import type { DisclosureChart } from "../../core/publish/charts";
import { describeError } from "../../excel/errors";
import type { Engine } from "../engine";
import { downloadBytes } from "../export";
import type { PaneHost } from "../host";
import { useI18n } from "../i18n";
import { chartsSheet, packageSheet } from "../publish";
import type { PaneView } from "../view";
import { DisclosureChartView } from "./DisclosureChartView";
import { ExportConfirmDialog } from "./LazyDialogs";

/**
 * 公开材料: the disclosure's charts drawn in the pane (and, in Excel, inserted as native charts on a
 * new sheet), the JSON package written into a new sheet (Office on Mac cannot download), and the
 * open-data package (.zip) for download. Everything comes from the worker's last analysis; the
 * package bytes are those of 导出 JSON (`packageText`, with the same confirmation for errors).
 */

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px" },
  actions: { display: "flex", gap: "6px", flexWrap: "wrap" },
  charts: { display: "flex", flexDirection: "column", gap: "14px" },
  muted: { color: tokens.colorNeutralForeground3 },
  header: { marginLeft: "-12px" },
});

type Action = "packageSheet" | "fdp";
type Notice = { intent: "success" | "error"; text: string } | null;

export function PublishPanel({
  host,
  view,
  getEngine,
  packageText,
}: {
  host: PaneHost;
  view: PaneView;
  getEngine: () => Promise<Engine>;
  /** The JSON package as 导出 JSON gives it (forced: exported although the check found errors). */
  packageText: (forced: boolean) => Promise<string>;
}) {
  const s = useStyles();
  const { t, lang } = useI18n();
  const [charts, setCharts] = React.useState<DisclosureChart[] | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice>(null);
  const [confirming, setConfirming] = React.useState<Action | null>(null);
  const [open, setOpen] = React.useState<string[]>([]);
  const errors = view.report.summary.errors;
  const en = lang === "en" ? "en" : "zh";

  // The charts follow the analysis shown (a check, a live re-check, a changed setting).
  React.useEffect(() => {
    let stale = false;
    void getEngine()
      .then((e) => e.call("charts", {}))
      .then((c) => {
        if (!stale) setCharts(c);
      })
      .catch(() => {
        if (!stale) setCharts([]);
      });
    return () => {
      stale = true;
    };
  }, [view, getEngine]);

  const fail = (e: unknown) => setNotice({ intent: "error", text: t("publishFailed", { reason: describeError(e, lang).message }) });

  const run = async (what: Action, forced = false) => {
    if (errors > 0 && !forced) return setConfirming(what);
    setBusy(true);
    setNotice(null);
    try {
      if (what === "fdp") {
        const { zip, files } = await (await getEngine()).call("fdpZip", { forced });
        const name = `${baseName(view.recognition.workbook)}-开放数据包.zip`;
        downloadBytes(name, zip, "application/zip");
        setNotice({ intent: "success", text: t("fdpDownloaded", { name, n: files.filter((f) => f.endsWith(".csv")).length }) });
      } else if (host.kind === "excel") {
        const text = await packageText(forced);
        const spec = packageSheet(text, en);
        const out = await host.addSheet(spec);
        setNotice({ intent: "success", text: t("packageWritten", { sheet: out.sheet, from: spec.firstRow, to: spec.firstRow + spec.pieces - 1, chars: text.length }) });
      }
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const insertCharts = async () => {
    if (host.kind !== "excel" || !charts?.length) return;
    setBusy(true);
    setNotice(null);
    try {
      const out = await host.addSheet(chartsSheet(charts, en));
      setNotice({ intent: "success", text: t("chartInserted", { sheet: out.sheet, n: charts.length }) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={s.root} aria-label={t("publishTitle")} data-testid="publish">
      <div className={s.actions}>
        <Button size="small" icon={<ArrowDownload16Regular />} disabled={busy} onClick={() => void run("fdp")} title={t("fdpDownloadHint")} data-testid="fdp-download">
          {t("fdpDownload")}
        </Button>
        {host.kind === "excel" && (
          <Button size="small" icon={<DocumentTable16Regular />} disabled={busy} onClick={() => void run("packageSheet")} title={t("packageToSheetHint")} data-testid="package-sheet">
            {t("packageToSheet")}
          </Button>
        )}
      </div>
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" data-testid="publish-notice">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <Accordion collapsible openItems={open} onToggle={(_e, d) => setOpen(d.openItems as string[])}>
        <AccordionItem value="charts">
          <AccordionHeader size="small" icon={<ChartMultiple16Regular />} className={s.header} data-testid="charts-toggle">
            {t("chartsTitle", { n: charts?.length ?? 0 })}
          </AccordionHeader>
          <AccordionPanel style={{ margin: 0 }}>
            <div className={s.charts} data-testid="charts">
              {charts && charts.length === 0 && <Caption1 className={s.muted}>{t("chartsNone")}</Caption1>}
              {charts?.map((c) => <DisclosureChartView key={c.id} chart={c} />)}
              {host.kind === "excel" && !!charts?.length && (
                <Button size="small" icon={<ChartMultiple16Regular />} disabled={busy} onClick={() => void insertCharts()} data-testid="chart-insert">
                  {t("chartInsert")}
                </Button>
              )}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <ExportConfirmDialog
        errors={errors}
        open={confirming !== null}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          const what = confirming;
          setConfirming(null);
          if (what) void run(what, true);
        }}
      />
    </section>
  );
}

function baseName(workbook: string): string {
  return workbook.replace(/\.(xlsx|xlsm|xls)$/i, "").replace(/[\\/:*?"<>|]+/g, "_").trim() || "workbook";
}

