import * as React from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ErrorBoundary, ErrorView } from "../src/taskpane/components/ErrorBoundary";
import { formatDecimals, textDecimals } from "../src/core/money/amount";

// No jsdom here: React's own static renderer shows what the boundary renders, and the boundary's
// state change is React's documented static hook.
describe("the pages' error boundary", () => {
  test("an error thrown while rendering becomes the boundary's state", () => {
    const e = new RangeError("toFixed() digits argument must be between 0 and 100");
    expect(ErrorBoundary.getDerivedStateFromError(e)).toEqual({ error: e });
    expect(ErrorBoundary.getDerivedStateFromError("plain").error).toBeInstanceOf(Error);
  });

  test("it shows the error in Chinese and English with what to do, never an empty page", () => {
    const html = renderToStaticMarkup(<ErrorView error={new RangeError("toFixed() digits argument must be between 0 and 100")} onRetry={() => undefined} />);
    expect(html).toContain("预算公开助手出错了");
    expect(html).toContain("工作簿没有被修改");
    expect(html).toContain("刷新页面");
    expect(html).toContain("Something went wrong");
    expect(html).toContain("toFixed() digits argument");
    expect(html).toContain("重试 / Try again");
  });

  test("without an error it renders its children unchanged", () => {
    expect(renderToStaticMarkup(<ErrorBoundary><p>ok</p></ErrorBoundary>)).toBe("<p>ok</p>");
  });
});

describe("formatting is bounded (a format with 150 decimals blanked the browser page)", () => {
  test("decimals from a format or a shown text are at most Excel's 30, so toFixed cannot throw", () => {
    const z = "0." + "0".repeat(150);
    expect(formatDecimals(z)).toBe(30);
    expect(() => (1.5).toFixed(formatDecimals(z)!)).not.toThrow();
    expect(textDecimals("1." + "5".repeat(200))).toBe(30);
  });
});
