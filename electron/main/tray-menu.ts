import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayMenuItem } from '../../shared/desktop/tray-menu';

export { hoursMinutes, trayMenuModel, trayTitle, trayTooltip, type TrayAction, type TrayMenuItem, type TrayShortcuts } from '../../shared/desktop/tray-menu';

/** Electron's menu template for the model; `onAction` runs when an item is chosen. */
export function toMenuTemplate(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { id: item.id, type: 'separator' };
      case 'info':
        return { id: item.id, label: item.label, enabled: false };
      case 'action':
        return {
          id: item.id,
          label: item.label,
          ...(item.accelerator === undefined ? {} : { accelerator: item.accelerator, registerAccelerator: false }),
          click: () => onAction(item.action),
        };
    }
  });
}
