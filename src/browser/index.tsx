import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { App } from "../taskpane/components/App";
import { ErrorBoundary } from "../taskpane/components/ErrorBoundary";
import type { BrowserHost } from "../taskpane/host";
import { readWorkbookBytes } from "../io/xlsx-read";

/* global document */

/**
 * The task pane in a plain page: the workbook comes from a file picker and is read by SheetJS in
 * the page. No office.js, no network: the page's Content-Security-Policy allows only its own origin.
 */
const host: BrowserHost = {
  kind: "browser",
  readFile: async (file) => readWorkbookBytes(new Uint8Array(await file.arrayBuffer()), file.name),
};

const useStyles = makeStyles({
  page: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground3 },
  column: { maxWidth: "560px", margin: "0 auto", boxShadow: tokens.shadow4 },
});

function Page() {
  const s = useStyles();
  return (
    <div className={s.page}>
      <div className={s.column}>
        <ErrorBoundary>
          <App host={host} />
        </ErrorBoundary>
      </div>
    </div>
  );
}

createRoot(document.getElementById("container")!).render(
  <FluentProvider theme={webLightTheme}>
    <Page />
  </FluentProvider>,
);
