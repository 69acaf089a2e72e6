/**
 * 公文 settings screens: the 办公厅主任 sets plans and quotas per unit, 文种 and year and the 篇幅指引 (文风); a drafter
 * on a phone (390 px) sees the guide and the running 字数 under the body while drafting. axe-core finds nothing serious.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, pageAs, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

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

const as = (username: string): Promise<Page> => pageAs(b, server.url, username);

/** Picks an option of a Select found by its accessible name. */
async function pick(page: Page, label: string, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  if (await input.isEditable()) await input.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** The input of an antd InputNumber by its test id (set on the input or on its wrapper). */
function numberInput(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

it('the 办公厅主任 sets a unit’s quota and the length guide; a drafter sees neither form', async () => {
  const dir = await as('fzr_liu');
  await dir.goto(`${server.url}/documents/quota`);
  await dir.getByTestId('quota-settings').waitFor();
  const year = (await callApi(dir, 'GET', '/api/documents/quota/stats?year=' + new Date().getFullYear())).json.year as number;
  const directory = (await callApi(dir, 'GET', '/api/org/directory')).json;
  const research = directory.units.find((u: { code: string }) => u.code === 'research').id as number;

  await pick(dir, '单位', '调研室');
  await pick(dir, '文种', '意见');
  await dir.getByTestId('quota-add').click();
  await numberInput(dir, `plan-${research}-意见`).fill('6');
  await numberInput(dir, `quota-${research}-意见`).fill('4');
  await dir.getByTestId('quota-save').click();
  await expect
    .poll(async () => {
      const rows = (await callApi(dir, 'GET', `/api/documents/quota/stats?year=${year}`)).json.rows as {
        unitId: number;
        docType: string;
        plan: number;
        quota: number;
      }[];
      return rows.find((r) => r.unitId === research && r.docType === '意见');
    })
    .toMatchObject({ plan: 6, quota: 4 });

  await numberInput(dir, 'guide-意见').fill('300');
  await dir.getByTestId('guide-save').click();
  await expect.poll(async () => (await callApi(dir, 'GET', '/api/documents/length-guide')).json.guide['意见']).toBe(300);
  await screenshot(dir, 'documents-settings-01-quota');
  expect(await axeFindings(dir)).toEqual([]);
  await dir.context().close();

  const drafter = await as('zhc_zheng');
  await drafter.goto(`${server.url}/documents/quota`);
  await drafter.getByTestId('quota-page').waitFor();
  await drafter.getByText('精文简会').waitFor();
  expect(await drafter.getByTestId('quota-settings').count()).toBe(0);
  expect(await drafter.getByTestId('length-guide-settings').count()).toBe(0);
  await drafter.context().close();
});

it('a drafter on a phone sees the 篇幅指引 and the running 字数 under the body', async () => {
  const drafter = await as('zhc_zheng');
  await drafter.setViewportSize({ width: 390, height: 844 });
  await drafter.goto(`${server.url}/documents/new`);
  await drafter.getByTestId('draft-form').waitFor();
  await pick(drafter, '文种', '意见');
  await expect.poll(() => drafter.getByTestId('length-hint').innerText()).toBe('篇幅指引：意见建议不超过 300 字，当前 0 字');
  await drafter.getByTestId('body-editor').click();
  await drafter.keyboard.type('会议议定事项'.repeat(60));
  await expect.poll(() => drafter.getByTestId('length-hint').innerText()).toBe('篇幅指引：意见建议不超过 300 字，当前 360 字，已超过指引，请精简');
  await screenshot(drafter, 'documents-settings-02-draft-390');
  expect(await drafter.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeFindings(drafter)).toEqual([]);
  await drafter.context().close();
});
