import * as React from "react";

/**
 * Catches anything the pane throws while rendering, so that a bug shows a message instead of an
 * empty page. It sits outside the language setting, so it speaks both languages.
 */
export class ErrorBoundary extends React.Component<{ children?: React.ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    // for whoever opens the developer tools; nothing leaves the machine
    console.error(error); // eslint-disable-line no-console
  }

  override render(): React.ReactNode {
    if (this.state.error) return <ErrorView error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

const box: React.CSSProperties = { padding: "16px", fontFamily: "'Microsoft YaHei', 'PingFang SC', 'Segoe UI', sans-serif", fontSize: "14px", lineHeight: 1.5, color: "#242424" };

/** What the boundary shows: what happened, in both languages, and what to do. */
export function ErrorView({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const detail = String(error.message || error.name || error).slice(0, 500);
  return (
    <div role="alert" data-testid="pane-error" style={box}>
      <h2 style={{ fontSize: "16px", margin: "0 0 8px" }}>预算公开助手出错了</h2>
      <p style={{ margin: "0 0 8px" }}>
        显示结果时发生错误，工作簿没有被修改。请点“重试”；如仍出错，请刷新页面（在 Excel 中关闭并重新打开任务窗格），并把下面的错误信息告诉维护人员。
      </p>
      <p lang="en" style={{ margin: "0 0 8px", color: "#616161" }}>
        Something went wrong while showing the result; the workbook was not changed. Click “Try again”; if it happens again, reload the page (in
        Excel, close and reopen the pane) and send the error below to your support contact.
      </p>
      <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", background: "#f5f5f5", padding: "8px", margin: "0 0 8px", fontSize: "12px" }}>{detail}</pre>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          重试 / Try again
        </button>
      )}
    </div>
  );
}
