import * as React from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { FolderOpen16Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: "8px", minWidth: 0 },
  name: { color: tokens.colorNeutralForeground2, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", minWidth: 0 },
});

/** The browser page's way in: a local file, read in the page and never uploaded. */
export function FilePicker({ fileName, disabled, onFile }: { fileName: string | null; disabled?: boolean; onFile: (f: File) => void }) {
  const s = useStyles();
  const { t } = useI18n();
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <div className={s.root}>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xlsm,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
          // Picking the same file again after editing it should read it again.
          e.target.value = "";
        }}
      />
      <Button icon={<FolderOpen16Regular />} disabled={disabled} onClick={() => input.current?.click()} style={{ flexShrink: 0 }}>
        {t("pickFile")}
      </Button>
      {fileName && (
        <Caption1 className={s.name} title={fileName} data-testid="file-name">
          {fileName}
        </Caption1>
      )}
    </div>
  );
}
