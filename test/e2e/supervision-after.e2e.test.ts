/**
 * After 立项 (#19 item 15, item 2): 督查室 edits an item and adds a 节点; the liaison completes the stage on a phone
 * (390 px); a meeting-born item links to its meeting for who may read it (and hides the meeting's name from a unit
 * that may not); the instructing leader downloads the 批示件办理情况报告. axe-core finds nothing serious.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  axeFindings,
  callApi,
  launchBrowser,
  loginAs,
  pageAs,
  screenshot,
  startServer,
  type BrowserSession,
  type RunningServer,
  PHONE_CONTEXT,
} from './harness.js';

let server: RunningServer;
let b: BrowserSession;
const pageErrors: string[] = [];

beforeAll(async () => {
  // the machine is shared: give the server (and its demo seed) time to start
  server = await startServer({}, 180_000);
  b = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

const as = (username: string): Promise<Page> => pageAs(b, server.url, username);
/** China date `days` from now. */
const inDays = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function phone(username: string): Promise<Page> {
  const context = await b.browser.newContext(PHONE_CONTEXT);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
  await loginAs(page, server.url, username);
  return page;
}

/** Types a date into the open dialog's date picker labelled `label`. */
async function pickDate(page: Page, label: string, date: string) {
  const input = page.locator('.ant-modal:visible').getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

let itemId = 0;

it('督查室 edits an item after 立项 and adds a stage to the lead task', async () => {
  const zhang = await as('dcs_zhang');
  zhang.on('pageerror', (e) => pageErrors.push(`dcs_zhang: ${e.message}`));
  const dir = (await callApi(zhang, 'GET', '/api/org/directory')).json as { units: { id: number; code: string }[]; users: { id: number; name: string }[] };
  const unit = (code: string) => dir.units.find((u) => u.code === code)!.id;
  const userId = (name: string) => dir.users.find((u) => u.name === name)!.id;
  const reg = await callApi(zhang, 'POST', '/api/supervision/items', {
    source: 'instruction',
    instructedBy: '李明华',
    instructedById: userId('李明华'),
    instructionText: '请住建局抓紧推进，按月报告进展',
    title: '督办城区积水点整治',
    requirement: '汛期前完成整治',
    level: 1,
    leadUnitId: unit('housing'),
    deadline: inDays(40),
  });
  expect(reg.status).toBe(200);
  itemId = reg.json.item.id;
  const split = await callApi(zhang, 'POST', `/api/supervision/items/${itemId}/split`, {
    version: reg.json.item.version,
    tasks: [{ unitId: unit('housing'), responsibleUserId: userId('彭宇'), deadline: inDays(40), stages: [{ name: '方案制定', deadline: inDays(10) }] }],
  });
  expect((await callApi(zhang, 'POST', `/api/supervision/items/${itemId}/issue`, { version: split.json.item.version })).status).toBe(200);

  await zhang.goto(`${server.url}/supervision/items/${itemId}`);
  await zhang.getByTestId('item-edit').click();
  const requirement = zhang.locator('.ant-modal:visible').getByLabel('工作要求', { exact: true });
  await requirement.fill('汛期前完成全部12处积水点整治');
  await zhang
    .locator('.ant-modal:visible')
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await zhang.getByText('汛期前完成全部12处积水点整治').first().waitFor();
  await zhang.getByText('修改事项：工作要求').waitFor();

  const taskId = (await callApi(zhang, 'GET', `/api/supervision/items/${itemId}`)).json.tasks[0].id;
  await zhang.getByTestId(`add-stage-${taskId}`).click();
  await zhang.locator('.ant-modal:visible').getByLabel('节点名称', { exact: true }).fill('组织实施');
  await pickDate(zhang, '时限', inDays(25));
  await zhang
    .locator('.ant-modal:visible')
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await zhang.getByTestId('stages').getByText('组织实施').waitFor();
  await screenshot(zhang, 'supervision-after-01-office');
  expect(await axeFindings(zhang)).toEqual([]);
  await zhang.context().close();
});

it('the liaison completes the stage on a phone (390 px)', async () => {
  const peng = await phone('zjj_peng');
  await peng.goto(`${server.url}/supervision/items/${itemId}`);
  const detail = (await callApi(peng, 'GET', `/api/supervision/items/${itemId}`)).json;
  const stage = detail.tasks[0].stages.find((s: { name: string }) => s.name === '方案制定');
  const button = peng.getByTestId(`complete-stage-${stage.id}`);
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await button.click();
  await peng.locator('.ant-modal:visible').getByLabel('完成情况', { exact: true }).fill('整治方案已印发，明确12处点位责任人');
  await peng
    .locator('.ant-modal:visible')
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await peng.getByTestId(`stage-${stage.id}`).getByText('已完成').waitFor();
  expect(await peng.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(peng, 'supervision-after-02-phone');
  expect(await axeFindings(peng)).toEqual([]);
  await peng.context().close();
});

it('a meeting-born item links to its meeting for the meeting secretary, and names no meeting to a unit that may not read it', async () => {
  const sun = await as('msc_sun');
  const ledger = (await callApi(sun, 'GET', `/api/supervision/items?q=${encodeURIComponent('重点项目投资计划')}`)).json;
  const born = ledger.items.find((i: { sourceType: string }) => i.sourceType === 'meeting_decision');
  expect(born).toBeTruthy();
  await sun.goto(`${server.url}/supervision/items/${born.id}`);
  const link = sun.getByTestId('item-meeting');
  await link.waitFor();
  expect(await link.textContent()).toContain('第3次会议');
  await screenshot(sun, 'supervision-after-03-meeting-link');
  await link.click();
  await sun.waitForURL(/\/meetings\/\d+$/);
  await sun.context().close();

  const xu = await as('fgw_xu');
  await xu.goto(`${server.url}/supervision/items/${born.id}`);
  await xu.getByTestId('item-descriptions').waitFor();
  expect(await xu.getByTestId('item-meeting').count()).toBe(0);
  expect(await xu.getByTestId('item-descriptions').textContent()).toContain('会议议定事项');
  expect(await xu.getByTestId('item-descriptions').textContent()).not.toContain('第3次会议');
  await xu.context().close();
});

it('the instructing leader downloads the 批示件办理情况报告', async () => {
  const li = await as('sj_li');
  await li.goto(`${server.url}/supervision/items/${itemId}`);
  const [download] = await Promise.all([li.waitForEvent('download'), li.getByTestId('instruction-report').click()]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  expect(await li.getByTestId('item-edit').count()).toBe(0);
  expect(await axeFindings(li)).toEqual([]);
  await li.context().close();
  expect(pageErrors).toEqual([]);
});
