/*
 * Team data imports and the Sales page end to end (issue 15): a real `stint-server` process (SQLite, and the
 * real PostgreSQL) seeded through its HTTP API, driven by real Chromium. A manager uploads a call log and a
 * CRM report on the Imports page, says who an unknown agent is, imports both, and the Sales page shows the
 * rows attributed to the reps; its CSV says the same as its table. Screenshots of both pages in both
 * languages and themes, 1280 and 420 px wide, go to test-results/screenshots/team/.
 *
 * Node code that drives the browser and starts the server, not browser code: hence the imports below.
 */
/* eslint-disable no-restricted-imports -- an end-to-end test runs in Node: it starts the server and writes files */
import { readFileSync } from 'node:fs';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { SALES_COLUMNS, salesCsvValue, type SalesColumn } from '../../shared/team/sales-table';
import { describeTeamWeb, looks, MANAGER_PASSWORD as PASSWORD, WAIT } from '../../test-support/team-web';

const SCREENSHOTS = path.resolve('test-results/screenshots/team');

/** A generic call log: Ann by email, "Bobby B" whom Stint cannot match, a missed call nobody took. */
const CALLS = [
  'id,start,direction,answered,talk_seconds,agent,contact',
  'e-1,2026-03-02T09:00:00Z,out,yes,300,ann@example.com,+1 312 555 0140',
  'e-2,2026-03-02T10:00:00Z,in,yes,120,Bobby B,+1 212 555 0100',
  'e-3,2026-03-02T11:00:00Z,in,no,,,+1 212 555 0101',
].join('\n');
const BAD_CALLS = [
  'id,start,direction,answered,talk_seconds,agent',
  'x-1,2026-03-02T09:00:00Z,out,yes,60,ann@example.com',
  'x-2,last tuesday,out,yes,60,',
].join('\n');
/** A Salesforce opportunity report: Ann by name, Bobby B as in the call log (mapped once, for both). */
const OPPORTUNITIES = [
  '"Opportunity Owner","Opportunity Name","Opportunity ID","Stage","Amount","Created Date","Close Date","Loss Reason"',
  '"Ann Archer","Acme","006A","Closed Won","1000","2/1/2026","3/3/2026",""',
  '"Ann Archer","Globex","006B","Closed Lost","500","2/2/2026","3/4/2026","Lost to competitor"',
  '"Ann Archer","Initech","006C","Prospecting","800","3/1/2026","4/30/2026",""',
  '"Bobby B","Hooli","006D","Closed Won","700","2/20/2026","3/5/2026",""',
].join('\r\n');

describeTeamWeb('team imports and the Sales page', { screenshots: SCREENSHOTS }, (web) => {
  const dialect = web.dialect;

  beforeAll(() => web.seedNorth());

  /** The manager signs in. */
  const signIn = (page: Page) => web.signIn(page, 'nadia@example.com', PASSWORD);

  const upload = (page: Page, name: string, text: string) =>
    page.getByLabel('Choose a file to import').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  it('a manager imports a call log and a CRM report, maps an unknown name, and the Sales page attributes the rows; its CSV is its table', async () => {
    const page = await web.open();
    await signIn(page);
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    await page.getByRole('heading', { name: 'Imports' }).waitFor();

    // A file with a bad row: its line, in words, and nothing imported.
    await upload(page, 'bad.csv', BAD_CALLS);
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('bad.csv cannot be imported (problems: 1)');
    expect(await errors.innerText()).toMatch(/Line 3: .*last tuesday/);

    // The call log: its source named, Ann found by email, Bobby B unknown until picked.
    await upload(page, 'calls.csv', CALLS);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await page.getByTestId('import-source').innerText()).toBe('Source: Call log (Stint CSV) (recognized from its columns)');
    expect(await preview.innerText()).toContain('3 rows: 3 to add, 0 to update, 0 already here.');
    expect(await preview.locator('tr[data-name="ann@example.com"]').innerText()).toContain('by email');
    const importButton = preview.getByRole('button', { name: 'Import', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByLabel('Rep: Bobby B').selectOption({ label: 'Bo Baker (bo@example.com)' });
    await preview.locator('tr[data-name="Bobby B"]').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => preview.locator('tr[data-name="Bobby B"]').innerText(), WAIT).toContain('mapped before');
    await importButton.click();
    await page.getByText('Imported calls.csv: 3 added, 0 updated, 0 already here.').waitFor();
    await expect.poll(() => page.getByTestId('import-counts').innerText(), WAIT).toContain('3 calls');

    // The CRM report: Bobby B's mapping holds for it too.
    await upload(page, 'opportunities.csv', OPPORTUNITIES);
    await expect.poll(() => page.getByTestId('import-source').innerText(), WAIT).toContain('Salesforce opportunities report');
    expect(await preview.locator('tr[data-name="Bobby B"]').innerText()).toContain('mapped before');
    expect(await preview.locator('tr[data-name="Ann Archer"]').innerText()).toContain('by name');
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported opportunities.csv: 4 added, 0 updated, 0 already here.').waitFor();
    // Importing the same file again adds nothing.
    await upload(page, 'opportunities.csv', OPPORTUNITIES);
    await expect.poll(() => preview.innerText(), WAIT).toContain('4 rows: 0 to add, 0 to update, 4 already here.');

    // Sales: the rows per rep and for the team.
    await page.getByRole('link', { name: 'Sales', exact: true }).click();
    await page.getByLabel('From').fill('2026-03-01');
    await page.getByLabel('To').fill('2026-03-31');
    const table = page.locator('table[aria-label="Sales KPIs per rep"]');
    const cellOf = (rep: string, col: SalesColumn) => table.locator(`tr[data-rep="${rep}"] td[data-col="${col}"]`);
    await expect.poll(() => cellOf('ann@example.com', 'won').innerText(), WAIT).toBe('1');
    expect(await cellOf('ann@example.com', 'lost').innerText()).toBe('1');
    expect(await cellOf('ann@example.com', 'open').innerText()).toBe('1');
    expect(await cellOf('ann@example.com', 'win_rate').innerText()).toBe('50%');
    expect(await cellOf('ann@example.com', 'lost_competitor').innerText()).toBe('1');
    expect(await cellOf('bo@example.com', 'won').innerText()).toBe('1');
    expect(await cellOf('bo@example.com', 'win_rate').innerText()).toBe('100%');
    expect(await cellOf('team', 'closed').innerText()).toBe('3');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const cells = (line: string) => line.slice(1, -1).split('","');
    expect(cells(csv[0]!)).toEqual(['rep', 'email', ...SALES_COLUMNS]);
    const rows = await table.locator('tbody tr').all();
    expect(csv).toHaveLength(rows.length + 1);
    for (const [i, row] of rows.entries()) {
      const values = await row.locator('td').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-col')!, td.getAttribute('data-value')!] as const));
      const line = cells(csv[i + 1]!);
      expect(line[0]).toBe(await row.locator('th').evaluate((th) => th.firstChild?.textContent ?? ''));
      expect(line.slice(2)).toEqual(values.map(([col, v]) => salesCsvValue(col as SalesColumn, v === '' ? null : Number(v))));
    }

    // The Reports page shows the same KPIs for its range and team.
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.locator('.reports-view input[aria-label="To"]').fill('2026-03-31');
    await page.locator('.reports-view input[aria-label="From"]').fill('2026-03-01');
    const inReports = page.locator('[data-table="sales"] table[aria-label="Sales KPIs per rep"]');
    await expect.poll(() => inReports.locator('tr[data-rep="ann@example.com"] td[data-col="won"]').innerText(), WAIT).toBe('1');
    expect(await inReports.locator('tr[data-rep="team"] td[data-col="closed"]').innerText()).toBe('3');
    expect(page.problems).toEqual([]);
  });

  // Once is enough for the pictures; the dialects' pages are the same.
  if (dialect === 'sqlite')
    it('screenshots of Imports (with a preview) and Sales: 1280 and 420 px, light and dark, en and zh-CN', async () => {
      for (const { locale, dark, width, tag } of looks()) {
        const page = await web.open({ locale, dark, width });
        await signIn(page);
        await page.goto(`${web.base}/#/imports`);
        await page.getByLabel(/Choose a file to import|选择要导入的文件/).setInputFiles({
          name: 'calls-2.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(CALLS.replace(/e-/g, 'n-').replace('Bobby B', 'Cara C')),
        });
        await page.getByTestId('import-preview').waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, `imports-${tag}.png`), fullPage: true });
        await page.goto(`${web.base}/#/sales`);
        await page.locator('input[type="date"]').first().fill('2026-03-01');
        await page.locator('input[type="date"]').nth(1).fill('2026-03-31');
        await page.locator('tr[data-rep="ann@example.com"] td[data-col="won"]').filter({ hasText: '1' }).waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, `sales-${tag}.png`), fullPage: true });
        expect(page.problems).toEqual([]);
        await page.context().close();
      }
    }, 600_000);
});
