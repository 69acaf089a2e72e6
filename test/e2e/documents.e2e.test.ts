/**
 * The 公文 story in real Chromium: a 请示 comes in, is registered, 拟办/批办 by a leader, handled by a
 * unit with a reply; an outgoing 通知 is drafted, reviewed, signed, numbered, distributed and the
 * recipients see it; the rendered PDF looks like a red-header document (page 1 kept as a PNG).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, dialogSettled, launchBrowser, screenshot, startServer, type BrowserSession, type RunningServer, pageAs } from './harness.js';

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

async function status(page: Page): Promise<string> {
  return page.getByTestId('document-status').innerText();
}

/** Clicks a step button, fills its modal, confirms, and waits for the new status. */
async function step(page: Page, action: string, fill: (modal: ReturnType<Page['locator']>) => Promise<void>, expected: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId(`action-form-${action}`) });
  await modal.waitFor();
  // a click on 确定 while the dialog still zooms in can land on the mask, which closes the dialog unsent (CI, stop 30)
  await dialogSettled(page);
  await fill(modal);
  await modal.getByRole('button', { name: /确\s*定/ }).click();
  await expect.poll(() => status(page), { timeout: 15_000 }).toBe(expected);
}

async function pick(page: Page, modal: ReturnType<Page['locator']>, label: string, text: string): Promise<void> {
  const input = modal.getByLabel(label);
  await input.click();
  await input.fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  // close a multiple-select's dropdown by clicking elsewhere in the modal (Escape could close the modal)
  await modal.locator('.ant-modal-title').click();
  await expect
    .poll(() =>
      modal
        .locator('.ant-form-item')
        .filter({ has: page.getByLabel(label) })
        .innerText(),
    )
    .toContain(text);
}

it('收文: a 请示 is signed for, registered, proposed, instructed by a leader, handled with a reply', async () => {
  const clerk = await as('msc_zhou');
  await clerk.goto(`${server.url}/documents/receive`);
  await clerk.getByLabel('标题').fill('关于青州港扩建工程立项的请示');
  await clerk.getByLabel('来文单位').fill('青州市发展和改革委员会');
  await clerk.getByLabel('来文字号').fill('青发改〔2026〕45号');
  await clerk.getByTestId('receive-save').click();
  await clerk.getByTestId('document-detail').waitFor();
  await expect.poll(() => status(clerk)).toBe('待登记');
  await step(
    clerk,
    'register',
    async (m) => {
      await m.getByLabel('页数').fill('12');
      await m.getByLabel('份数').fill('2');
    },
    '待初审',
  );
  await clerk
    .locator('input[type=file]')
    .setInputFiles({ name: '来文原件扫描.txt', mimeType: 'text/plain', buffer: Buffer.from('青州港扩建工程立项请示原件') });
  await clerk.getByText('来文原件扫描.txt').waitFor({ timeout: 15_000 });
  await step(clerk, 'accept', async () => undefined, '待拟办');
  await step(
    clerk,
    'propose',
    async (m) => {
      await m.getByLabel('拟办意见').fill('拟请李明华同志阅示，由市发展改革委牵头研究。');
      await pick(clerk, m, '呈批领导', '李明华');
    },
    '待批办',
  );
  await screenshot(clerk, 'documents-01-incoming-proposed');

  const leader = await as('sj_li');
  await leader.goto(`${server.url}/documents`);
  await leader.getByTestId('documents-list').getByText('关于青州港扩建工程立项的请示').click();
  await leader.getByTestId('document-detail').waitFor();
  await step(
    leader,
    'instruct',
    async (m) => {
      await m.getByLabel('批办意见').fill('请市发展改革委牵头，会同市财政局提出意见。');
      await pick(leader, m, '主办单位', '市发展改革委');
    },
    '承办中',
  );
  await screenshot(leader, 'documents-02-incoming-instructed');

  const unit = await as('fgw_xu');
  await unit.goto(`${server.url}/documents`);
  await unit.getByTestId('documents-list').getByText('关于青州港扩建工程立项的请示').click();
  await unit.getByTestId('document-detail').waitFor();
  await step(unit, 'reply', async (m) => m.getByLabel('答复意见').fill('经研究，建议分两期实施，一期工程纳入年度计划。'), '承办中');
  await step(unit, 'complete', async (m) => m.getByLabel('办理结果').fill('已答复市委：建议分两期实施。'), '已办结');
  const text = await unit.getByTestId('document-detail').innerText();
  expect(text).toContain('经研究，建议分两期实施');
  await screenshot(unit, 'documents-03-incoming-done');
  for (const p of [clerk, leader, unit]) await p.context().close();
});

it('发文: a 通知 is drafted, reviewed, signed, numbered, distributed; the recipients see it; the PDF is a red-header document', async () => {
  const drafter = await as('zhc_zheng');
  await drafter.goto(`${server.url}/documents/new`);
  await drafter.getByTestId('draft-form').waitFor();
  await drafter.getByLabel('标题').fill('关于做好2026年防汛备汛工作的通知');
  await drafter.getByLabel('主送机关').fill('各区委办公室，市直有关单位');
  await drafter.getByTestId('body-editor').click();
  await drafter.keyboard.type('为切实做好今年防汛备汛工作，确保人民群众生命财产安全，经市委同意，现就有关事项通知如下。');
  await drafter.keyboard.press('Enter');
  await drafter.keyboard.type('一、压实防汛责任。各地各部门要严格落实防汛责任制，主要负责同志亲自部署。');
  await drafter.keyboard.press('Enter');
  await drafter.keyboard.type('二、加强隐患排查。对河道、水库、地质灾害易发区开展拉网式排查。');
  const signerInput = drafter.getByLabel('签发人');
  await signerInput.click();
  await signerInput.fill('陈志远');
  await drafter.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '陈志远' }).first().click();
  await drafter.getByLabel('抄送机关').fill('市纪委监委，市政府办公室');
  await screenshot(drafter, 'documents-04-draft-form');
  await drafter.getByTestId('draft-save').click();
  await drafter.getByTestId('document-detail').waitFor();
  await expect.poll(() => status(drafter)).toBe('起草');
  await step(drafter, 'submit', async (m) => pick(drafter, m, '审核人', '吴涛'), '审核中');

  const reviewer = await as('zhc_wu');
  const url = drafter.url();
  await reviewer.goto(url);
  await step(reviewer, 'approve', async (m) => m.getByLabel('意见').fill('同意，呈陈志远同志签发。'), '待签发');

  const signer = await as('zr_chen');
  await signer.goto(url);
  await step(signer, 'sign', async () => undefined, '已签发');

  await drafter.reload();
  await step(drafter, 'recheck', async () => undefined, '已复核');
  await step(
    drafter,
    'register',
    async (m) => {
      await pick(drafter, m, '主送单位（分发）', '青山区委办');
      await pick(drafter, m, '主送单位（分发）', '市发展改革委');
      await m.getByLabel('印制份数').fill('50');
    },
    '已登记',
  );
  await expect.poll(() => drafter.getByTestId('document-detail').innerText()).toMatch(/青委办发〔2026〕\d+号/);
  await step(drafter, 'print', async () => undefined, '已印制');
  await step(drafter, 'distribute', async () => undefined, '已核发');
  await screenshot(drafter, 'documents-05-outgoing-distributed');

  // the recipient unit sees it in its inbox, 待签收
  const recipient = await as('qs_yuan');
  await recipient.goto(`${server.url}/documents`);
  const row = recipient.getByTestId('documents-list').getByText('关于做好2026年防汛备汛工作的通知');
  await row.waitFor({ timeout: 15_000 });
  await screenshot(recipient, 'documents-06-recipient-inbox');
  await row.click();
  await recipient.getByTestId('document-detail').waitFor();
  await expect.poll(() => status(recipient)).toBe('待签收');

  // the 联络员 of 市发展改革委 is told: it is on the 工作台, and 签收 is one click; the sender sees who has signed
  const liaison = await as('fgw_xu');
  await liaison.goto(`${server.url}/`);
  await liaison.getByText('【收文】关于做好2026年防汛备汛工作的通知').first().click({ timeout: 15_000 });
  await liaison.getByTestId('document-detail').waitFor();
  await expect.poll(() => status(liaison)).toBe('待签收');
  await step(liaison, 'receive', async () => undefined, '待登记');
  await drafter.reload();
  const deliveries = drafter.getByTestId('deliveries');
  await expect.poll(() => deliveries.locator('tr').filter({ hasText: '市发展改革委' }).innerText()).toContain('已签收');
  expect(await deliveries.locator('tr').filter({ hasText: '青山区委办' }).innerText()).toContain('待签收');
  await screenshot(drafter, 'documents-06b-deliveries');

  // the rendered PDF: page 1 to PNG, kept as an artifact
  const pdfUrl = await drafter.getByTestId('render-pdf').getAttribute('href');
  const res = await drafter.request.get(`${server.url}${pdfUrl}`);
  expect(res.status()).toBe(200);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const base = path.join(ARTIFACTS, 'documents-07-outgoing-pdf');
  fs.writeFileSync(`${base}.pdf`, await res.body());
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', `${base}.pdf`, base]);
  expect(fs.statSync(`${base}.png`).size).toBeGreaterThan(5000);
  for (const p of [drafter, reviewer, signer, recipient, liaison]) await p.context().close();
});

it('the plan-vs-quota page draws its chart and the 精文简会 summary', async () => {
  const dir = await as('fzr_liu');
  await dir.goto(`${server.url}/documents/quota`);
  await dir.getByTestId('quota-chart').waitFor({ timeout: 15_000 });
  expect(await dir.getByTestId('quota-page').innerText()).toContain('计划发文');
  await screenshot(dir, 'documents-08-quota');
  await dir.context().close();
});
