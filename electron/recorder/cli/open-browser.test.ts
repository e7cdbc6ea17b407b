import { describe, expect, it } from 'vitest';
import { browserCommand, openInBrowser } from './open-browser';

const URL = 'http://127.0.0.1:23600/signin?code=abc_-123';

describe('opening a link in the system browser', () => {
  it('uses each platform’s opener, with the link as one argument and no shell', () => {
    expect(browserCommand(URL, 'linux')).toEqual({ command: 'xdg-open', args: [URL] });
    expect(browserCommand(URL, 'freebsd')).toEqual({ command: 'xdg-open', args: [URL] });
    expect(browserCommand(URL, 'darwin')).toEqual({ command: 'open', args: [URL] });
    expect(browserCommand(URL, 'win32')).toEqual({ command: 'rundll32', args: ['url.dll,FileProtocolHandler', URL] });
  });

  it('rejects when the opener cannot be started', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent-stint-test';
    try {
      await expect(openInBrowser(URL, 'linux')).rejects.toThrow(/ENOENT/);
    } finally {
      process.env.PATH = path;
    }
  });
});
