/// <reference lib="webworker" />
import { AnalysisSession } from "./session";
import type { Reply, Request } from "./protocol";

/**
 * The analysis worker: holds one AnalysisSession and answers the pane's requests in order. Every
 * error goes back as plain data (name, message and the reader's zh/en text) for the pane to word.
 */
declare const self: DedicatedWorkerGlobalScope;

const session = new AnalysisSession();

function plainError(e: unknown): Extract<Reply, { ok: false }>["error"] {
  const x = e as { name?: string; message?: string; zh?: string; en?: string; messageZh?: string; messageEn?: string };
  return {
    name: String(x?.name ?? "Error"),
    message: String(x?.message ?? e),
    ...(typeof x?.zh === "string" && typeof x?.en === "string" ? { zh: x.zh, en: x.en } : {}),
    ...(typeof x?.messageZh === "string" && typeof x?.messageEn === "string" ? { zh: x.messageZh, en: x.messageEn } : {}),
  };
}

self.onmessage = (ev: MessageEvent<Request>) => {
  const { id, op, args } = ev.data;
  const post = (r: Reply, transfer: Transferable[] = []) => self.postMessage(r, transfer);
  const stage = (s: Extract<Reply, { progress: unknown }>["progress"]) => post({ id, progress: s });
  try {
    let value: unknown;
    switch (op) {
      case "open": value = session.open(args as Request<"open">["args"], stage); break;
      case "load": value = session.load(args as Request<"load">["args"]); break;
      case "analyse": value = session.analyse(args as Request<"analyse">["args"], stage); break;
      case "live": value = session.live(args as Request<"live">["args"]); break;
      case "page": value = session.page(args as Request<"page">["args"]); break;
      case "at": value = session.at(args as Request<"at">["args"]); break;
      case "package": value = session.packageText(args as Request<"package">["args"]); break;
      case "fillPlan": value = session.planFill(); break;
      case "patch": value = session.patch(args as Request<"patch">["args"]); break;
      case "slice": value = session.slice(args as Request<"slice">["args"]); break;
      case "rules": value = session.rules(); break;
      case "draft": value = session.draft(); break;
      case "charts": value = session.charts(); break;
      case "fdpZip": value = session.fdpZip(args as Request<"fdpZip">["args"]); break;
      default: throw new Error(`unknown request ${String(op)}`);
    }
    const bytes = value instanceof Uint8Array ? value : op === "fdpZip" ? (value as { zip: Uint8Array }).zip : null;
    post({ id, ok: true, value }, bytes ? [bytes.buffer] : []);
  } catch (e) {
    post({ id, ok: false, error: plainError(e) });
  }
};
