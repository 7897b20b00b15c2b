import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./components/App";
import { ErrorBoundary } from "./components/ErrorBoundary";
import type { PaneHost } from "./host";
import { createExcelHost } from "../excel/host";
import { startHost, type OfficeLike } from "./start";

/* global document, window, Office */

// boot-check.js (inline in taskpane.html) shows a plain message if this bundle never runs.
const boot = window as unknown as { budgetDisclosureStarted?: boolean; budgetDisclosureBoot?: { modern?: boolean } };
boot.budgetDisclosureStarted = true;

const root = createRoot(document.getElementById("container")!);
const render = (host: PaneHost) =>
  root.render(
    <FluentProvider theme={webLightTheme}>
      <ErrorBoundary>
        <App host={host} />
      </ErrorBoundary>
    </FluentProvider>,
  );

// Outside Office, onReady resolves with host null; when office.js did not load or never gets
// ready, or the host is too old, the pane says so instead of failing on the first Excel call.
const office = typeof Office === "undefined" ? undefined : (Office as unknown as OfficeLike);
void startHost(office, { modern: boot.budgetDisclosureBoot?.modern !== false }).then((r) =>
  render(r.kind === "excel" ? createExcelHost(r.apiVersion) : r),
);
