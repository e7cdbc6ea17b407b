import { describe, expect, it } from 'vitest';
import { applyStartAtLogin, autostartDesktopEntry, autostartFile, HIDDEN_ARG, loginItemSettings, quoteExecArgument, startedHidden } from './login-item';

function fakeFiles() {
  const calls: string[] = [];
  const files = new Map<string, string>();
  return {
    calls,
    files,
    fs: {
      writeFile: async (file: string, data: string) => {
        calls.push(`write ${file}`);
        files.set(file, data);
      },
      mkdir: async (dir: string) => void calls.push(`mkdir ${dir}`),
      rm: async (file: string) => {
        calls.push(`rm ${file}`);
        files.delete(file);
      },
    },
  };
}

describe('start at login', () => {
  it('asks macOS and Windows to start the app hidden in the tray', () => {
    expect(loginItemSettings(true)).toEqual({ openAtLogin: true, args: [HIDDEN_ARG] });
    expect(loginItemSettings(false)).toEqual({ openAtLogin: false, args: [] });
  });

  it('applies through app.setLoginItemSettings on Windows and macOS', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const set: unknown[] = [];
      const files = fakeFiles();
      await applyStartAtLogin({
        enabled: true,
        platform,
        app: { setLoginItemSettings: (s) => void set.push(s) },
        linux: { exec: '/x', file: '/y', fs: files.fs },
      });
      expect(set).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
      expect(files.calls).toEqual([]);
    }
  });

  it('writes an XDG autostart entry on Linux, and removes it when turned off', async () => {
    const files = fakeFiles();
    const app = { setLoginItemSettings: () => expect.fail('no login items on Linux') };
    const file = autostartFile({}, '/home/rep');
    expect(file).toBe('/home/rep/.config/autostart/stint.desktop');
    await applyStartAtLogin({ enabled: true, platform: 'linux', app, linux: { exec: '/opt/Stint/stint', file, fs: files.fs } });
    expect(files.files.get(file)).toBe(autostartDesktopEntry('/opt/Stint/stint'));
    expect(files.files.get(file)).toContain('Exec=/opt/Stint/stint --hidden\n');
    await applyStartAtLogin({ enabled: false, platform: 'linux', app, linux: { exec: '/opt/Stint/stint', file, fs: files.fs } });
    expect(files.files.has(file)).toBe(false);
    expect(files.calls).toEqual(['mkdir /home/rep/.config/autostart', `write ${file}`, `rm ${file}`]);
  });

  it('follows XDG_CONFIG_HOME when it is absolute', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/cfg' }, '/home/rep')).toBe('/cfg/autostart/stint.desktop');
    expect(autostartFile({ XDG_CONFIG_HOME: 'relative' }, '/home/rep')).toBe('/home/rep/.config/autostart/stint.desktop');
  });

  it('quotes the executable as the Desktop Entry Specification says', () => {
    expect(quoteExecArgument('/opt/Stint/stint')).toBe('/opt/Stint/stint');
    expect(quoteExecArgument('/home/rep/Apps/Stint 1.0.AppImage')).toBe('"/home/rep/Apps/Stint 1.0.AppImage"');
    expect(quoteExecArgument('/a/"b"/$c`d')).toBe('"/a/\\\\"b\\\\"/\\\\$c\\\\`d"');
    expect(quoteExecArgument('/a/100%')).toBe('/a/100%%');
    expect(autostartDesktopEntry('/home/rep/My Apps/Stint.AppImage')).toContain('Exec="/home/rep/My Apps/Stint.AppImage" --hidden');
  });

  it('knows a login start by its argument or by macOS saying so', () => {
    expect(startedHidden(['/opt/Stint/stint', '--hidden'], false)).toBe(true);
    expect(startedHidden(['/opt/Stint/stint'], true)).toBe(true);
    expect(startedHidden(['/opt/Stint/stint'], false)).toBe(false);
  });
});
