/**
 * Managing a meeting after it was set up: the 会务 staff reorders the agenda with 上移/下移 (saved under the meeting's
 * version) and edits the attendees; the 会务处室 head configures the gate checklist of each meeting kind and the
 * organising divisions, which the staff may only read; the leader on a phone sees the new order without the buttons.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, pageAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let meetingId = 0;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

const as = (username: string): Promise<Page> => pageAs(b, server.url, username);
const agendaTitles = async (page: Page) =>
  ((await callApi(page, 'GET', `/api/meetings/${meetingId}`)).json.agenda as { title: string; agendaOrder: number }[]).map((t) => t.title);

it('the 会务 staff moves an agenda item down and adds an attendee', async () => {
  const zhou = await as('msc_zhou');
  const list = (await callApi(zhou, 'GET', '/api/meetings?status=notified')).json.items as { id: number; title: string }[];
  meetingId = list.find((m) => m.title === '市委常委会2026年第5次会议')!.id;
  expect(await agendaTitles(zhou)).toEqual(['关于防汛抗旱应急预案修订的议题', '关于城市更新三年行动方案的议题']);
  const before = (await callApi(zhou, 'GET', `/api/meetings/${meetingId}`)).json;
  await zhou.goto(`${server.url}/meetings/${meetingId}`);
  const first = before.agenda[0].id as number;
  await zhou.getByTestId(`agenda-up-${first}`).waitFor();
  expect(await zhou.getByTestId(`agenda-up-${first}`).isDisabled()).toBe(true);
  await zhou.getByTestId(`agenda-down-${first}`).click();
  await expect.poll(() => agendaTitles(zhou)).toEqual(['关于城市更新三年行动方案的议题', '关于防汛抗旱应急预案修订的议题']);
  expect((await callApi(zhou, 'GET', `/api/meetings/${meetingId}`)).json.version).toBeGreaterThan(before.version);
  // a stale order is refused (the version moved)
  const stale = await callApi(zhou, 'PUT', `/api/meetings/${meetingId}/agenda/order`, {
    version: before.version,
    topicIds: before.agenda.map((t: { id: number }) => t.id),
  });
  expect(stale.status).toBe(409);

  await zhou.getByTestId('edit-attendees').click();
  const dialog = zhou.getByRole('dialog');
  const select = dialog.getByLabel('出席人员', { exact: true });
  await select.click();
  await select.fill('韩雪');
  await zhou.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '韩雪' }).first().click();
  await zhou.keyboard.press('Escape');
  await screenshot(zhou, 'meetings-manage-01-attendees');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expect
    .poll(async () =>
      ((await callApi(zhou, 'GET', `/api/meetings/${meetingId}`)).json.attendees as { name: string; attendance: string }[]).find((a) => a.name === '韩雪'),
    )
    .toMatchObject({ attendance: 'expected' });
  await zhou.locator('.ant-table').filter({ hasText: '韩雪' }).first().waitFor();
  // the excused 赵国强 stays excused
  const zhao = ((await callApi(zhou, 'GET', `/api/meetings/${meetingId}`)).json.attendees as { name: string; attendance: string; excuseReason: string }[]).find(
    (a) => a.name === '赵国强',
  );
  expect(zhao).toMatchObject({ attendance: 'excused', excuseReason: '参加省委会议' });
  await screenshot(zhou, 'meetings-manage-02-meeting');
  expect(await axeFindings(zhou)).toEqual([]);

  // the staff may read the settings but not change them
  await zhou.goto(`${server.url}/meetings/settings`);
  await zhou.getByTestId('checklist-card').waitFor();
  await zhou.getByText('只有会务处室负责人可以修改会议设置').waitFor();
  expect(await zhou.getByTestId('meetings-settings-save').count()).toBe(0);
  await zhou.context().close();
});

it('the 会务处室 head configures the gate checklist and the organising divisions', async () => {
  const sun = await as('msc_sun');
  await sun.goto(`${server.url}/meetings/settings`);
  const cell = sun.getByTestId('gate-deployment-legal_review');
  await cell.waitFor();
  await cell.click();
  await sun.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '必须' }).first().click();
  const units = sun.getByLabel('会务处室', { exact: true });
  await units.click();
  await units.fill('督查室');
  await sun.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '督查室' }).first().click();
  await sun.keyboard.press('Escape');
  await sun.getByTestId('meetings-settings-save').click();
  await expect
    .poll(async () => (await callApi(sun, 'GET', '/api/meetings/config')).json.checklists.deployment as { key: string; when: string }[])
    .toEqual([
      { key: 'situation_clear', when: 'always' },
      { key: 'legal_review', when: 'always' },
      { key: 'materials_ready', when: 'always' },
    ]);
  const dir = (await callApi(sun, 'GET', '/api/org/directory')).json;
  const supervision = dir.units.find((u: { code: string }) => u.code === 'supervision').id as number;
  expect((await callApi(sun, 'GET', '/api/meetings/config')).json.handlerUnitIds).toContain(supervision);
  await screenshot(sun, 'meetings-manage-03-settings');
  expect(await axeFindings(sun)).toEqual([]);
  await sun.context().close();
});

it('the chairing leader reads the reordered agenda on a phone, without the buttons', async () => {
  const li = await as('sj_li');
  await li.setViewportSize({ width: 390, height: 844 });
  await li.goto(`${server.url}/meetings/${meetingId}`);
  await li.getByText('关于城市更新三年行动方案的议题').first().waitFor();
  expect(await li.locator('[data-testid^=agenda-down-]').count()).toBe(0);
  expect(await li.getByTestId('edit-attendees').count()).toBe(0);
  await screenshot(li, 'meetings-manage-04-leader-390');
  expect(await axeFindings(li)).toEqual([]);
  await li.context().close();
});
