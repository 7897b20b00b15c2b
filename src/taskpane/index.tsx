import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./components/App";
import type { PaneHost } from "./host";
import { createExcelHost } from "../excel/host";

/* global document, Office */

const root = createRoot(document.getElementById("container")!);

// Outside Office, onReady resolves with host null: the pane then says where to open it instead of
// failing on the first Excel call.
Office.onReady((info) => {
  const host: PaneHost = info.host === Office.HostType.Excel ? createExcelHost() : { kind: "unavailable" };
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>,
  );
});
