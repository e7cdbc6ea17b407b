// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { IDLE, callTransition } from '../../../shared/calls/call-machine';
import { CallRefusedError } from '../../../shared/calls/call-refusal';
import { callRefusalText } from '../../../shared/calls/call-refusal-text';
import type { StoredCall } from '../../../shared/api/results';
import type { ChartData } from '../../components/chart-data';
import { renderApp } from '../../testing/render-app';
import { parseCallLog } from '../../../shared/imports';
import { IMPORT_PROBLEM_CODES } from '../../../shared/imports/result';
import { rejected } from '../../../shared/imports/import-refusal';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { H, MIN, SEED_NOW, createSeededWorld } from '../../testing/seed-world';

afterEach(() => cleanup());
// jsdom has no canvas: the charts render a placeholder carrying their data (asked without jsdom's warning).
beforeAll(() => void vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null));

describe('Calls', () => {
  it('explains how calls get here when there are none', async () => {
    renderApp({ route: 'calls' });
    expect(await screen.findByText('No calls in this range.')).toBeTruthy();
    expect(screen.getByText('stint calls start', { selector: 'code' })).toBeTruthy();
    expect(screen.getByText('No call in progress')).toBeTruthy();
  });

  it('times a call: start, hold, resume, end, after-call work, and lists it', async () => {
    const { world } = renderApp({ route: 'calls' });
    const live = await screen.findByRole('region', { name: 'Call in progress' });
    fireEvent.change(within(live).getByLabelText('Contact'), { target: { value: 'Acme — Dana' } });
    fireEvent.click(within(live).getByRole('button', { name: 'Start call' }));
    expect(await within(live).findByText('On a call with Acme — Dana')).toBeTruthy();
    expect(world.transport.inputsOf('calls.act')).toEqual([{ action: 'start', direction: 'out', contact: 'Acme — Dana' }]);

    await act(async () => world.tick(65_000));
    expect(await within(live).findByText('0:01:05')).toBeTruthy();

    fireEvent.click(within(live).getByRole('button', { name: 'Hold' }));
    expect(await within(live).findByText('On hold')).toBeTruthy();
    expect(within(live).queryByRole('button', { name: 'No answer' })).toBeNull();
    await act(async () => world.tick(30_000));
    fireEvent.click(within(live).getByRole('button', { name: 'Resume' }));
    await within(live).findByRole('button', { name: 'Hold' });
    await act(async () => world.tick(60_000));
    fireEvent.click(within(live).getByRole('button', { name: 'End call' }));
    expect(await within(live).findByText('After-call work: Acme — Dana')).toBeTruthy();
    await act(async () => world.tick(120_000));
    fireEvent.change(within(live).getByRole('textbox', { name: 'Notes' }), { target: { value: 'Send the quote' } });
    fireEvent.click(within(live).getByRole('button', { name: 'Finish wrap-up and save notes' }));
    expect(await within(live).findByText('No call in progress')).toBeTruthy();
    expect(world.transport.inputsOf('calls.act').map((a) => a.action)).toEqual(['start', 'hold', 'resume', 'end', 'wrap']);
    expect(world.transport.inputsOf('calls.act').at(-1)).toEqual({ action: 'wrap', notes: 'Send the quote' });
    expect(await screen.findByText('Send the quote')).toBeTruthy();

    // 2m 05s talk + 30 s hold + 2 min after-call work.
    const aht = await screen.findByText('Average handle time');
    expect(aht.nextSibling?.textContent).toBe('4m 35s');
    const table = screen.getByRole('table');
    expect(within(table).getByText('Acme — Dana')).toBeTruthy();
    expect(within(table).getByText('timed by you')).toBeTruthy();
  });

  it('shows a refused call action', async () => {
    const { world } = renderApp({ route: 'calls' });
    world.transport.handle('calls.act', () => {
      throw new Error('No call is in progress.');
    });
    const live = await screen.findByRole('region', { name: 'Call in progress' });
    fireEvent.click(within(live).getByRole('button', { name: 'Start call' }));
    expect((await within(live).findByRole('alert')).textContent).toBe('No call is in progress.');
  });

  it('words a call refusal from its code in the chosen language, not the recorder’s English', async () => {
    for (const [languages, region, button, expected] of [
      [['en-US'], 'Call in progress', 'Start call', 'A call is already in progress; Stint times one call at a time. End it before starting another.'],
      [['zh-CN'], '进行中的通话', '开始通话', '已有通话在进行中；Stint 一次只计时一个通话。请先结束它再开始新的通话。'],
    ] as const) {
      const { world } = renderApp({ route: 'calls', languages });
      // Another window (or the CLI) started a call this view has not heard of yet: the machine refuses a second one.
      const talking = callTransition(IDLE, { type: 'start', atMs: SEED_NOW - MIN, direction: 'in' });
      world.transport.handle('calls.act', () => {
        if (!talking.ok) throw new Error('the fixture call did not start');
        const refused = callTransition(talking.state, { type: 'start', atMs: SEED_NOW, direction: 'out' });
        if (refused.ok) throw new Error('a second call was not refused');
        throw new CallRefusedError(refused.refusal, callRefusalText(refused.refusal));
      });
      const live = await screen.findByRole('region', { name: region });
      fireEvent.click(within(live).getByRole('button', { name: button }));
      expect((await within(live).findByRole('alert')).textContent).toBe(expected);
      cleanup();
    }
  });

  it('charts AHT by day beside the list', async () => {
    const world = createSeededWorld();
    // A 3-minute call with a minute of after-call work yesterday, a 1-minute one today.
    const timeCall = async (atMs: number, talkMs: number, wrapMs: number) => {
      world.clock.set(atMs);
      await world.transport.request('calls.act', { action: 'start', direction: 'out' });
      world.clock.set(atMs + talkMs);
      await world.transport.request('calls.act', { action: 'end' });
      world.clock.set(atMs + talkMs + wrapMs);
      await world.transport.request('calls.act', { action: 'wrap' });
    };
    await timeCall(SEED_NOW - 24 * H, 3 * MIN, MIN);
    await timeCall(SEED_NOW - H, MIN, 0);
    world.clock.set(SEED_NOW);
    renderApp({ world, route: 'calls' });
    fireEvent.click(await screen.findByRole('button', { name: 'Last 7 days' }));
    const chart = await screen.findByRole('img', { name: 'Average handle time by day, chart' });
    expect(JSON.parse(chart.getAttribute('data-chart')!) as ChartData).toEqual({
      kind: 'line',
      labels: ['Sun, Mar 1', 'Mon, Mar 2'],
      labelEvery: 1,
      series: [{ label: 'Average handle time', color: '--work', values: [240, 60] }],
    });
    const list = screen.getByRole('list', { name: 'Average handle time by day' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Sun, Mar 1 · 1 answered4m', 'Mon, Mar 2 · 1 answered1m']);
  });

  it('tables AHT per agent when imported call logs name agents, and asks for it', async () => {
    const { world } = renderApp({ route: 'calls' });
    const metrics = (calls: number, answered: number, aht: number | null) => ({
      calls,
      answered,
      ahtSeconds: aht,
      avgTalkSeconds: aht,
      avgHoldSeconds: aht === null ? null : 0,
      avgWrapSeconds: aht === null ? null : 0,
      medianHandleSeconds: aht,
      p90HandleSeconds: aht,
      callsPerActiveHour: null,
    });
    world.transport.handle('report.calls', ({ from, to, timeZone }) => ({
      from,
      to,
      timeZone: timeZone ?? 'UTC',
      scope: 'mine' as const,
      toReview: 0,
      ...metrics(4, 3, 200),
      agents: [
        { agent: null, ...metrics(1, 1, 60) },
        { agent: 'ann@acme.com', ...metrics(3, 2, 270) },
      ],
    }));
    fireEvent.click(await screen.findByRole('button', { name: 'Last 7 days' }));
    const table = await screen.findByRole('table', { name: 'By agent' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) =>
        within(r)
          .queryAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows.slice(1)).toEqual([
      ['You (timed here and your calls in logs)', '1', '1', '1m', '1m', '1m'],
      ['ann@acme.com', '3', '2', '4m 30s', '4m 30s', '4m 30s'],
    ]);
    expect(world.transport.inputsOf('report.calls').at(-1)).toMatchObject({ byDay: true, byAgent: true, scope: 'mine' });
  });

  it('read-only (a manager reading the rep’s view): the figures and calls, without the call in progress, reviews or imports', async () => {
    const world = createSeededWorld();
    const detected: StoredCall = {
      uuid: 'zoom-2',
      source: 'detected',
      detectedBy: 'zoom.meeting',
      system: null,
      externalId: null,
      agent: null,
      mine: true,
      review: null,
      direction: 'out',
      startMs: SEED_NOW - 3_600_000,
      endMs: SEED_NOW - 1_800_000,
      wrapEndMs: SEED_NOW - 1_800_000,
      answered: true,
      talkMs: 1_800_000,
      holdMs: 0,
      wrapMs: 0,
    };
    world.transport.handle('calls.list', () => [detected]);
    world.transport.handle('report.calls', ({ from, to }) => ({
      from,
      to,
      timeZone: 'UTC',
      scope: 'mine' as const,
      toReview: 1,
      calls: 0,
      answered: 0,
      ahtSeconds: null,
      avgTalkSeconds: null,
      avgHoldSeconds: null,
      avgWrapSeconds: null,
      medianHandleSeconds: null,
      p90HandleSeconds: null,
      callsPerActiveHour: null,
    }));
    renderApp({ world, route: 'calls', readOnly: true });
    const row = (await screen.findByText('to review', { selector: '.badge' })).closest('tr')!;
    expect(within(row).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Call in progress' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start call' })).toBeNull();
    expect(document.querySelector('.import-card')).toBeNull();
    // The call in progress is the rep's device's: not even asked for.
    expect(world.transport.inputsOf('calls.state')).toEqual([]);
  });

  it('counts detected calls to review, lists them by review, confirms them, and shows a meeting in progress', async () => {
    const world = createSeededWorld();
    const detected: StoredCall = {
      uuid: 'zoom-1',
      source: 'detected',
      detectedBy: 'zoom.meeting',
      system: null,
      externalId: null,
      agent: null,
      mine: true,
      review: null,
      direction: 'out',
      startMs: SEED_NOW - 3_600_000,
      endMs: SEED_NOW - 1_800_000,
      wrapEndMs: SEED_NOW - 1_800_000,
      answered: true,
      talkMs: 1_800_000,
      holdMs: 0,
      wrapMs: 0,
    };
    let reviewed = false;
    world.transport.handle('calls.list', ({ review }) => ((review === 'pending' || review === undefined) && !reviewed ? [detected] : []));
    world.transport.handle('calls.review', ({ uuid }) => {
      reviewed = true;
      return { uuid };
    });
    world.transport.handle('report.calls', ({ from, to }) => ({
      from,
      to,
      timeZone: 'UTC',
      scope: 'mine' as const,
      toReview: reviewed ? 0 : 1,
      calls: 0,
      answered: 0,
      ahtSeconds: null,
      avgTalkSeconds: null,
      avgHoldSeconds: null,
      avgWrapSeconds: null,
      medianHandleSeconds: null,
      p90HandleSeconds: null,
      callsPerActiveHour: null,
    }));
    world.transport.handle('calls.state', () => ({
      state: { status: 'idle' as const },
      liveTalkMs: 0,
      nowMs: SEED_NOW,
      detected: { startMs: SEED_NOW - 120_000, label: 'Zoom meeting', ruleId: 'zoom.meeting' },
    }));
    renderApp({ world, route: 'calls' });
    fireEvent.click(await screen.findByRole('button', { name: 'Last 7 days' }));
    expect((await screen.findByText('To review', { selector: '.stat-label' })).nextSibling?.textContent).toBe('1');
    expect(screen.getByText('Meeting in progress: Zoom meeting')).toBeTruthy();
    // Calls per active hour is shown only where it means something.
    expect(screen.queryByText('Calls per active hour')).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'pending' } });
    await waitFor(() => expect(world.transport.inputsOf('calls.list').at(-1)).toMatchObject({ review: 'pending' }));
    const row = (await screen.findByText('to review', { selector: '.badge' })).closest('tr')!;
    // The source in words, never the detection rule's id.
    expect(within(row).getByText('detected (Zoom meeting)', { exact: false })).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(world.transport.inputsOf('calls.review').at(-1)).toEqual({ uuid: 'zoom-1', action: 'confirm' }));
    await waitFor(() => expect(screen.queryByText('to review', { selector: '.badge' })).toBeNull());
  });

  it('names a detected call by its source in Chinese, on Calls and on Today', async () => {
    const world = createSeededWorld();
    world.transport.handle('calls.state', () => ({
      state: { status: 'idle' as const },
      liveTalkMs: 0,
      nowMs: SEED_NOW,
      detected: { startMs: SEED_NOW - 120_000, label: 'Microsoft Teams call', ruleId: 'teams.call', contact: 'Jane' },
    }));
    renderApp({ world, route: 'today', languages: ['zh-CN'] });
    expect((await screen.findByTestId('today-detected')).textContent).toBe('会议进行中：Microsoft Teams 通话');
    cleanup();
    renderApp({ world, route: 'calls', languages: ['zh-CN'] });
    expect(await screen.findByText('会议进行中：Microsoft Teams 通话')).toBeTruthy();
  });

  it('words a refused call log in Chinese, line by line, from the parsers’ codes', async () => {
    const world = createSeededWorld();
    world.transport.handle('import.calls', ({ file, format }) => {
      const parsed = parseCallLog(
        format,
        Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)),
        { zone: 'UTC' },
      );
      if (parsed.ok) throw new Error('expected the log to be refused');
      throw rejected(file.name, parsed.errors);
    });
    renderApp({ world, route: 'calls', languages: ['zh-CN'] });
    const card = await screen.findByRole('region', { name: '导入通话记录' });
    const csv = [
      'id,start,direction,answered,talk_seconds,hold_seconds,wrap_seconds,agent,contact',
      'a1,not a date,out,yes,1,0,0,jane@acme.com,X',
      'a1,2026-03-02 09:00,sideways,maybe,1,0,0,jane@acme.com,Y',
    ].join('\n');
    const input = within(card).getByLabelText('选择要导入的文件');
    fireEvent.change(input, { target: { files: [new File([csv], 'dialer.csv', { type: 'text/csv' })] } });
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toMatch(/^无法导入 dialer\.csv：有 4 个问题，未导入任何内容。/);
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      '第 2 行：start「not a date」不是日期时间：应为 ISO 8601 格式（如 2026-03-14T09:05:00Z），或 UTC 时区的 2026-03-14 09:05:00。',
      '第 3 行：direction「sideways」不是通话方向：应为呼入（inbound）或呼出（outbound）。',
      '第 3 行：answered「maybe」不是“是”或“否”：应为 true/false、yes/no 或 1/0 之一。',
      '第 3 行：id「a1」已在第 2 行出现；每一行必须是不同的记录。',
    ]);
  });

  it('has Chinese words for every import problem the parsers name', () => {
    for (const code of IMPORT_PROBLEM_CODES) expect(zhCN[`importProblem.${code}`], code).not.toBe(en[`importProblem.${code}`]);
  });
});
