import { describe, expect, it } from 'vitest';
import { appDisplayName } from './app-names';

describe('app names as people know them', () => {
  it('names well-known apps from their WM_CLASS or process name', () => {
    expect(appDisplayName('Google-chrome')).toBe('Google Chrome');
    expect(appDisplayName('google-chrome')).toBe('Google Chrome');
    expect(appDisplayName('msedge.exe')).toBe('Microsoft Edge');
    expect(appDisplayName('teams-for-linux')).toBe('Microsoft Teams');
    expect(appDisplayName('gnome-terminal-server')).toBe('Terminal');
    expect(appDisplayName('Thunderbird')).toBe('Thunderbird');
    expect(appDisplayName('WINWORD.EXE')).toBe('Microsoft Word');
  });

  it('keeps the name of an app it does not know', () => {
    expect(appDisplayName('acme-dialer')).toBe('acme-dialer');
    expect(appDisplayName('')).toBe('');
  });
});
