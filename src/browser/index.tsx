import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { App } from "../taskpane/components/App";
import { ErrorBoundary } from "../taskpane/components/ErrorBoundary";
import type { BrowserHost } from "../taskpane/host";

/* global document */

/**
 * The task pane in a plain page: the workbook comes from a file picker and is read, checked and
 * corrected in the pane's Web Worker. No office.js, no network: the page's Content-Security-Policy
 * allows only its own origin. (readFile reads in the page; the pane itself uses the worker.)
 */
const host: BrowserHost = {
  kind: "browser",
  readFile: async (file) => (await import("../io/xlsx-read")).readWorkbookBytes(new Uint8Array(await file.arrayBuffer()), file.name),
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
