/**
 * OwnWrites (src/excel/events.ts): which change events are the add-in's own on ExcelApi 1.7, where
 * Excel says neither who changed a cell nor to what. An event is ours only when its cell holds
 * what we wrote and the write still expects an event; each consumes one.
 */
import { OwnWrites } from "../src/excel/events";

describe("OwnWrites", () => {
  test("an event in a written cell that holds the value written is ours, as many times as the write raises events", () => {
    const own = new OwnWrites(() => 0);
    own.expect("表一", "A3", "20101", 2);
    for (let i = 0; i < 2; i++) {
      const c = own.candidate("表一", "A3");
      expect(c).not.toBeNull();
      expect(own.settle(c!, "20101")).toBe(true);
    }
    // Consumed: a third event there is someone else's.
    expect(own.candidate("表一", "A3")).toBeNull();
  });

  test("Excel raising fewer events than announced does not swallow the user's next edit of the cell", () => {
    const own = new OwnWrites(() => 0);
    own.expect("表一", "A3", "20101", 2); // format and value announced; Excel raised one
    expect(own.settle(own.candidate("表一", "A3")!, "20101")).toBe(true);
    // The user types 20102 a second later: the cell no longer holds what we wrote.
    const c = own.candidate("表一", "A3");
    expect(c).not.toBeNull();
    expect(own.settle(c!, "20102")).toBe(false);
    // Forgotten: the user's next edits there are theirs without a read.
    expect(own.candidate("表一", "A3")).toBeNull();
  });

  test("only events inside a written cell, on its sheet, within the window, are candidates", () => {
    let t = 0;
    const own = new OwnWrites(() => t, 3000);
    own.expect("表一", "B2", null, 1);
    expect(own.candidate("表二", "B2")).toBeNull();
    expect(own.candidate("表一", "B2:C2")).toBeNull();
    expect(own.candidate("表一", "$B$2")).not.toBeNull();
    expect(own.settle(own.candidate("表一", "B2")!, null)).toBe(true);
    own.expect("表一", "C3", "x", 1);
    t = 3001;
    expect(own.candidate("表一", "C3")).toBeNull();
    expect(own.size).toBe(0);
  });

  test("a write withdrawn (its batch failed) expects nothing", () => {
    const own = new OwnWrites(() => 0);
    own.expect("表一", "A3", "1", 1);
    own.forget("表一", "A3");
    expect(own.candidate("表一", "A3")).toBeNull();
  });
});
