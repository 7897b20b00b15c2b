import * as React from "react";
import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { Dismiss16Regular, DocumentArrowUp16Regular } from "@fluentui/react-icons";
import type { ClassificationKind } from "../../core/catalogue/types";
import type { UserEditionProblem } from "../../core/catalogue/user-edition";
import { describeError } from "../../excel/errors";
import { useI18n, type I18n } from "../i18n";
import type { LoadedCatalogue } from "../settings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px" },
  hint: { color: tokens.colorNeutralForeground2 },
  file: { color: tokens.colorNeutralForeground2, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", display: "block" },
  button: { alignSelf: "flex-start" },
});

const KINDS: ClassificationKind[] = ["functional", "deptEconomic", "govEconomic", "revenue"];

/** "已导入科目目录：12 条（功能分类 10，部门经济分类 2）": only the classifications the file holds. */
export function loadedText({ t }: I18n, c: Pick<LoadedCatalogue, "entries" | "counts">): string {
  const parts = KINDS.filter((k) => c.counts[k] > 0).map((k) => t(`kind_${k}`, { n: c.counts[k] }));
  return t("catalogueLoaded", { n: c.entries.length, parts: parts.join(t("listSep")) });
}

/** Keeps "--catalogue" and "UTF-8" whole: a 320 px pane would otherwise break them at the hyphen. */
function unbroken(text: string): React.ReactNode[] {
  return text.split(/(--catalogue|UTF-8)/).map((part, i) => (i % 2 ? <span key={i} style={{ whiteSpace: "nowrap" }}>{part}</span> : part));
}

type Problem = { kind: "parse"; problem: UserEditionProblem } | { kind: "read"; error: unknown };

/**
 * 导入科目目录: the year's official edition as CSV, read in the page. The whole file loads or none
 * of it does; a bad line is shown with its number and the previous catalogue stays as it was.
 */
export function CatalogueImport({ loaded, onLoad, onRemove }: { loaded: LoadedCatalogue | null; onLoad: (c: LoadedCatalogue) => void; onRemove: () => void }) {
  const s = useStyles();
  const i18n = useI18n();
  const { t, lang } = i18n;
  const input = React.useRef<HTMLInputElement>(null);
  const [problem, setProblem] = React.useState<Problem | null>(null);

  const onFile = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // The CLI's reader (--catalogue): .csv or every sheet of an .xlsx. Loaded when a catalogue is
      // chosen: it brings the spreadsheet reader, which the pane's first screen does not need.
      const { readCatalogueBytes } = await import(/* webpackChunkName: "catalogue-read" */ "../../io/catalogue-read");
      const read = readCatalogueBytes(bytes, file.name);
      if (!read.ok) {
        if (read.problem) setProblem({ kind: "parse", problem: read.problem });
        else setProblem({ kind: "read", error: new Error(read.reason === "no-codes" ? t("catalogueNoCodes") : t("catalogueNotCsvXlsx")) });
        return;
      }
      setProblem(null);
      onLoad({ name: file.name, text: read.csv, entries: read.entries, counts: read.counts });
    } catch (error) {
      setProblem({ kind: "read", error });
    }
  };

  return (
    <div className={s.root} data-testid="catalogue-import">
      <Caption1 as="p" className={s.hint} style={{ margin: 0 }}>
        {unbroken(t("catalogueHint"))}
      </Caption1>
      <input
        ref={input}
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        hidden
        data-testid="catalogue-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void onFile(f);
          e.target.value = "";
        }}
      />
      <Button className={s.button} size="small" icon={<DocumentArrowUp16Regular />} onClick={() => input.current?.click()} data-testid="catalogue-pick">
        {loaded ? t("catalogueReplace") : t("catalogueImport")}
      </Button>
      {problem && (
        <MessageBar intent="error" layout="multiline" data-testid="catalogue-error">
          <MessageBarBody>
            {problem.kind === "parse"
              ? lang === "en"
                ? problem.problem.messageEn
                : problem.problem.message
              : t("catalogueReadFailed", { reason: describeError(problem.error, lang).message })}
          </MessageBarBody>
        </MessageBar>
      )}
      {loaded && (
        <MessageBar intent="success" layout="multiline" data-testid="catalogue-loaded">
          <MessageBarBody>
            {loadedText(i18n, loaded)}
            <Caption1 className={s.file} title={loaded.name}>
              {t("catalogueFile", { name: loaded.name })}
            </Caption1>
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" icon={<Dismiss16Regular />} onClick={onRemove} data-testid="catalogue-remove">
              {t("catalogueRemove")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </div>
  );
}
