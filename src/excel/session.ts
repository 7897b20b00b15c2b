import type { ChangeEvent, RegionData } from "../taskpane/host";
import { OwnWrites, versionAtLeast } from "./events";

/**
 * What the adapter remembers between calls for one open pane: the API level, each sheet's id and
 * name (change events carry only the id), the document settings read with the sheet list (so
 * loading state when the pane opens costs no round trip), the add-in's own recent writes, and the
 * pane's change handler while it watches. Plain data; no Office.js here.
 */
export class Session {
  /** Sheet id → name, from the last read of the sheet list; empty until then. */
  readonly names = new Map<string, string>();
  /** Document settings as read with the sheet list and kept up to date by saveState; null until read. */
  settings: Map<string, string> | null = null;
  readonly own = new OwnWrites();
  /**
   * A sheet added in Excel, read whole when its name was asked (one round trip), kept for the
   * pane's next readRegions of that sheet so the burst costs no second read; dropped when the sheet
   * changes again. Keyed by sheet id.
   */
  readonly added = new Map<string, { name: string; data: RegionData; until: number }>();
  /** The pane's change handler while watch() is on. */
  emit: ((e: ChangeEvent) => void) | null = null;

  constructor(readonly apiVersion: string) {}

  at(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }

  get knowsSheets(): boolean {
    return this.names.size > 0;
  }

  /** The id of the sheet known by `name` (ids are stable across renames; names are not). */
  idOf(name: string): string | undefined {
    for (const [id, n] of this.names) if (n === name) return id;
    return undefined;
  }

  hasSheet(name: string): boolean {
    const lower = name.toLowerCase();
    for (const n of this.names.values()) if (n.toLowerCase() === lower) return true;
    return false;
  }

  /**
   * Takes a fresh sheet list. Sheets whose id stayed but whose name changed were renamed where
   * Excel could not say so (onNameChanged needs ExcelApi 1.17): they are returned, and told to the
   * pane when it watches.
   */
  setSheets(sheets: Array<{ id: string; name: string }>): ChangeEvent[] {
    const renamed: ChangeEvent[] = [];
    const had = this.names.size > 0;
    const before = new Map(this.names);
    this.names.clear();
    for (const s of sheets) {
      if (s.id === undefined) continue;
      this.names.set(s.id, s.name);
      const old = before.get(s.id);
      if (had && old !== undefined && old !== s.name) renamed.push({ kind: "sheetRenamed", sheet: s.name, from: old });
    }
    if (this.emit) for (const e of renamed) this.emit(e);
    return renamed;
  }
}
