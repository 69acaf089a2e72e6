/**
 * A phone (390×844) in real Chromium, as liaisons and leaders use it away from their desks (#19 item 3):
 * the 督办 item page fits the screen (no sideways scroll, label above value, the title clear of the
 * buttons) and the liaison reports from the 工作台 with a photo; a 公文 delivery is signed for; a leader
 * reads his 批示. The browser runs in another zone: every time shown is China time (#19 item 10). Each state
 * is screenshotted and passes axe-core (no critical/serious finding), with no uncaught page error.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  axeFindings,
  callApi,
  dialogSettled,
  launchBrowser,
  loginAs,
  pageAs,
  screenshot,
  startServer,
  PHONE_CONTEXT,
  type BrowserSession,
  type RunningServer,
} from './harness.js';

let server: RunningServer;
let b: BrowserSession;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

/** A phone of `username`: 390×844, touch, in a zone 13 hours from China's (times must still read China time). */
async function phone(username: string): Promise<Page> {
  const context = await b.browser.newContext({
    ...PHONE_CONTEXT,
    timezoneId: 'America/New_York',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
  await loginAs(page, server.url, username);
  return page;
}

/** The page fits 390 px: nothing scrolls sideways. */
async function expectFits(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'document scroll width at 390 px').toBeLessThanOrEqual(390);
}

/** The element is wholly inside the 390 px width. */
async function expectOnScreen(page: Page, testId: string) {
  const box = (await page.getByTestId(testId).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
}

async function expectAxeClean(page: Page) {
  expect(await axeFindings(page)).toEqual([]);
}

/** China time "YYYY-MM-DD HH:mm" of an instant, as the pages must show it. */
function chinaTime(at: string): string {
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

// a 1×1 PNG, as a phone camera would hand over a JPEG/PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

let itemId = 0;
let itemNumber = '';

it('a liaison reports from a phone: 工作台 → task → 情况反馈 with a photo → the report shows', async () => {
  // 督查室 registers, splits and issues an item with 市发展改革委 as the lead unit
  const office = await pageAs(b, server.url, 'dcs_zhang');
  const dir = (await callApi(office, 'GET', '/api/org/directory')).json;
  const unit = (code: string) => dir.units.find((u: { code: string }) => u.code === code).id as number;
  const userId = (username: string) => dir.users.find((u: { username?: string; name: string }) => u.username === username || u.name === username)?.id as number;
  const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const reg = await callApi(office, 'POST', '/api/supervision/items', {
    source: 'instruction',
    instructedBy: '李明华',
    instructedById: userId('李明华'),
    instructionText: '请市发展改革委牵头，抓紧推进重点项目开工，每半月报送一次进展。',
    title: '推动全市重大项目集中开工并按期形成实物工作量',
    requirement: '一季度重大项目开工率达到60%以上，逐项明确开工时间、责任人和存在问题。',
    level: 1,
    leadUnitId: unit('ndrc'),
    coUnitIds: [],
    responsibleLeaderId: userId('赵国强'),
    deadline,
  });
  expect(reg.status, JSON.stringify(reg.json)).toBe(200);
  itemId = reg.json.item.id;
  itemNumber = reg.json.item.number;
  const split = await callApi(office, 'POST', `/api/supervision/items/${itemId}/split`, {
    version: reg.json.item.version,
    tasks: [{ unitId: unit('ndrc'), responsibleUserId: userId('徐鹏'), deadline }],
  });
  expect(split.status, JSON.stringify(split.json)).toBe(200);
  const issued = await callApi(office, 'POST', `/api/supervision/items/${itemId}/issue`, { version: split.json.item.version });
  expect(issued.status, JSON.stringify(issued.json)).toBe(200);
  const taskId = issued.json.tasks[0].id as number;
  await office.context().close();

  // the liaison, on his phone: the 工作台 lists the task; one tap opens the item
  const page = await phone('fgw_xu');
  await page.getByTestId('workbench').waitFor({ timeout: 20_000 });
  await page.getByText(itemNumber).first().waitFor({ timeout: 20_000 });
  // the 工作台's date is China's, not New York's
  expect(await page.getByTestId('workbench').innerText()).toContain(chinaTime(new Date().toISOString()).slice(0, 10));
  await expectFits(page);
  await screenshot(page, 'phone-01-workbench');
  await page.getByText(itemNumber).first().click();
  await page.waitForURL(new RegExp(`/supervision/items/${itemId}$`));
  await page.getByTestId('item-title').waitFor();
  await page.getByTestId(`report-${taskId}`).waitFor();

  // the page fits; labels sit above their values (one line each, not one character per line)
  await expectFits(page);
  expect(
    await page.locator('[data-testid="item-descriptions"] .ant-descriptions-view table').evaluate((t) => t.getBoundingClientRect().width),
  ).toBeLessThanOrEqual(370);
  for (const label of ['牵头单位', '督查室经办', '办结标准']) {
    const box = (await page.locator('.ant-descriptions-item-label').filter({ hasText: label }).boundingBox())!;
    expect(box.height, `${label} on one line`).toBeLessThan(40);
    expect(box.width, `${label} is not squeezed`).toBeGreaterThan(100);
  }
  // the title is not covered by the buttons
  const title = (await page.getByTestId('item-title').boundingBox())!;
  const docx = (await page.getByTestId('notice-docx').boundingBox())!;
  const overlaps = title.x < docx.x + docx.width && docx.x < title.x + title.width && title.y < docx.y + docx.height && docx.y < title.y + title.height;
  expect(overlaps, 'title and DOCX button overlap').toBe(false);
  expect(await page.getByTestId('item-title').innerText()).toBe('推动全市重大项目集中开工并按期形成实物工作量');
  // 情况反馈 is on screen
  await page.getByTestId(`report-${taskId}`).scrollIntoViewIfNeeded();
  await expectOnScreen(page, `report-${taskId}`);
  await screenshot(page, 'phone-02-item');
  await expectAxeClean(page);

  // 情况反馈 with a photo from the camera
  await page.getByTestId(`report-${taskId}`).click();
  await dialogSettled(page);
  const dialog = page.locator('.ant-modal');
  await dialog.locator('textarea').fill('已召开项目推进会，12个重大项目已开工8个，现场照片附后。');
  const camera = dialog.locator('input[type=file][accept="image/*"]');
  expect(await camera.getAttribute('capture')).toBe('environment');
  await camera.setInputFiles({ name: '开工现场.png', mimeType: 'image/png', buffer: PNG });
  await dialog.getByText('开工现场.png').waitFor();
  await expectFits(page);
  await screenshot(page, 'phone-03-report-dialog');
  await expectAxeClean(page);
  const sent = page.waitForResponse((r) => r.url().includes('/api/files?ownerType=supervision_report') && r.request().method() === 'POST');
  await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
  expect((await sent).status()).toBe(201);
  await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden', timeout: 15_000 });

  // the report shows, with its photo, and the times read China time though the phone is in New York
  const report = page.locator('[data-testid^="report-card-"]').filter({ hasText: '12个重大项目已开工8个' });
  await report.waitFor({ timeout: 15_000 });
  await report.getByRole('img', { name: '开工现场.png' }).waitFor();
  expect(await report.getByRole('img', { name: '开工现场.png' }).evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(1);
  const detail = (await callApi(page, 'GET', `/api/supervision/items/${itemId}`)).json;
  const event = detail.timeline.find((e: { kind: string }) => e.kind === 'report');
  expect(await page.locator('.ant-timeline').innerText()).toContain(chinaTime(event.at));
  expect(await report.innerText()).toContain(chinaTime(detail.reports[0].submittedAt).slice(5));
  await expectFits(page);
  await screenshot(page, 'phone-04-reported');
  await expectAxeClean(page);
  await page.context().close();
}, 240_000);

it('a liaison signs for a 公文 delivered to his unit, at 390 px', async () => {
  // 综合处 drafts a 通知 to 市发展改革委; it is reviewed, signed, numbered, printed and distributed
  const drafter = await pageAs(b, server.url, 'zhc_zheng');
  const dir = (await callApi(drafter, 'GET', '/api/org/directory')).json;
  const unit = (code: string) => dir.units.find((u: { code: string }) => u.code === code).id as number;
  const user = (name: string) => dir.users.find((u: { name: string }) => u.name === name).id as number;
  const title = '关于报送2026年重大项目前期工作进展情况的通知';
  const draft = await callApi(drafter, 'POST', '/api/documents/outgoing', {
    docType: '通知',
    title,
    level: 0,
    urgency: 'normal',
    orgCode: '青委办发',
    issuerOrgan: '中共青州市委办公厅文件',
    flow: 'down',
    signerId: user('陈志远'),
    mainTo: '市发展改革委',
    bodyHtml: '<p>请于本月底前报送重大项目前期工作进展情况。</p>',
    signature: '中共青州市委办公厅',
    printOrgan: '中共青州市委办公厅',
  });
  expect(draft.status, JSON.stringify(draft.json)).toBe(201);
  const id = draft.json.id as number;
  const reviewer = await pageAs(b, server.url, 'zhc_wu');
  const signer = await pageAs(b, server.url, 'zr_chen');
  let version = 1;
  const act = async (p: Page, action: string, body: Record<string, unknown> = {}) => {
    const r = await callApi(p, 'POST', `/api/documents/${id}/actions/${action}`, { version, ...body });
    expect(r.status, `${action}: ${JSON.stringify(r.json)}`).toBe(200);
    version = (await callApi(p, 'GET', `/api/documents/${id}`)).json.document.version;
  };
  await act(drafter, 'submit', { reviewerIds: [user('吴涛')] });
  await act(reviewer, 'approve');
  await act(signer, 'sign');
  await act(drafter, 'recheck');
  await act(drafter, 'register', { mainUnitIds: [unit('ndrc')], printCount: 5 });
  await act(drafter, 'print');
  await act(drafter, 'distribute');
  for (const p of [drafter, reviewer, signer]) await p.context().close();

  const page = await phone('fgw_xu');
  await page.getByTestId('workbench').waitFor({ timeout: 20_000 });
  await page.getByText(`【收文】${title}`).first().click({ timeout: 20_000 });
  await page.getByTestId('document-detail').waitFor();
  await expect.poll(() => page.getByTestId('document-status').innerText()).toBe('待签收');
  await expectFits(page);
  await expectOnScreen(page, 'action-receive');
  await screenshot(page, 'phone-05-delivery');
  await expectAxeClean(page);
  await page.getByTestId('action-receive').click();
  await dialogSettled(page);
  const sent = page.waitForResponse((r) => r.url().includes('/actions/receive'));
  await page.locator('.ant-modal-footer button.ant-btn-primary').click();
  expect((await sent).status()).toBe(200);
  await expect.poll(() => page.getByTestId('document-status').innerText(), { timeout: 15_000 }).not.toBe('待签收');
  // the 签收 time is China time
  const doc = (await callApi(page, 'GET', `/api/documents/${(await page.url()).split('/').pop()}`)).json.document;
  expect(await page.getByTestId('document-detail').innerText()).toContain(chinaTime(doc.receivedAt));
  await expectFits(page);
  await screenshot(page, 'phone-06-signed');
  await expectAxeClean(page);
  await page.context().close();
}, 240_000);

it('a leader reads his 批示 on a phone', async () => {
  const page = await phone('sj_li');
  await page.goto(`${server.url}/supervision/items/${itemId}`);
  await page.getByTestId('item-instruction').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('item-instruction').innerText()).toContain('请市发展改革委牵头');
  // the liaison's report with its photo is there for him too
  await page.locator('[data-testid^="report-card-"]').filter({ hasText: '12个重大项目已开工8个' }).waitFor();
  await expectFits(page);
  await screenshot(page, 'phone-07-leader-instruction');
  await expectAxeClean(page);
  await page.goto(`${server.url}/information/instructions`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await expectFits(page);
  await screenshot(page, 'phone-08-leader-my-instructions');
  await expectAxeClean(page);
  await page.context().close();
  expect(pageErrors).toEqual([]);
}, 120_000);

it('督办台账 at 390 px: a plain list of cards whose links open the item, a pager, and the filters behind 筛选', async () => {
  const page = await phone('dcs_zhang');
  // more than a page (20) of items, so the pager has somewhere to go
  const dir = (await callApi(page, 'GET', '/api/org/directory')).json;
  const unit = (code: string) => dir.units.find((u: { code: string }) => u.code === code).id as number;
  const userId = (name: string) => dir.users.find((u: { name: string }) => u.name === name).id as number;
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  let total = (await callApi(page, 'GET', '/api/supervision/items?page=1&pageSize=20')).json.total as number;
  for (let i = 0; total <= 25; i++, total++) {
    const reg = await callApi(page, 'POST', '/api/supervision/items', {
      source: 'instruction',
      instructedBy: '李明华',
      instructedById: userId('李明华'),
      instructionText: '请抓紧推进。',
      title: `分页测试事项 ${i + 1}`,
      requirement: '按期完成。',
      level: 1,
      leadUnitId: unit('housing'),
      coUnitIds: [],
      responsibleLeaderId: userId('赵国强'),
      deadline,
    });
    expect(reg.status).toBe(200);
  }

  await page.goto(`${server.url}/supervision`);
  const cards = page.getByTestId('ledger-cards').locator('li');
  await cards.first().waitFor({ timeout: 20_000 });
  // the phone list, not antd's Table (whose code is not even loaded)
  expect(await page.locator('.ant-table').count()).toBe(0);
  expect(await cards.count()).toBe(20);
  const pager = page.getByRole('navigation', { name: '分页' });
  expect(await pager.innerText()).toContain(`第 1 / ${Math.ceil(total / 20)} 页 · 共 ${total} 件`);
  await expectFits(page);
  await screenshot(page, 'phone-09-ledger');
  await expectAxeClean(page);

  // 下一页: the next 20 (or fewer) items, other ones; 上一页 back
  const firstPage = await cards.allInnerTexts();
  await pager.getByRole('button', { name: '下一页' }).click();
  await page.waitForURL(/page=2/);
  await expect.poll(() => pager.innerText()).toContain(`第 2 / ${Math.ceil(total / 20)} 页`);
  const secondPage = await cards.allInnerTexts();
  expect(secondPage.length).toBe(Math.min(20, total - 20));
  expect(secondPage.filter((t) => firstPage.includes(t))).toEqual([]);
  await pager.getByRole('button', { name: '上一页' }).click();
  await expect.poll(() => cards.allInnerTexts()).toEqual(firstPage);

  // the filters: behind 筛选 (closed, nothing of them on the page); 状态 立项 lists what the API lists
  const toggle = page.getByTestId('ledger-filter-toggle');
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect(await page.getByLabel('状态').count()).toBe(0);
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  await page.getByLabel('状态').click();
  await page.locator('.ant-select-item-option[title="立项"]').click();
  await page.waitForURL(/status=registered/);
  const registered = (await callApi(page, 'GET', '/api/supervision/items?status=registered&page=1&pageSize=20')).json;
  expect(registered.total).toBeGreaterThan(0);
  await expect.poll(() => pager.innerText()).toContain(`共 ${registered.total} 件`);
  expect(await cards.count()).toBe(registered.items.length);
  expect(await toggle.innerText()).toContain('筛选（1）');
  // the keyword narrows it further
  await page.getByLabel('关键词').fill('分页测试事项 3');
  await page.getByLabel('关键词').press('Enter');
  await page.waitForURL(/q=/);
  await expect.poll(() => cards.allInnerTexts()).toHaveLength(1);
  expect(await cards.first().innerText()).toContain('分页测试事项 3');
  await expectFits(page);
  await screenshot(page, 'phone-10-ledger-filtered');
  await expectAxeClean(page);

  // the item's link opens the item page
  await cards.first().getByRole('link', { name: '分页测试事项 3' }).click();
  await page.waitForURL(/\/supervision\/items\/\d+$/);
  await page.getByText('分页测试事项 3').first().waitFor();
  await page.context().close();
  expect(pageErrors).toEqual([]);
}, 180_000);
