import { describe, expect, it } from 'vitest';
import { popoverPosition } from './popover-position';

const size = { width: 420, height: 560 };

describe('popoverPosition', () => {
  it('opens below an icon in a top menu bar (macOS), centred on it', () => {
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    expect(popoverPosition({ x: 1000, y: 0, width: 22, height: 24 }, size, workArea)).toEqual({ x: 801, y: 28 });
  });

  it('opens above an icon in a bottom taskbar (Windows)', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(popoverPosition({ x: 1700, y: 1044, width: 24, height: 32 }, size, workArea)).toEqual({ x: 1500, y: 480 });
  });

  it('stays inside the work area near its edges, on any display', () => {
    const workArea = { x: 1920, y: 0, width: 1280, height: 1000 };
    expect(popoverPosition({ x: 3190, y: 1005, width: 24, height: 24 }, size, workArea)).toEqual({ x: 2780, y: 440 });
    expect(popoverPosition({ x: 1921, y: 2, width: 24, height: 24 }, size, workArea)).toEqual({ x: 1920, y: 30 });
  });

  it('goes to the top-right corner when the tray reports no bounds (Linux)', () => {
    const workArea = { x: 0, y: 32, width: 1920, height: 1048 };
    expect(popoverPosition(null, size, workArea)).toEqual({ x: 1496, y: 36 });
    expect(popoverPosition({ x: 0, y: 0, width: 0, height: 0 }, size, workArea)).toEqual({ x: 1496, y: 36 });
  });

  it('pins to the top-left when the work area is smaller than the popover', () => {
    expect(popoverPosition({ x: 100, y: 0, width: 20, height: 20 }, size, { x: 0, y: 0, width: 300, height: 400 })).toEqual({ x: 0, y: 0 });
  });
});
