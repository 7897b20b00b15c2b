import * as React from "react";
import { Button, Caption1, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { ChevronDown16Regular, ChevronRight16Regular, Copy16Regular } from "@fluentui/react-icons";
import type { Engine } from "../engine";
import { useI18n } from "../i18n";
import { sheetAddress } from "../model";
import type { DraftView } from "../worker/protocol";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px", padding: "6px 8px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  head: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: "6px" },
  hint: { color: tokens.colorNeutralForeground2 },
  body: { maxHeight: "360px", overflowY: "auto", display: "flex", flexDirection: "column", gap: "6px" },
  heading: { fontWeight: tokens.fontWeightSemibold, margin: 0 },
  para: { margin: 0, lineHeight: "1.6", wordBreak: "break-all" },
  figure: { backgroundColor: tokens.colorNeutralBackground3, borderRadius: "2px", padding: "0 1px" },
  fallback: { width: "100%", minHeight: "120px", boxSizing: "border-box", fontFamily: "inherit", fontSize: "12px" },
});

/** Headings and paragraphs one a line: what 复制 copies (the same as `budget-disclosure draft`). */
export function draftPlainText(d: DraftView): string {
  return d.paragraphs.map((p) => `${p.heading}\n${p.text}`).join("\n");
}

/**
 * 情况说明草稿: the figures paragraphs of 第三部分 drafted from the tables, asked of the analysis worker
 * when opened (and again after each analysis while open), so the pane's thread never builds or checks
 * it. Each figure shows where it was read from; 复制 writes the text to the clipboard, or, where the
 * webview refuses (Office on some hosts), shows it selected in a text box to copy by hand.
 */
export function NarrativeDraftPanel({ getEngine, version }: { getEngine: () => Promise<Engine>; version: number | undefined }) {
  const s = useStyles();
  const { t, lang } = useI18n();
  const [open, setOpen] = React.useState(false);
  const [draft, setDraft] = React.useState<DraftView | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [note, setNote] = React.useState<string | null>(null);
  const [manual, setManual] = React.useState(false);
  const area = React.useRef<HTMLTextAreaElement | null>(null);

  React.useEffect(() => {
    if (!open) return;
    let live = true;
    setDraft(null);
    setError(null);
    setNote(null);
    setManual(false);
    void getEngine()
      .then((e) => e.call("draft", {}))
      .then(
        (d) => live && setDraft(d),
        (e: unknown) => live && setError((e as Error)?.message ?? String(e)),
      );
    return () => {
      live = false;
    };
    // The draft is of one analysis: asked again when a new one (a re-check, a live edit) arrives.
  }, [open, version, getEngine]);

  React.useEffect(() => {
    if (manual && area.current) {
      area.current.focus();
      area.current.select();
    }
  }, [manual]);

  const copy = async () => {
    if (!draft) return;
    const text = draftPlainText(draft);
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setManual(false);
      setNote(t("draftCopied"));
    } catch {
      // Office webviews may lack the clipboard API or refuse it: the text selected in a box, for Ctrl+C.
      setManual(true);
      setNote(t("draftCopyFallback"));
    }
  };

  return (
    <section className={s.root} data-testid="draft-panel" aria-label={t("draftTitle")}>
      <div className={s.head}>
        <Button
          appearance="transparent"
          size="small"
          icon={open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          data-testid="draft-toggle"
        >
          <Text weight="semibold">{t("draftTitle")}</Text>
        </Button>
        {open && draft && draft.paragraphs.length > 0 && (
          <Button size="small" icon={<Copy16Regular />} onClick={() => void copy()} data-testid="draft-copy">
            {t("draftCopy")}
          </Button>
        )}
      </div>
      {open && (
        <>
          <Caption1 className={s.hint}>{t("draftHint")}</Caption1>
          {error && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{t("draftFailed", { reason: error })}</MessageBarBody>
            </MessageBar>
          )}
          {!draft && !error && <Spinner size="tiny" label={t("draftLoading")} />}
          {draft && draft.paragraphs.length === 0 && <Caption1>{t("draftEmpty")}</Caption1>}
          {draft && draft.paragraphs.length > 0 && (
            <>
              <MessageBar intent={draft.problems.length ? "warning" : "success"} layout="multiline" data-testid="draft-status">
                <MessageBarBody>
                  {draft.problems.length ? t("draftProblems", { n: draft.problems.length }) : t("draftClean")}
                  {draft.problems.map((p, i) => (
                    <div key={i}>{lang === "en" ? p.messageEn : p.message}</div>
                  ))}
                </MessageBarBody>
              </MessageBar>
              {note && (
                <Caption1 role="status" data-testid="draft-note">
                  {note}
                </Caption1>
              )}
              {manual && <textarea ref={area} className={s.fallback} readOnly value={draftPlainText(draft)} data-testid="draft-fallback" aria-label={t("draftTitle")} />}
              <div className={s.body} data-testid="draft-text">
                {draft.paragraphs.map((p) => (
                  <div key={p.id} data-testid="draft-paragraph" data-id={p.id}>
                    <p className={s.heading}>{p.heading}</p>
                    <p className={s.para}>{segments(p, s.figure, t)}</p>
                  </div>
                ))}
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** The paragraph's text with each stated figure marked and titled with the cell it was read from. */
function segments(p: DraftView["paragraphs"][number], cls: string, t: ReturnType<typeof useI18n>["t"]): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  let at = 0;
  p.figures.forEach((f, i) => {
    if (f.start > at) out.push(p.text.slice(at, f.start));
    const where = sheetAddress(f.sheet, f.cell);
    const title = f.base ? t("draftShareFrom", { where, base: sheetAddress(f.base.sheet, f.base.cell) }) : t("draftFrom", { where });
    out.push(
      <span key={i} className={cls} title={title} data-testid="draft-figure" data-cell={`${f.sheet}!${f.cell}`}>
        {p.text.slice(f.start, f.end)}
      </span>,
    );
    at = f.end;
  });
  if (at < p.text.length) out.push(p.text.slice(at));
  return out;
}
