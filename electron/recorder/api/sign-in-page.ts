import type { ServerResponse } from 'node:http';
import { SIGN_IN_CODE_TTL_MS } from './browser-sign-in';

/** Why the browser sees this page instead of the views. */
export type SignInReason = 'signed-out' | 'link-spent';

type Language = 'en' | 'zh-CN';

const MINUTES = SIGN_IN_CODE_TTL_MS / 60_000;

const WORDS: Record<Language, { title: string; heading: Record<SignInReason, string>; body: Record<SignInReason, string>; run: string; note: string }> = {
  en: {
    title: 'Sign in to Stint',
    heading: { 'signed-out': 'Sign in with `stint open`', 'link-spent': 'This sign-in link no longer works' },
    body: {
      'signed-out': 'This browser is not signed in to the Stint recorder on this computer. In a terminal, run:',
      'link-spent': 'Sign-in links work once, for a short time, and this one was already used or has expired. For a new one, run:',
    },
    run: 'It opens your views here, signed in. Add `--print` to only print the link.',
    note: `Each link works once, within ${MINUTES} minutes. Nothing secret is kept in this page.`,
  },
  'zh-CN': {
    title: '登录 Stint',
    heading: { 'signed-out': '请用 `stint open` 登录', 'link-spent': '此登录链接已失效' },
    body: {
      'signed-out': '此浏览器尚未登录本机的 Stint 记录器。请在终端中运行：',
      'link-spent': '登录链接只能使用一次且很快过期，此链接已被使用或已过期。如需新链接，请运行：',
    },
    run: '它会在此浏览器中打开已登录的视图。加上 `--print` 则只打印链接。',
    note: `每个链接只能使用一次，${MINUTES} 分钟内有效。此页面不含任何机密信息。`,
  },
};

/** English unless the browser prefers Chinese to English (Accept-Language, by weight). */
export function pageLanguage(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.q > 0 && (l.tag.startsWith('zh') || l.tag.startsWith('en')))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith('zh') ? 'zh-CN' : 'en';
}

/** The page in its language: small, self-contained (inline style only, which the CSP allows), light and dark. */
export function signInPageHtml(reason: SignInReason, language: Language): string {
  const w = WORDS[language];
  const code = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.title)}</title>
<style>
:root { color-scheme: light dark; --bg: #f5f6f8; --surface: #fff; --border: #e1e4e9; --text: #1a1e24; --muted: #5e6979; --accent: #2d6cdf; --code: #f0f2f5; }
@media (prefers-color-scheme: dark) { :root { --bg: #0f1216; --surface: #171b20; --border: #2a3038; --text: #e5e8ed; --muted: #97a1b1; --accent: #6b9cff; --code: #1e232a; } }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
  font: 15px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif; }
main { max-width: 30rem; margin: 1.5rem; padding: 1.75rem 2rem; background: var(--surface); border: 1px solid var(--border); border-radius: 10px; }
.brand { color: var(--accent); font-weight: 700; letter-spacing: .02em; margin: 0 0 .75rem; }
h1 { font-size: 1.3rem; margin: 0 0 .75rem; }
code { font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace; background: var(--code); padding: .1em .35em; border-radius: 4px; }
pre { background: var(--code); padding: .7rem 1rem; border-radius: 6px; font-size: 1.05rem; margin: 0 0 1rem; }
pre code { padding: 0; }
.note { color: var(--muted); font-size: .9rem; margin-bottom: 0; }
</style></head>
<body><main data-reason="${reason}">
<p class="brand">Stint</p>
<h1>${code(w.heading[reason])}</h1>
<p>${escapeHtml(w.body[reason])}</p>
<pre><code>stint open</code></pre>
<p>${code(w.run)}</p>
<p class="note">${escapeHtml(w.note)}</p>
</main></body></html>
`;
}

/** Answers with the page; 401 (not signed in) or 403 (a spent link). */
export function sendSignInPage(res: ServerResponse, reason: SignInReason, acceptLanguage: string | undefined, head: boolean): number {
  const status = reason === 'signed-out' ? 401 : 403;
  const body = Buffer.from(signInPageHtml(reason, pageLanguage(acceptLanguage)), 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(head ? undefined : body);
  return status;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
