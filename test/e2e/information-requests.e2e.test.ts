/**
 * 约稿 and the handwritten 批示 in real Chromium: 信息处 asks two units for information; the 市发展改革委
 * liaison answers from a 390 px phone (工作台 → the request → 报送); the request lists one unit answered
 * and one not; a leader on a 390 px phone writes a 批示 with the pen canvas (drawn with the mouse and
 * with touch), and the item shows the handwriting image, as does his 我的批示. Each state is
 * screenshotted, fits the phone, and passes axe-core (no critical/serious finding), with no page error.
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
  server = await startServer();
  b = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await b?.close();
  await server?.stop();
});

async function phone(username: string): Promise<Page> {
  const context = await b.browser.newContext(PHONE_CONTEXT);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
  await loginAs(page, server.url, username);
  return page;
}

async function expectFits(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'document scroll width at 390 px').toBeLessThanOrEqual(390);
}

async function expectAxeClean(page: Page) {
  expect(await axeFindings(page)).toEqual([]);
}

const TOPIC = '重点项目一季度开工情况';
let requestId = 0;
let ndrcName = '';
let housingName = '';
let reportId = 0;

it('信息处 issues a 约稿 to two units', async () => {
  const desk = await pageAs(b, server.url, 'xxc_he');
  desk.on('pageerror', (e) => pageErrors.push(`xxc_he: ${e.message}`));
  const dir = (await callApi(desk, 'GET', '/api/org/directory')).json;
  const unit = (code: string) => dir.units.find((u: { code: string }) => u.code === code) as { id: number; shortName: string };
  ndrcName = unit('ndrc').shortName;
  housingName = unit('housing').shortName;
  await desk.goto(`${server.url}/information/requests`);
  await desk.getByTestId('request-create').click();
  const modal = desk.locator('.ant-modal').filter({ has: desk.getByTestId('request-topic') });
  await modal.waitFor();
  await desk.getByTestId('request-topic').fill(TOPIC);
  await desk.getByTestId('request-description').fill('请报送本单位牵头的重点项目一季度开工情况、形成的实物工作量和存在的困难。');
  const units = modal.getByLabel('约稿单位');
  for (const name of [ndrcName, housingName]) {
    await units.click();
    await units.fill(name);
    await desk.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
  }
  await modal.locator('.ant-modal-title').click();
  const created = desk.waitForResponse((r) => r.url().endsWith('/api/information/requests') && r.request().method() === 'POST');
  await modal.getByRole('button', { name: '发起约稿' }).click();
  const res = await created;
  expect(res.status()).toBe(201);
  requestId = ((await res.json()) as { id: number }).id;
  await desk.waitForURL(`**/information/requests/${requestId}`);
  await expect.poll(() => desk.getByTestId('request-progress').innerText()).toBe('已报 0/2 个单位');
  await screenshot(desk, 'info-requests-01-issued');
  await expectAxeClean(desk);
  await desk.context().close();
}, 120_000);

it('the 市发展改革委 liaison answers from a phone: 工作台 → the request → 报送', async () => {
  const page = await phone('fgw_xu');
  await page.getByTestId('workbench').waitFor({ timeout: 20_000 });
  await page.getByText(`约稿：${TOPIC}`).first().click({ timeout: 20_000 });
  await page.waitForURL(`**/information/requests/${requestId}`);
  await page.getByTestId('request-answer').waitFor();
  await expectFits(page);
  await screenshot(page, 'info-requests-02-liaison-request');
  await expectAxeClean(page);
  await page.getByTestId('request-answer').click();
  // the option list animates in on a phone: choose again until the field shows the choice
  const kind = page.locator('.ant-modal .ant-select').first();
  for (let i = 0; i < 3 && !(await kind.innerText()).includes('工作动态'); i++) {
    await page.getByTestId('info-kind').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '工作动态' }).first();
    await option.waitFor();
    await page.waitForTimeout(400);
    await option.click();
    await page.waitForTimeout(300);
  }
  expect(await kind.innerText()).toContain('工作动态');
  await page.getByTestId('info-title').fill('市发展改革委一季度重点项目开工36个');
  await page.getByTestId('info-body').fill('一季度新开工重点项目36个，完成投资同比增长9.2%；部分项目用地指标紧张。');
  await expectFits(page);
  await screenshot(page, 'info-requests-03-liaison-answer');
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/information/items') && r.request().method() === 'POST');
  await page
    .locator('.ant-modal-footer')
    .getByRole('button', { name: /报\s*送/ })
    .click();
  const res = await sent;
  expect(res.status()).toBe(201);
  reportId = ((await res.json()) as { id: number }).id;
  await expect.poll(() => page.getByTestId('request-progress').innerText(), { timeout: 15_000 }).toBe('已报 1/2 个单位');
  // the unit no longer owes an answer (it may still send another report)
  await expect.poll(() => page.getByText('本单位待报').count()).toBe(0);
  await page
    .locator('.ant-modal-wrap')
    .waitFor({ state: 'hidden' })
    .catch(() => undefined);
  await page.waitForTimeout(500);
  await expectFits(page);
  await screenshot(page, 'info-requests-04-liaison-answered');
  await expectAxeClean(page);
  await page.context().close();
}, 120_000);

it('the request shows one unit answered with its report and one not', async () => {
  const desk = await pageAs(b, server.url, 'xxc_he');
  await desk.goto(`${server.url}/information/requests/${requestId}`);
  await desk.getByTestId('request-answered').waitFor();
  const answered = await desk.getByTestId('request-answered').innerText();
  expect(answered).toContain(ndrcName);
  expect(answered).toContain('市发展改革委一季度重点项目开工36个');
  expect(answered).not.toContain(housingName);
  expect(await desk.getByTestId('request-unanswered').innerText()).toContain(housingName);
  await screenshot(desk, 'info-requests-05-one-answered');
  await expectAxeClean(desk);
  // 信息处 takes and adopts the answer into a 专报, which a leader then reads
  for (const [step, body] of [
    ['take', { version: 1 }],
    ['adopt', { version: 2, level: 'special' }],
  ] as const)
    expect((await callApi(desk, 'POST', `/api/information/items/${reportId}/${step}`, body)).status).toBe(200);
  await desk.context().close();
}, 120_000);

it('a leader writes a 批示 with the pen canvas on a phone; the item shows the handwriting', async () => {
  const page = await phone('sj_li');
  await page.goto(`${server.url}/information/items/${reportId}`);
  await page.getByTestId('info-action-instruct').click();
  const canvas = page.getByTestId('handwriting-canvas');
  await canvas.waitFor();
  // measure the canvas once the dialog has finished zooming in
  await page.waitForTimeout(800);
  const box = (await canvas.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  // 同意 as two strokes with the mouse, a stray stroke undone, then a stroke by touch
  const stroke = async (points: [number, number][]) => {
    await page.mouse.move(box.x + points[0]![0], box.y + points[0]![1]);
    await page.mouse.down();
    for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
    await page.mouse.up();
  };
  await stroke([
    [30, 60],
    [90, 50],
    [70, 120],
    [130, 150],
  ]);
  await stroke([
    [160, 60],
    [200, 160],
    [250, 70],
  ]);
  await stroke([
    [20, 200],
    [300, 30],
  ]);
  await page.getByTestId('handwriting-undo').click();
  await canvas.dispatchEvent('pointerdown', { pointerType: 'touch', pointerId: 7, isPrimary: true, clientX: box.x + 270, clientY: box.y + 80, bubbles: true });
  const touchPath: [number, number][] = [
    [290, 120],
    [300, 170],
  ];
  for (const [x, y] of touchPath)
    await canvas.dispatchEvent('pointermove', { pointerType: 'touch', pointerId: 7, isPrimary: true, clientX: box.x + x, clientY: box.y + y, bubbles: true });
  await canvas.dispatchEvent('pointerup', { pointerType: 'touch', pointerId: 7, isPrimary: true, clientX: box.x + 300, clientY: box.y + 170, bubbles: true });
  await page.getByTestId('info-instruction').fill('请抓紧研究用地指标调剂。');
  await expectFits(page);
  await screenshot(page, 'info-requests-06-leader-pen');
  await expectAxeClean(page);
  const sent = page.waitForResponse((r) => r.url().endsWith(`/api/information/items/${reportId}/instructions`) && r.request().method() === 'POST');
  await page.locator('.ant-modal-footer').getByRole('button', { name: '提交批示' }).click();
  const res = await sent;
  expect(res.status()).toBe(201);
  const sentBody = JSON.parse(res.request().postData() ?? '{}') as { handwriting?: string };
  expect(sentBody.handwriting).toMatch(/^data:image\/png;base64,/);
  const instructionId = ((await res.json()) as { id: number }).id;
  const img = page.getByTestId(`handwriting-image-${instructionId}`);
  await img.waitFor({ timeout: 15_000 });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), { timeout: 15_000 }).toBeGreaterThan(300);
  // the drawing came through: red ink where the strokes were, nothing where the undone one crossed alone
  const ink = await img.evaluate((el: HTMLImageElement) => {
    const c = document.createElement('canvas');
    c.width = el.naturalWidth;
    c.height = el.naturalHeight;
    const g = c.getContext('2d')!;
    g.drawImage(el, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) painted++;
    return painted;
  });
  expect(ink).toBeGreaterThan(200);
  await img.scrollIntoViewIfNeeded();
  await expectFits(page);
  await screenshot(page, 'info-requests-07-item-handwriting');
  await expectAxeClean(page);
  await page.goto(`${server.url}/information/instructions`);
  await page.getByTestId(`handwriting-image-${instructionId}`).waitFor({ timeout: 15_000 });
  await screenshot(page, 'info-requests-08-my-instructions');
  await expectAxeClean(page);
  await page.context().close();
  expect(pageErrors).toEqual([]);
}, 180_000);
