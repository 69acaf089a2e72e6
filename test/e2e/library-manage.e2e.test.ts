/**
 * Managing what was filed, in real Chromium: the filer of 调研室 edits an item (new title, scope
 * widened to 督查室) while the head of 调研室 has the same item open for editing — the head's
 * later save is refused with the Chinese 409 message and the page offers to reload; 督查室 then
 * sees the new title and the content, without an edit button. A 定期分送 list is renamed, its kinds
 * and subscribers changed, paused and resumed; a subscriber views it read-only; it is deleted.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, launchBrowser, screenshot, startServer, type BrowserSession, type RunningServer, pageAs, callApi } from './harness.js';

let server: RunningServer;
let b: BrowserSession;
let itemId = 0;
let listId = 0;

const OLD_TITLE = '冷链物流园区建设推进情况（初稿）';
const NEW_TITLE = '跨境电商监测中心建设情况调研报告';

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

const as = (username: string): Promise<Page> => pageAs(b, server.url, username);

const call = callApi;

/** Picks an option of an antd multiple Select found by its form label. */
async function pickOption(page: Page, label: string, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(option);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  await page.keyboard.press('Escape');
}

it('the filer edits title and scope while the unit head holds a stale copy: the head gets the 409 in Chinese', async () => {
  const ma = await as('dys_ma');
  const filed = await call(ma, 'POST', '/api/library/items', {
    kind: 'material',
    title: OLD_TITLE,
    source: '调研室',
    level: 1,
    scope: 'scoped',
    catalog: false,
    keywords: ['冷链'],
    summary: '园区建设进展与存在问题',
    content: '受限正文：监测中心一期已投入运行，二期数据接口待省里批复。',
    date: '2026-11-20',
  });
  expect(filed.status).toBe(200);
  itemId = filed.json.id;

  const zhang = await as('dcs_zhang');
  await zhang.goto(`${server.url}/library/items/${itemId}`);
  await zhang.locator('.ant-alert-error').waitFor(); // not in scope: 404 as an error
  await zhang.context().close();

  // the head of 调研室 opens the editor first and keeps it open
  const guo = await as('dys_guo');
  await guo.goto(`${server.url}/library/items/${itemId}/edit`);
  await guo.getByTestId('item-title-input').waitFor();
  expect(await guo.getByTestId('item-title-input').inputValue()).toBe(OLD_TITLE);

  await ma.goto(`${server.url}/library/items/${itemId}`);
  await ma.getByTestId('edit-item').click();
  await ma.waitForURL(/\/library\/items\/\d+\/edit$/);
  await ma.getByTestId('item-title-input').fill(NEW_TITLE);
  await pickOption(ma, '知悉单位', '督查室');
  await ma.getByTestId('item-secrecy-input').fill('2年');
  await screenshot(ma, 'library-manage-01-edit');
  await ma.getByTestId('item-save').click();
  await ma.waitForURL(/\/library\/items\/\d+$/);
  await expect.poll(() => ma.getByTestId('item-title').innerText()).toBe(NEW_TITLE);
  await screenshot(ma, 'library-manage-02-saved');
  await ma.context().close();

  await guo.getByTestId('item-summary-input').fill('园区建设进展、存在问题与下一步打算');
  await guo.getByTestId('item-save').click();
  await guo.locator('.ant-message').getByText('该事项已被他人修改，请刷新后重试').waitFor();
  await guo.getByTestId('stale-alert').waitFor();
  expect(await guo.getByTestId('item-save').isDisabled()).toBe(true);
  await screenshot(guo, 'library-manage-03-stale');
  await guo.getByTestId('stale-reload').click();
  await expect.poll(() => guo.getByTestId('item-title-input').inputValue()).toBe(NEW_TITLE);
  await expect.poll(() => guo.getByTestId('stale-alert').count()).toBe(0);
  await guo.context().close();
});

it('督查室 now sees the new title and the content, finds it by a 2-character search, and has no edit button', async () => {
  const zhang = await as('dcs_zhang');
  await zhang.goto(`${server.url}/library/items/${itemId}`);
  await expect.poll(() => zhang.getByTestId('item-title').innerText()).toBe(NEW_TITLE);
  await expect.poll(() => zhang.getByTestId('item-content').innerText()).toContain('二期数据接口');
  expect(await zhang.getByTestId('edit-item').count()).toBe(0);
  await screenshot(zhang, 'library-manage-04-other-unit-sees');
  await zhang.goto(`${server.url}/search?q=${encodeURIComponent('跨境')}`);
  await zhang.getByTestId('search-hit').filter({ hasText: NEW_TITLE }).waitFor();
  // the editor is refused to a reader who may not edit
  await zhang.goto(`${server.url}/library/items/${itemId}/edit`);
  await zhang.getByTestId('edit-refused').waitFor();
  await zhang.context().close();
});

it('a 定期分送 list is renamed, its kinds and subscribers changed, paused and resumed; a subscriber views it; it is deleted', async () => {
  const guo = await as('dys_guo');
  await guo.goto(`${server.url}/library?tab=distribution`);
  await guo.getByTestId('new-list').click();
  const modal = guo.locator('.ant-modal');
  await modal.getByLabel('名称').fill('调研成果分送');
  await pickOption(guo, '分送类别', '调研报告');
  await modal.getByRole('button', { name: /提\s*交/ }).click();
  await guo.waitForURL(/\/library\/distributions\/\d+$/);
  listId = Number(new URL(guo.url()).pathname.split('/').pop());
  await expect.poll(() => guo.getByTestId('list-name').innerText()).toBe('调研成果分送');

  await guo.getByTestId('list-name-input').fill('调研成果与讲话稿周送');
  await pickOption(guo, '分送类别', '讲话稿');
  await pickOption(guo, '订阅人', '张伟');
  await pickOption(guo, '分送单位（单位全体人员）', '信息处');
  await guo.getByTestId('list-period').fill('14');
  await guo.getByTestId('list-save').click();
  await expect.poll(() => guo.getByTestId('list-name').innerText()).toBe('调研成果与讲话稿周送');
  const facts = guo.getByTestId('list-facts');
  await expect.poll(() => facts.innerText()).toContain('张伟');
  expect(await facts.innerText()).toMatch(/讲话稿/);
  expect(await facts.innerText()).toMatch(/14/);
  await expect.poll(() => guo.getByTestId('list-unit-names').innerText()).toBe('信息处');

  // a member of the subscriber unit, not named, reads the list on a phone (390 px)
  const he = await as('xxc_he');
  await he.setViewportSize({ width: 390, height: 844 });
  await he.goto(`${server.url}/library/distributions/${listId}`);
  await expect.poll(() => he.getByTestId('list-unit-names').innerText()).toBe('信息处');
  expect(await he.getByTestId('list-save').count()).toBe(0);
  expect(await he.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axeFindings(he)).toEqual([]);
  await screenshot(he, 'library-manage-05a-unit-member-390');
  await he.context().close();

  await guo.getByTestId('list-pause').click();
  await expect.poll(() => guo.getByTestId('list-status').innerText()).toBe('已暂停');
  await screenshot(guo, 'library-manage-05-list-paused');
  await guo.getByTestId('list-resume').click();
  await expect.poll(() => guo.getByTestId('list-status').innerText()).toBe('分送中');

  const zhang = await as('dcs_zhang');
  await zhang.goto(`${server.url}/library/distributions/${listId}`);
  await expect.poll(() => zhang.getByTestId('list-name').innerText()).toBe('调研成果与讲话稿周送');
  expect(await zhang.getByTestId('list-pause').count()).toBe(0);
  expect(await zhang.getByTestId('list-save').count()).toBe(0);
  await screenshot(zhang, 'library-manage-06-list-subscriber');
  await zhang.context().close();

  await guo.getByTestId('list-delete').click();
  await guo
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /删\s*除/ })
    .click();
  await guo.waitForURL(/\/library\?tab=distribution$/);
  await guo.locator('.ant-table').waitFor();
  await expect.poll(() => guo.getByTestId(`list-${listId}`).count()).toBe(0);
  await screenshot(guo, 'library-manage-07-lists');
  const gone = await call(guo, 'GET', `/api/library/distributions/${listId}`);
  expect(gone.status).toBe(404);
  await guo.context().close();
});
