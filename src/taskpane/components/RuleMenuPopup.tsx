import * as React from "react";
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from "@fluentui/react-components";
import { Checkmark16Regular, EyeOff16Regular, MoreHorizontal16Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n";

/**
 * The finding's "…" menu once opened: Fluent's Menu (and its popover) is a chunk of its own,
 * loaded at the first click on any finding's "…" (FindingItem's RuleMenu), not in the pane's
 * initial script.
 */
export function RuleMenuPopup({
  label,
  className,
  open,
  onOpenChange,
  onDisable,
  dismissed,
  onDismiss,
}: {
  label: string;
  className: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDisable?: () => void;
  dismissed?: boolean;
  onDismiss?: (undo: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <Menu positioning="below-end" open={open} onOpenChange={(_e, d) => onOpenChange(d.open)}>
      <MenuTrigger disableButtonEnhancement>
        <Button size="small" appearance="transparent" className={className} icon={<MoreHorizontal16Regular />} aria-label={label} title={label} data-testid="finding-menu" />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {onDismiss && (
            <MenuItem icon={<Checkmark16Regular />} onClick={() => onDismiss(!!dismissed)} data-testid={dismissed ? "undismiss" : "dismiss"}>
              {dismissed ? t("undismiss") : t("dismiss")}
            </MenuItem>
          )}
          {onDisable && (
            <MenuItem icon={<EyeOff16Regular />} onClick={onDisable} data-testid="disable-rule">
              {t("disableRule")}
            </MenuItem>
          )}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
