/**
 * Points the user at a cell by selecting it: the only way to show a cell without changing the file
 * (fills, notes and comments are edits). The sheet is activated and synced first because selecting
 * on an inactive sheet is unreliable (OfficeDev/office-js#5118).
 */
export async function selectCell(sheet: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    await context.sync();
    ws.getRange(cell).select();
    await context.sync();
  });
}
