import type { GlobalShortcut } from 'electron';

/** The global shortcuts for calls; an empty string turns one off. */
export interface CallShortcuts {
  callStart: string;
  callEnd: string;
}

export const DEFAULT_CALL_SHORTCUTS: CallShortcuts = { callStart: 'CommandOrControl+Alt+C', callEnd: 'CommandOrControl+Alt+E' };

export type ShortcutAction = 'call-start' | 'call-end';

export type ShortcutFailure = { accelerator: string; action: ShortcutAction; reason: 'invalid' | 'taken' | 'duplicate' };

export interface RegisteredShortcuts {
  registered: { accelerator: string; action: ShortcutAction }[];
  failed: ShortcutFailure[];
  /** Unregisters exactly what was registered here. */
  unregister(): void;
}

const MODIFIERS = new Set(
  ['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'].map((m) => m.toLowerCase()),
);
const NAMED_KEYS = new Set(
  [
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'PrintScreen',
    'VolumeUp',
    'VolumeDown',
    'VolumeMute',
    'MediaNextTrack',
    'MediaPreviousTrack',
    'MediaStop',
    'MediaPlayPause',
    'num0',
    'num1',
    'num2',
    'num3',
    'num4',
    'num5',
    'num6',
    'num7',
    'num8',
    'num9',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
  ].map((k) => k.toLowerCase()),
);

/**
 * Whether Electron would take this accelerator as a global shortcut: modifiers joined by "+" and one key
 * (a letter, digit, F1–F24, punctuation or a named key), with at least one modifier besides Shift so a
 * global shortcut never swallows plain typing.
 */
export function isValidCallAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  // "CommandOrControl++" means the + key: the last two parts are then "" and "".
  if (accelerator.endsWith('++')) parts.splice(-2, 2, '+');
  const key = parts.pop();
  if (key === undefined || key === '' || parts.length === 0) return false;
  const modifiers = parts.map((p) => p.toLowerCase());
  if (!modifiers.every((m) => MODIFIERS.has(m))) return false;
  if (new Set(modifiers).size !== modifiers.length) return false;
  if (modifiers.every((m) => m === 'shift')) return false;
  return /^[A-Za-z0-9]$/.test(key) || /^F([1-9]|1\d|2[0-4])$/i.test(key) || /^[!-/:-@[-`{-~]$/.test(key) || NAMED_KEYS.has(key.toLowerCase());
}

/**
 * Registers the call shortcuts with Electron's globalShortcut (or a stand-in): each valid, distinct,
 * non-empty accelerator calls `onAction`. One that another program holds (register returns false), that is
 * not valid, or that repeats the other is reported in `failed` and left alone.
 */
export function registerCallShortcuts(
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>,
  shortcuts: CallShortcuts,
  onAction: (action: ShortcutAction) => void,
): RegisteredShortcuts {
  const wanted: { accelerator: string; action: ShortcutAction }[] = [
    { accelerator: shortcuts.callStart.trim(), action: 'call-start' },
    { accelerator: shortcuts.callEnd.trim(), action: 'call-end' },
  ];
  const registered: RegisteredShortcuts['registered'] = [];
  const failed: ShortcutFailure[] = [];
  const seen = new Set<string>();
  for (const { accelerator, action } of wanted) {
    if (accelerator === '') continue;
    if (!isValidCallAccelerator(accelerator)) {
      failed.push({ accelerator, action, reason: 'invalid' });
      continue;
    }
    const normal = normalise(accelerator);
    if (seen.has(normal)) {
      failed.push({ accelerator, action, reason: 'duplicate' });
      continue;
    }
    seen.add(normal);
    let ok: boolean;
    try {
      ok = globalShortcut.register(accelerator, () => onAction(action));
    } catch {
      // Electron throws on an accelerator it cannot parse.
      failed.push({ accelerator, action, reason: 'invalid' });
      continue;
    }
    if (ok) registered.push({ accelerator, action });
    else failed.push({ accelerator, action, reason: 'taken' });
  }
  let done = false;
  return {
    registered,
    failed,
    unregister() {
      if (done) return;
      done = true;
      for (const { accelerator } of registered) globalShortcut.unregister(accelerator);
    },
  };
}

/** The same shortcut written two ways ("CmdOrCtrl+Alt+C" and "Alt+CommandOrControl+c") compares equal. */
function normalise(accelerator: string): string {
  const parts = accelerator.split('+');
  if (accelerator.endsWith('++')) parts.splice(-2, 2, '+');
  const key = (parts.pop() ?? '').toLowerCase();
  const alias: Record<string, string> = { cmd: 'command', ctrl: 'control', cmdorctrl: 'commandorcontrol', option: 'alt' };
  const modifiers = parts.map((m) => alias[m.toLowerCase()] ?? m.toLowerCase()).sort();
  return [...modifiers, key].join('+');
}
