/**
 * The 会议 story in real Chromium: a unit proposes a topic, the office moves it to 调度, the gates are
 * satisfied one by one (the meeting refuses it until then, naming the gates), it goes 上会, the meeting
 * is held, the minutes recorded, and two decisions become supervision items visible to their units.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, loginAs, screenshot, startServer, confirmDialog, type BrowserSession, type RunningServer, callApi } from './harness.js';

let server: RunningServer;
let b: BrowserSession;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

const apiIn = callApi;

/** Logs in as another user in a clean session. */
async function switchUser(username: string) {
  await b.context.clearCookies();
  await loginAs(b.page, server.url, username);
}

const TITLE = '关于建设青州新区综合交通枢纽的议题';
let topicId = 0;
let meetingId = 0;

async function confirmGate(page: Page, gate: string, text: string) {
  await page.locator(`[data-gate-row="${gate}"]`).getByRole('button', { name: /确认/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('textarea').fill(text);
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await page.locator(`[data-gate-row="${gate}"] [data-state="passed"]`).first().waitFor({ timeout: 15_000 });
}

async function tryPlace(page: Page) {
  await page.locator('.ant-card').filter({ hasText: '上会' }).locator('.ant-select').last().click();
  await page.locator('.ant-select-item-option').filter({ hasText: '第5次会议' }).click();
  await page.getByRole('button', { name: '列入议程' }).click();
}

it('a unit proposes a topic; it lands in 储存', async () => {
  const { page } = b;
  await loginAs(page, server.url, 'fgw_xu');
  await page.goto(`${server.url}/meetings/topics`);
  await page.getByRole('button', { name: /提出议题/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('议题名称').fill(TITLE);
  await dialog.getByLabel('背景与主要内容').fill('枢纽总投资 58 亿元，分两期建设，一期 2027 年建成。');
  await screenshot(page, 'meetings-01-propose');
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await page.waitForURL(/\/meetings\/topics\/\d+$/, { timeout: 20_000 });
  topicId = Number(page.url().split('/').pop());
  await expect.poll(() => page.getByTestId('topic-status').innerText()).toBe('储存');
  await screenshot(page, 'meetings-02-topic-stored');
});

it('the office moves it to 调度; the meeting refuses it while gates fail, naming them', async () => {
  const { page } = b;
  await switchUser('msc_zhou');
  await page.goto(`${server.url}/meetings/topics?layer=stored`);
  await page.getByRole('row').filter({ hasText: TITLE }).getByRole('button', { name: '转入调度' }).click();
  await page.locator('[data-layer="preparing"]').click();
  await page.getByRole('row').filter({ hasText: TITLE }).waitFor({ timeout: 15_000 });
  await screenshot(page, 'meetings-03-pool-preparing');
  await page.getByRole('link', { name: TITLE }).click();
  await expect.poll(() => page.getByTestId('topic-status').innerText()).toBe('调度');
  await tryPlace(page);
  const refusal = page.getByTestId('gates-refusal');
  await refusal.waitFor({ timeout: 15_000 });
  const text = await refusal.innerText();
  for (const g of ['情况明', '程序合法', '民主讨论']) expect(text).toContain(g);
  await screenshot(page, 'meetings-04-refused-all-gates');
});

it('the gates are satisfied one by one; the refusal shrinks until the topic goes 上会', async () => {
  const { page } = b;
  await confirmGate(page, 'situation_clear', '可行性研究报告、测算表齐全');
  await confirmGate(page, 'legal_review', '市司法局合法性审查意见书（青司审〔2026〕11号）');
  await tryPlace(page);
  await expect.poll(async () => page.getByTestId('gates-refusal').innerText(), { timeout: 15_000 }).not.toContain('程序合法');
  const text = await page.getByTestId('gates-refusal').innerText();
  expect(text).toContain('民主讨论');
  expect(text).not.toContain('情况明');
  await screenshot(page, 'meetings-05-refused-one-gate');
  await confirmGate(page, 'democratic', '已征求人大代表、政协委员和民主党派意见');
  await tryPlace(page);
  await expect.poll(() => page.getByTestId('topic-status').innerText(), { timeout: 15_000 }).toBe('上会');
  await screenshot(page, 'meetings-06-on-agenda');
});

it('the meeting is held and the minutes recorded with two decisions', async () => {
  const { page } = b;
  await page
    .getByRole('link', { name: /第5次会议/ })
    .first()
    .click();
  await page.waitForURL(/\/meetings\/\d+$/);
  meetingId = Number(page.url().split('/').pop());
  // the meeting is set for two days on; it was brought forward to today (会议召开 is not recorded ahead of its day)
  const before = await apiIn(page, 'GET', `/api/meetings/${meetingId}`);
  const now = new Date();
  const moved = await apiIn(page, 'PATCH', `/api/meetings/${meetingId}`, {
    version: before.json.version,
    startsAt: new Date(now.getTime() - 60_000).toISOString(),
    endsAt: new Date(now.getTime() + 2 * 3600_000).toISOString(),
  });
  expect(moved.status, JSON.stringify(moved.json)).toBe(200);
  await page.reload();
  await page.getByRole('button', { name: '会议召开' }).click();
  const held = await confirmDialog(page, `/api/meetings/${meetingId}/transitions/hold`);
  expect(held.status(), await held.text()).toBe(200);
  await expect.poll(() => page.getByTestId('meeting-status').innerText(), { timeout: 15_000 }).toBe('已召开');
  await page.getByPlaceholder(/纪要综述/).fill('会议原则同意青州新区综合交通枢纽建设方案，要求统筹资金、倒排工期。');
  await page.getByRole('button', { name: '保存纪要' }).click();
  await page.getByText('已完成').first().waitFor({ timeout: 15_000 });
  const m = await apiIn(page, 'GET', `/api/meetings/${meetingId}`);
  const topic = m.json.agenda.find((t: { id: number }) => t.id === topicId);
  expect(topic).toBeTruthy();
  const units = (await apiIn(page, 'GET', '/api/org/directory')).json.units as { id: number; code: string }[];
  const unit = (code: string) => units.find((u) => u.code === code)!.id;
  const d1 = await apiIn(page, 'POST', `/api/meetings/${meetingId}/decisions`, {
    topicId,
    text: '市发展改革委牵头编制枢纽一期实施方案，报市政府审定。',
    leadUnitId: unit('ndrc'),
    coUnitIds: [unit('housing')],
    dueDate: '2027-04-30',
  });
  expect(d1.status).toBe(200);
  const d2 = await apiIn(page, 'POST', `/api/meetings/${meetingId}/decisions`, {
    topicId,
    text: '市财政局统筹枢纽二期建设资金，分年度纳入预算。',
    leadUnitId: unit('finance'),
    coUnitIds: [],
    dueDate: '2027-06-30',
  });
  expect(d2.status).toBe(200);
  await page.reload();
  await page.getByText('市财政局统筹枢纽二期建设资金').waitFor();
  await screenshot(page, 'meetings-07-minutes');
});

it('会后督办: the decisions become supervision items in one step, with lights, visible to their units', async () => {
  const { page } = b;
  await page.getByRole('button', { name: /会后督办/ }).click();
  const supervised = await confirmDialog(page, `/api/meetings/${meetingId}/supervise`);
  expect(supervised.status(), await supervised.text()).toBeLessThan(300);
  await page.locator('[data-supervised]').nth(1).waitFor({ timeout: 20_000 });
  const m = await apiIn(page, 'GET', `/api/meetings/${meetingId}`);
  const mine = m.json.decisions.filter((d: { topicId: number }) => d.topicId === topicId);
  expect(mine.map((d: { supervisionNumber: string }) => d.supervisionNumber)).toEqual([
    expect.stringMatching(/^督字〔\d{4}〕\d+号$/),
    expect.stringMatching(/^督字〔\d{4}〕\d+号$/),
  ]);
  await page.locator('[data-light]').first().waitFor();
  await screenshot(page, 'meetings-08-supervised');
  // each lead unit sees its own item; the other does not
  await switchUser('fgw_xu');
  await page.goto(`${server.url}/supervision/items/${mine[0].supervisionItemId}`);
  await page.getByText('枢纽一期实施方案').first().waitFor({ timeout: 20_000 });
  await screenshot(page, 'meetings-09-ndrc-sees-item');
  expect((await apiIn(page, 'GET', `/api/supervision/items/${mine[1].supervisionItemId}`)).status).toBe(404);
  await switchUser('czj_han');
  expect((await apiIn(page, 'GET', `/api/supervision/items/${mine[1].supervisionItemId}`)).status).toBe(200);
  await page.goto(`${server.url}/meetings`);
  await page.locator('.ant-picker-calendar').waitFor();
  await screenshot(page, 'meetings-10-calendar-finance');
});

it('the calendar and pool render for the office', async () => {
  const { page } = b;
  await switchUser('msc_sun');
  await page.goto(`${server.url}/meetings`);
  await page.locator('[data-meeting]').first().waitFor({ timeout: 15_000 });
  expect(await page.locator('.ant-picker-calendar').innerText()).toContain('第5次会议');
  await screenshot(page, 'meetings-11-calendar');
  await page.goto(`${server.url}/meetings/topics?layer=preparing`);
  await page.locator('[data-gate]').first().waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning')
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await screenshot(page, 'meetings-12-pool');
});
