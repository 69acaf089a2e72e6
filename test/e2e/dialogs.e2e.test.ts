/**
 * Refusals and slow loads do not leave a screen stuck (#19 item 9): 取消 closes the gate dialog right after a
 * refused 确认（附佐证）; a 422 on 会议召开, 审核 (督办 and 公文) or an empty required field is shown, never an
 * uncaught page error; the 工作台 chart says it is loading instead of showing a blank white box; the side
 * menu is open at 1,440 px with 中枢 on one line, also after the window was narrow.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, dialogSettled, launchBrowser, loginAs, screenshot, startServer, REDUCED_MOTION, type BrowserSession, type RunningServer } from './harness.js';

let server: RunningServer;
let b: BrowserSession;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

/** A window of `username` that records every uncaught page error. */
async function windowOf(
  username: string,
  viewport = { width: 1366, height: 860 },
  reducedMotion: 'reduce' | 'no-preference' = REDUCED_MOTION,
): Promise<{ page: Page; errors: string[] }> {
  const context = await b.browser.newContext({ reducedMotion, locale: 'zh-CN', viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // a promise rejected with nobody to handle it is an uncaught error too (Chromium reports it only to the console)
  await page.addInitScript(() =>
    window.addEventListener('unhandledrejection', (e) => console.error(`unhandledrejection: ${(e.reason as Error | undefined)?.message ?? String(e.reason)}`)),
  );
  page.on('console', (m) => {
    if (m.text().startsWith('unhandledrejection:')) errors.push(m.text());
  });
  await loginAs(page, server.url, username);
  return { page, errors };
}

it("the system's reduce-motion setting opens and closes a dialog without animation; without it the dialog zooms", async () => {
  const longest: Record<string, number> = {};
  for (const motion of ['no-preference', 'reduce'] as const) {
    const { page, errors } = await windowOf('msc_zhou', undefined, motion);
    const topics = (await callApi(page, 'GET', '/api/meeting-topics?layer=preparing')).json;
    const topic = topics.items.find((t: { gates: { canConfirm: boolean }[] }) => t.gates.some((g) => g.canConfirm));
    await page.goto(`${server.url}/meetings/topics/${topic.id}`);
    const open = page.getByRole('button', { name: /确认（附佐证）/ }).first();
    await open.waitFor();
    // the longest CSS animation that runs while the dialog opens and closes, looked at whenever a class changes
    await page.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new MutationObserver(() => {
        for (const a of document.getAnimations()) {
          const t = a.effect?.getComputedTiming();
          if (t && t.iterations !== Infinity) w.longest = Math.max(w.longest, Number(t.duration) || 0);
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    });
    await open.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialogSettled(page);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
    longest[motion] = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    expect(errors).toEqual([]);
    await page.context().close();
  }
  // antd's zoom runs for motionDurationMid (0.2 s); the reduced setting makes its durations 0 s
  expect(longest['no-preference']).toBeGreaterThanOrEqual(100);
  expect(longest.reduce).toBe(0);
}, 120_000);

it('取消 closes the gate dialog right after a refused 确认（附佐证）', async () => {
  const { page, errors } = await windowOf('msc_zhou');
  const topics = (await callApi(page, 'GET', '/api/meeting-topics?layer=preparing')).json;
  const topic = topics.items.find((t: { gates: { canConfirm: boolean }[] }) => t.gates.some((g) => g.canConfirm));
  expect(topic).toBeTruthy();
  await page.goto(`${server.url}/meetings/topics/${topic.id}`);
  await page
    .getByRole('button', { name: /确认（附佐证）/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  // no evidence: refused (422), the message says why
  const refused = page.waitForResponse((r) => r.url().includes('/gates/') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  expect((await refused).status()).toBe(422);
  await page.locator('.ant-message-error').waitFor();
  await screenshot(page, 'dialogs-01-gate-refused');
  // 取消 at once (while the message is still shown) closes the dialog
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 1_500 });
  // and it opens again empty
  await page
    .getByRole('button', { name: /确认（附佐证）/ })
    .first()
    .click();
  expect(await dialog.locator('textarea').inputValue()).toBe('');
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('a 422 on 会议召开 before the meeting day is shown, not an uncaught page error', async () => {
  const { page, errors } = await windowOf('msc_zhou');
  const list = (await callApi(page, 'GET', '/api/meetings?status=notified')).json;
  let meetingId = 0;
  for (const m of list.items) {
    const d = (await callApi(page, 'GET', `/api/meetings/${m.id}`)).json;
    if (d.actions.includes('hold') && new Date(d.startsAt).getTime() > Date.now() + 86_400_000) meetingId = d.id;
  }
  expect(meetingId, 'a notified meeting ahead of its day').toBeGreaterThan(0);
  await page.goto(`${server.url}/meetings/${meetingId}`);
  await page.getByRole('button', { name: '会议召开' }).click();
  const refused = page.waitForResponse((r) => r.url().includes('/transitions/hold'));
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  expect((await refused).status()).toBe(422);
  await page.locator('.ant-message-error').waitFor();
  await screenshot(page, 'dialogs-02-hold-refused');
  // the refusal settles (the message closes after 3 s) without an uncaught rejection
  await page.locator('.ant-message-error').waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('a 422 on 审核 (督办 criteria unmet, 公文 审核通过) and an empty required field leave no uncaught page error', async () => {
  // 督办: 审核 通过 without the 办结标准 ticked is refused (422) and shown; an empty 催办 is marked under its field
  const office = await windowOf('dcs_huang'); // the 处长 accepts (the default approver of 督查室 items)
  const ledger = (await callApi(office.page, 'GET', '/api/supervision/items?pageSize=100')).json;
  let found: { item: number; task: number } | null = null;
  let remind: { item: number; task: number } | null = null;
  for (const it of ledger.items) {
    const d = (await callApi(office.page, 'GET', `/api/supervision/items/${it.id}`)).json;
    const t = d.tasks.find((x: { actions?: string[] }) => x.actions?.includes('accept'));
    if (t && !found) found = { item: it.id, task: t.id };
    const r = d.tasks.find((x: { actions?: string[] }) => x.actions?.includes('remind'));
    if (r && !remind) remind = { item: it.id, task: r.id };
    if (found && remind) break;
  }
  expect(found, 'a task waiting for 审核').not.toBeNull();
  await office.page.goto(`${server.url}/supervision/items/${found!.item}`);
  await office.page.getByTestId(`review-${found!.task}`).click();
  await dialogSettled(office.page);
  const refused = office.page.waitForResponse((r) => r.url().includes('/review'));
  await office.page.locator('.ant-modal-footer button.ant-btn-primary').click();
  expect((await refused).status()).toBe(422);
  await office.page.locator('.ant-message-error').waitFor();
  await office.page.locator('.ant-modal-footer button').first().click();
  await office.page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden', timeout: 1_500 });
  await office.page.goto(`${server.url}/supervision/items/${remind!.item}`);
  await office.page
    .getByRole('button', { name: /^催\s*办$/ })
    .first()
    .click();
  await dialogSettled(office.page);
  await office.page.locator('.ant-modal-footer button.ant-btn-primary').click();
  await office.page.getByText('请填写催办内容').waitFor();
  await office.page.waitForTimeout(300);
  expect(office.errors).toEqual([]);
  await office.page.context().close();

  // 公文: a refused 审核通过 is shown in the dialog, which 取消 closes
  const reviewer = await windowOf('zhc_wu');
  const docs = (await callApi(reviewer.page, 'GET', '/api/documents?direction=out&status=reviewing')).json;
  await reviewer.page.goto(`${server.url}/documents/${docs.items[0].id}`);
  await reviewer.page.route('**/actions/approve', (r) =>
    r.fulfill({
      status: 422,
      contentType: 'application/json',
      body: JSON.stringify({ error: 'workflow.invalid_transition', message: '当前状态不能执行此操作' }),
    }),
  );
  await reviewer.page.getByTestId('action-approve').click();
  await dialogSettled(reviewer.page);
  await reviewer.page.locator('.ant-modal-footer button.ant-btn-primary').click();
  await reviewer.page.locator('.ant-modal .ant-alert-error').getByText('当前状态不能执行此操作').waitFor();
  await reviewer.page.locator('.ant-modal-footer button').first().click();
  await reviewer.page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden', timeout: 1_500 });
  expect(reviewer.errors).toEqual([]);
  await reviewer.page.context().close();
}, 120_000);

it('the 工作台 chart shows that it is loading, not a blank white box', async () => {
  const { page, errors } = await windowOf('dcs_zhang');
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/workbench', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}/`);
  const loading = page.getByTestId('chart-loading');
  await loading.waitFor({ timeout: 10_000 });
  const box = (await loading.boundingBox())!;
  expect(box.height).toBeGreaterThan(100);
  expect(await loading.innerText()).toContain('图表加载中');
  expect(await loading.locator('.zs-spin').count()).toBe(1);
  await screenshot(page, 'dialogs-03-chart-loading');
  release();
  await page.getByTestId('lights-chart').locator('svg').first().waitFor({ timeout: 15_000 });
  expect(await loading.count()).toBe(0);
  await screenshot(page, 'dialogs-04-chart-drawn');
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('the side menu is open at 1,440 px with 中枢 on one line, also after the window was narrow', async () => {
  const { page, errors } = await windowOf('dcs_zhang', { width: 1440, height: 900 });
  const sider = page.locator('.ant-layout-sider');
  const expectOpen = async () => {
    await expect.poll(async () => (await sider.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(180);
    expect(await page.locator('.ant-layout-sider-collapsed').count()).toBe(0);
    const name = (await page.getByTestId('app-name').boundingBox())!;
    expect(name.height).toBeLessThanOrEqual(64);
    // one line: the two characters side by side
    const lines = await page.getByTestId('app-name').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '督查督办' }).waitFor();
  };
  await page.getByTestId('workbench').waitFor();
  await expectOpen();
  await screenshot(page, 'dialogs-05-menu-1440');
  // narrow: the menu folds into the header button; open it, pick a page (it folds again), then widen the window
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: /菜单|menu/i }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '督查督办' }).click();
  await page.waitForURL(/\/supervision/);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectOpen();
  // a reload at 1,440 px starts open as well
  await page.reload();
  await page.getByTestId('page-heading').waitFor({ state: 'attached' });
  await expectOpen();
  await screenshot(page, 'dialogs-06-menu-1440-after-narrow');
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);
