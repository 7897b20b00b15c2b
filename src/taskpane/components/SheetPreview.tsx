import * as React from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { Dismiss12Regular } from "@fluentui/react-icons";
import { a1, cellText, colLetters, getCell, parseA1, type Cell, type WorkbookSnapshot } from "../../core/workbook/snapshot";
import { formatDecimals } from "../../core/money/format";
import { useI18n } from "../i18n";
import { sheetAddress } from "../model";

const useStyles = makeStyles({
  root: {
    marginTop: "6px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    overflow: "hidden",
  },
  bar: { display: "flex", alignItems: "center", justifyContent: "space-between", padding: "2px 2px 2px 8px", backgroundColor: tokens.colorNeutralBackground3 },
  scroller: { overflowX: "auto" },
  table: { borderCollapse: "collapse", tableLayout: "fixed", width: "100%", fontSize: tokens.fontSizeBase100 },
  head: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular, padding: "1px 3px", border: `1px solid ${tokens.colorNeutralStroke3}` },
  rowHead: { width: "30px" },
  cell: { padding: "1px 3px", border: `1px solid ${tokens.colorNeutralStroke3}`, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
  number: { textAlign: "right" },
  target: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px", backgroundColor: tokens.colorBrandBackground2, fontWeight: tokens.fontWeightSemibold },
  missing: { padding: "6px 8px", color: tokens.colorNeutralForeground3 },
});

/** A number as Excel would show it under its format; display only, no arithmetic. */
function shown(cell: Cell | undefined): string {
  if (cell && typeof cell.v === "number" && cell.t === undefined) {
    const d = formatDecimals(cell.z);
    if (d !== null) return cell.v.toFixed(d);
  }
  return cellText(cell);
}

/** The browser page's stand-in for selecting a cell: a read-only window of the sheet around it. */
export function SheetPreview({ workbook, sheet, cell, onClose }: { workbook: WorkbookSnapshot; sheet: string; cell: string; onClose: () => void }) {
  const s = useStyles();
  const { t } = useI18n();
  const ws = workbook.sheets.find((x) => x.name === sheet);
  const pos = parseA1(cell.split(":")[0]);
  const rows: number[] = [];
  const cols: number[] = [];
  if (pos) {
    for (let r = Math.max(0, pos.r - 3); r <= pos.r + 3; r++) rows.push(r);
    for (let c = Math.max(0, pos.c - 2); c <= Math.max(0, pos.c - 2) + 4; c++) cols.push(c);
  }
  return (
    <div className={s.root} data-testid="sheet-preview">
      <div className={s.bar}>
        <Caption1>{sheetAddress(sheet, cell)}</Caption1>
        <Button size="small" appearance="transparent" icon={<Dismiss12Regular />} aria-label={t("closePreview")} onClick={onClose} />
      </div>
      {!ws || !pos ? (
        <div className={s.missing}>{t("sheetMissing", { sheet })}</div>
      ) : (
        <div className={s.scroller}>
          <table className={s.table}>
            <thead>
              <tr>
                <th className={`${s.head} ${s.rowHead}`} />
                {cols.map((c) => (
                  <th key={c} className={s.head}>
                    {colLetters(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r}>
                  <th className={s.head}>{r + 1}</th>
                  {cols.map((c) => {
                    const x = getCell(ws, r, c);
                    const text = shown(x);
                    const classes = [s.cell, typeof x?.v === "number" ? s.number : "", r === pos.r && c === pos.c ? s.target : ""].join(" ");
                    return (
                      <td key={c} className={classes} title={text} data-cell={a1(r, c)}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
