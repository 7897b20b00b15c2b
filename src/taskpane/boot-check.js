/*
 * Start-up check, inlined into taskpane.html and browser.html ahead of everything else (the page's
 * Content-Security-Policy allows it by its SHA-256 hash). Plain ES5 on purpose: it must run in the
 * oldest webview Office may give us (Internet Explorer 11 in Excel 2019 volume licence), where the
 * pane's own bundle (ES2020) cannot even be parsed. It never lets the pane stay blank:
 *
 * - the webview lacks what the bundle needs (feature detection: the ES2019-2021 built-ins and Web
 *   Workers that come with a Chromium-based WebView2, Safari 14 or a current browser): a message;
 * - the bundle never started (not loaded, blocked, or a syntax error in an old webview): a message
 *   once the page has loaded;
 * - office.js hangs (a government network that silently drops requests to Microsoft's CDN): the
 *   synchronous script in <head> holds the page, so after a few seconds a message is put up anyway.
 *
 * Once the bundle runs it sets window.budgetDisclosureStarted and takes over (index.tsx); it reads
 * window.budgetDisclosureBoot.modern to refuse a webview below the floor in the same words.
 * The text is in Chinese and English: the pane's language setting lives in the bundle.
 */
(function () {
  var w = window;
  var d = document;
  var office = d.documentElement.getAttribute("data-office") === "1";
  var modern =
    typeof Promise !== "undefined" &&
    typeof Promise.allSettled === "function" &&
    typeof Object.fromEntries === "function" &&
    typeof String.prototype.replaceAll === "function" &&
    typeof Array.prototype.flatMap === "function" &&
    typeof w.globalThis !== "undefined" &&
    typeof w.Worker !== "undefined" &&
    typeof w.TextDecoder !== "undefined";
  w.budgetDisclosureBoot = { modern: modern };

  var TEXT = {
    old: [
      "此 Excel 使用的网页组件版本过旧，无法运行预算公开助手。",
      "需要基于 Chromium 的 Microsoft Edge WebView2（Windows 上的 Microsoft 365 或 Excel 2021 及以后版本）、Mac 上的 Excel（macOS 11 及以上）或 Excel 网页版。Excel 2019 批量许可版使用 Internet Explorer 11 组件，不受支持：请改用 Excel 网页版，或在浏览器中打开本加载项的浏览器版页面（browser.html）。",
      "This Excel runs add-ins in a web view too old for the Budget Disclosure Assistant.",
      "It needs the Chromium-based Microsoft Edge WebView2 (Microsoft 365 or Excel 2021 and later on Windows), Excel on the Mac (macOS 11 or later) or Excel on the web. Excel 2019 volume licence uses Internet Explorer 11 and is not supported: use Excel on the web, or open the add-in's browser page (browser.html) in a browser.",
    ],
    failed: [
      "预算公开助手未能启动：页面的脚本没有加载。",
      "请检查能否访问加载项所在的服务器，或联系管理员。",
      "The Budget Disclosure Assistant could not start: the page's script did not load.",
      "Check that the add-in's server can be reached, or ask your administrator.",
    ],
    officeHang: [
      "无法加载 Office 脚本库（office.js）。",
      "单位网络可能屏蔽了它的地址。请联系管理员部署内网版本（office.js 随加载项一起部署，见 README），或改用浏览器版页面（browser.html）。",
      "The Office script library (office.js) could not be loaded.",
      "Your network may block its address. Ask your administrator for the intranet build (office.js served with the add-in, see the README), or use the browser page (browser.html).",
    ],
  };

  var shown = false;
  function show(kind) {
    if (shown || w.budgetDisclosureStarted) return;
    shown = true;
    var box = d.createElement("div");
    box.setAttribute("role", "alert");
    box.setAttribute("data-testid", "boot-message");
    box.setAttribute("data-reason", kind);
    box.style.cssText =
      "margin:12px;padding:10px 12px;border:1px solid #f1bbbc;background:#fdf3f4;color:#242424;" +
      "font:14px/1.5 'Segoe UI','Microsoft YaHei','PingFang SC',sans-serif;";
    var lines = TEXT[kind];
    for (var i = 0; i < lines.length; i++) {
      var p = d.createElement("p");
      p.style.margin = i === 2 ? "10px 0 0" : "0";
      if (i % 2 === 0) p.style.fontWeight = "600";
      p.appendChild(d.createTextNode(lines[i]));
      box.appendChild(p);
    }
    var where = d.getElementById("container") || d.body || d.documentElement;
    where.appendChild(box);
  }

  if (!modern) {
    if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", function () { show("old"); });
    else show("old");
  }
  // Deferred bundles run before "load": a bundle that has not started by then never will.
  w.addEventListener("load", function () {
    if (!w.budgetDisclosureStarted) show(modern ? "failed" : "old");
  });
  if (office) {
    w.setTimeout(function () {
      if (!w.budgetDisclosureStarted) show(modern ? "officeHang" : "old");
    }, 6000);
  }
})();
