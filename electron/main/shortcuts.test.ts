import { describe, expect, it } from 'vitest';
import { DEFAULT_CALL_SHORTCUTS, isValidCallAccelerator, registerCallShortcuts, type ShortcutAction } from './shortcuts';

/** globalShortcut as far as the app uses it: records every call; `taken` accelerators belong to another program. */
function fakeGlobalShortcut(taken: string[] = [], throwsOn: string[] = []) {
  const calls: string[] = [];
  const callbacks = new Map<string, () => void>();
  return {
    calls,
    press: (accelerator: string) => callbacks.get(accelerator)?.(),
    register(accelerator: string, callback: () => void): boolean {
      calls.push(`register ${accelerator}`);
      if (throwsOn.includes(accelerator)) throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`);
      if (taken.includes(accelerator)) return false;
      callbacks.set(accelerator, callback);
      return true;
    },
    unregister(accelerator: string): void {
      calls.push(`unregister ${accelerator}`);
      callbacks.delete(accelerator);
    },
  };
}

describe('registerCallShortcuts', () => {
  it('registers the defaults, CommandOrControl+Alt+C to start a call and CommandOrControl+Alt+E to end it', () => {
    const shortcut = fakeGlobalShortcut();
    const actions: ShortcutAction[] = [];
    const result = registerCallShortcuts(shortcut, DEFAULT_CALL_SHORTCUTS, (action) => actions.push(action));
    expect(shortcut.calls).toEqual(['register CommandOrControl+Alt+C', 'register CommandOrControl+Alt+E']);
    expect(result.registered).toEqual([
      { accelerator: 'CommandOrControl+Alt+C', action: 'call-start' },
      { accelerator: 'CommandOrControl+Alt+E', action: 'call-end' },
    ]);
    expect(result.failed).toEqual([]);
    shortcut.press('CommandOrControl+Alt+C');
    shortcut.press('CommandOrControl+Alt+E');
    shortcut.press('CommandOrControl+Alt+C');
    expect(actions).toEqual(['call-start', 'call-end', 'call-start']);
  });

  it('takes configured shortcuts, and none for an empty one', () => {
    const shortcut = fakeGlobalShortcut();
    const result = registerCallShortcuts(shortcut, { callStart: ' Alt+F9 ', callEnd: '' }, () => undefined);
    expect(shortcut.calls).toEqual(['register Alt+F9']);
    expect(result.registered).toEqual([{ accelerator: 'Alt+F9', action: 'call-start' }]);
  });

  it('reports a shortcut another program holds, and goes on with the other', () => {
    const shortcut = fakeGlobalShortcut(['CommandOrControl+Alt+C']);
    const result = registerCallShortcuts(shortcut, DEFAULT_CALL_SHORTCUTS, () => undefined);
    expect(result.failed).toEqual([{ accelerator: 'CommandOrControl+Alt+C', action: 'call-start', reason: 'taken' }]);
    expect(result.registered).toEqual([{ accelerator: 'CommandOrControl+Alt+E', action: 'call-end' }]);
  });

  it('refuses an invalid shortcut without asking Electron, and one Electron cannot parse', () => {
    const shortcut = fakeGlobalShortcut([], ['Ctrl+Alt+Nope']);
    const result = registerCallShortcuts(shortcut, { callStart: 'C', callEnd: 'Ctrl+Alt+Nope' }, () => undefined);
    expect(shortcut.calls).toEqual([]);
    expect(result.failed.map((f) => f.reason)).toEqual(['invalid', 'invalid']);
    const throwing = fakeGlobalShortcut([], ['Ctrl+Alt+Home']);
    expect(registerCallShortcuts(throwing, { callStart: 'Ctrl+Alt+Home', callEnd: '' }, () => undefined).failed).toEqual([
      { accelerator: 'Ctrl+Alt+Home', action: 'call-start', reason: 'invalid' },
    ]);
  });

  it('refuses the same shortcut for both actions, however it is written', () => {
    const shortcut = fakeGlobalShortcut();
    const result = registerCallShortcuts(shortcut, { callStart: 'CmdOrCtrl+Alt+C', callEnd: 'Alt+CommandOrControl+c' }, () => undefined);
    expect(shortcut.calls).toEqual(['register CmdOrCtrl+Alt+C']);
    expect(result.failed).toEqual([{ accelerator: 'Alt+CommandOrControl+c', action: 'call-end', reason: 'duplicate' }]);
  });

  it('unregisters exactly what it registered, once', () => {
    const shortcut = fakeGlobalShortcut(['CommandOrControl+Alt+C']);
    const result = registerCallShortcuts(shortcut, DEFAULT_CALL_SHORTCUTS, () => undefined);
    result.unregister();
    result.unregister();
    expect(shortcut.calls).toEqual(['register CommandOrControl+Alt+C', 'register CommandOrControl+Alt+E', 'unregister CommandOrControl+Alt+E']);
  });
});

describe('isValidCallAccelerator', () => {
  it.each([
    'CommandOrControl+Alt+C',
    'CmdOrCtrl+Shift+E',
    'Ctrl+Alt+F12',
    'Alt+F9',
    'Super+1',
    'Control+Alt+Space',
    'Ctrl+Alt+Plus',
    'Ctrl++',
    'Ctrl+Alt+/',
    'Option+Cmd+Enter',
    'Ctrl+Alt+num5',
  ])('accepts %s', (accelerator) => expect(isValidCallAccelerator(accelerator)).toBe(true));
  it.each(['C', 'Shift+C', 'Ctrl+', '+C', 'Ctrl+Alt+Nope', 'Ctrl+Ctrl+C', 'Hyper+C', 'Ctrl+Alt+F25', 'Ctrl+Alt+CC', '', 'Ctrl+Alt+ '])(
    'refuses %j',
    (accelerator) => expect(isValidCallAccelerator(accelerator)).toBe(false),
  );
});
