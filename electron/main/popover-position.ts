/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the tray popover opens: centred on the tray icon, below it when the icon is in the top half of the
 * work area (a menu bar or top panel), above it otherwise (a taskbar at the bottom), and kept inside the
 * work area. With no icon bounds (Linux indicators report none) it goes to the work area's top-right corner.
 */
export function popoverPosition(tray: Rect | null, size: { width: number; height: number }, workArea: Rect, gap = 4): { x: number; y: number } {
  const clamp = (value: number, min: number, max: number) => Math.round(Math.min(Math.max(value, min), Math.max(min, max)));
  const maxX = workArea.x + workArea.width - size.width;
  const maxY = workArea.y + workArea.height - size.height;
  if (tray === null || tray.width === 0 || tray.height === 0) return { x: clamp(maxX - gap, workArea.x, maxX), y: clamp(workArea.y + gap, workArea.y, maxY) };
  const x = tray.x + tray.width / 2 - size.width / 2;
  const trayMiddle = tray.y + tray.height / 2;
  const below = trayMiddle < workArea.y + workArea.height / 2;
  const y = below ? tray.y + tray.height + gap : tray.y - size.height - gap;
  return { x: clamp(x, workArea.x, maxX), y: clamp(y, workArea.y, maxY) };
}
