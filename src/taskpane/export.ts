/**
 * Getting the JSON package out of the pane. A Blob download works in browsers and Office on
 * Windows but not in Office on Mac (OfficeDev/office-js#2700, #3385), hence the clipboard as well.
 */

export function downloadText(fileName: string, text: string, type = "application/json"): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** The corrected copy of a workbook (填写编码 on the browser page). */
export function downloadBytes(fileName: string, bytes: Uint8Array, type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): void {
  downloadBlob(fileName, new Blob([bytes as BlobPart], { type }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some webviews.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Copies text; falls back to a hidden textarea where the async clipboard is not allowed (Office iframes). */
export async function copyText(text: string): Promise<void> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    // fall through to the legacy path
  }
  const ta = document.createElement("textarea");
  ta.value = text;
  ta.setAttribute("readonly", "");
  ta.style.position = "fixed";
  ta.style.opacity = "0";
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand("copy");
  ta.remove();
  if (!ok) throw new Error("copy command refused");
}
