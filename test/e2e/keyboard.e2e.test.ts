/**
 * Keyboard only (#22, GB/T 37668 / WCAG 2.1.1, 2.4.3): two stories driven with nothing but Tab, Shift+Tab,
 * Enter, Space, the arrow keys and typing — no click, no element.focus(). At each step the test asserts
 * where the focus is (document.activeElement), that it never falls back to <body> once logged in, and that
 * the element it wants is reached within a bounded number of Tab presses (a Tab trap never reaches it).
 *   (a) 督查室 立项: a 督查室 user registers an item on the 立项 page, splits it over the lead and the
 *       co-operating unit and issues it.
 *   (b) the housing liaison logs in, opens the 督办台账 from the module's tab bar, opens her item and
 *       submits a 情况反馈 (办结 requested).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, callApi, launchBrowser, screenshot, startServer, type BrowserSession, type RunningServer } from './harness.js';

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

/** What has the focus, as a test can describe it. */
interface Focus {
  body: boolean;
  tag: string;
  text: string;
  label: string;
  testid: string;
  role: string;
  type: string;
  dialog: boolean;
  listbox: boolean;
}

async function focus(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { body: true, tag: 'BODY', text: '', label: '', testid: '', role: '', type: '', dialog: false, listbox: false };
    return {
      body: false,
      tag: el.tagName,
      // an input's text is its wrapping label's (radios, checkboxes)
      text: ((el.tagName === 'INPUT' ? el.closest('label')?.innerText : el.innerText) ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60),
      label: el.getAttribute('aria-label') ?? (el.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '') : ''),
      testid: el.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
      role: el.getAttribute('role') ?? '',
      type: el.getAttribute('type') ?? '',
      dialog: !!el.closest('.ant-modal'),
      listbox: el.getAttribute('aria-expanded') === 'true',
    };
  });
}

const describe = (f: Focus) =>
  f.body ? '<body>' : `${f.tag}${f.role ? `[${f.role}${f.listbox ? ', expanded' : ''}]` : ''} "${f.label || f.text}"${f.testid ? ` #${f.testid}` : ''}`;

/**
 * Presses Tab (or Shift+Tab) until `want` holds for the focused element; fails after `max` presses, and at
 * once if the focus lands on <body>. Answers the number of presses.
 */
async function tabTo(page: Page, what: string, want: (f: Focus) => boolean, opts: { max?: number; back?: boolean } = {}): Promise<number> {
  const stops: string[] = [];
  // a Tab on an open list takes its active option and closes it without moving (the ARIA combobox
  // pattern): such a press is not counted, twice at most (under load a list can still be open)
  let graced = 0;
  for (let i = 1; i <= (opts.max ?? 40) + graced; i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await focus(page);
    stops.push(describe(f));
    expect(f.body, `focus fell to <body> on the way to ${what}: ${stops.join(' → ')}`).toBe(false);
    if (want(f)) return i - graced;
    if (f.listbox && graced < 2) graced++;
  }
  throw new Error(`${what} not reached in ${opts.max ?? 40} Tab presses: ${stops.join(' → ')}`);
}

/** Waits until the focus is where `want` says (after an Enter that navigates or opens a dialog). */
async function focusBecomes(page: Page, what: string, want: (f: Focus) => boolean): Promise<Focus> {
  let last: Focus | null = null;
  await expect
    .poll(
      async () => {
        last = await focus(page);
        return want(last);
      },
      { timeout: 20_000, message: `focus should be on ${what}` },
    )
    .toBe(true)
    .catch((e: Error) => {
      throw new Error(`${e.message}; it is on ${last ? describe(last) : '?'}`);
    });
  return last!;
}

const labelled = (text: string) => (f: Focus) => f.label.includes(text) || f.text === text;
const heading = (text: string) => (f: Focus) => f.tag === 'H1' && f.text === text;

async function loginByKeyboard(page: Page, username: string) {
  await page.context().clearCookies();
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').waitFor();
  // the login page puts the focus on the username field itself
  await focusBecomes(page, 'the username field', (f) => f.testid === 'login-username');
  await page.keyboard.type(username);
  await tabTo(page, 'the password field', (f) => f.type === 'password', { max: 3 });
  await page.keyboard.type('Zhongshu@2026');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
  // after login the focus is on the 工作台's heading, not dropped to <body>
  await focusBecomes(page, 'the 工作台 heading', heading('工作台'));
}

/** Picks `option` in the antd Select that has the focus: type to filter (if searchable) or arrow to it, Enter. */
async function choose(page: Page, option: string, opts: { type?: string; multiple?: boolean } = {}) {
  if (opts.type) await page.keyboard.type(opts.type);
  else await page.keyboard.press('ArrowDown');
  // the open list is the visible one: a closing list keeps its options (and its active one) for a moment
  const active = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):visible .ant-select-item-option-active');
  await active.first().waitFor({ timeout: 10_000 });
  for (let i = 0; i < 30 && !(await active.first().innerText()).includes(option); i++) await page.keyboard.press('ArrowDown');
  expect(await active.first().innerText()).toContain(option);
  await page.keyboard.press('Enter');
  // a single select closes on the choice: wait for it, or the next Tab lands while it is still open
  if (!opts.multiple) {
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await focusBecomes(page, `the closed list after choosing ${option}`, (f) => f.role === 'combobox' && !f.listbox);
  }
}

const title = `键盘立项：老旧小区加装电梯 ${Date.now() % 100000}`;
let itemId = 0;

it('督查室 registers an item, splits it and issues it with the keyboard only', async () => {
  const page = b.page;
  await loginByKeyboard(page, 'dcs_zhang');

  // the side menu: from the heading, Shift+Tab goes back up to the navigation; 督查督办 opens with Enter
  await tabTo(page, 'the 督查督办 menu link', (f) => f.tag === 'A' && f.text === '督查督办', { back: true, max: 30 });
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/supervision$/);
  await focusBecomes(page, 'the 督查督办 heading', heading('督查督办'));

  // the module's tab bar is a nav of links: 立项 (shown once the ledger knows the user is 督查室)
  await page.getByTestId('page-tabs').getByRole('link', { name: '立项' }).waitFor();
  const stops = await tabTo(page, 'the 立项 tab', (f) => f.tag === 'A' && f.text === '立项', { max: 8 });
  expect(stops).toBeLessThanOrEqual(5);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/supervision\/new$/);
  await focusBecomes(page, 'the heading after opening 立项', heading('督查督办'));
  await screenshot(page, 'keyboard-01-register');

  // 来源: the radio group is one Tab stop (批示件 already chosen)
  await tabTo(page, 'the 来源 group', (f) => f.type === 'radio', { max: 12 });
  await tabTo(page, '批示领导', labelled('批示领导'), { max: 3 });
  await choose(page, '李明华');
  await tabTo(page, '批示内容', labelled('批示内容'), { max: 3 });
  await page.keyboard.type('请住建局牵头、财政局配合，年内完成。');
  await tabTo(page, '事项名称', labelled('事项名称'), { max: 2 });
  await page.keyboard.type(title);
  await tabTo(page, '工作要求', labelled('工作要求'), { max: 2 });
  await page.keyboard.type('制定加装方案，年内开工。');
  await tabTo(page, '牵头单位', labelled('牵头单位'), { max: 2 });
  await choose(page, '住', { type: '住' });
  await tabTo(page, '协办单位', labelled('协办单位'), { max: 2 });
  await choose(page, '财政', { type: '财政', multiple: true });
  // a multiple select stays open after a choice: Escape closes it, the focus stays on the field
  await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
  await focusBecomes(page, '协办单位 (closed)', (f) => f.label.includes('协办单位') && !f.listbox);
  await tabTo(page, '办理时限', labelled('办理时限'), { max: 4 });
  const deadline = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await page.keyboard.type(deadline);
  // 密级 (内部 chosen) and 缓急 (一般 chosen) are one Tab stop each; the arrow keys move within a group
  await tabTo(page, 'the 密级 group', (f) => f.type === 'radio' && f.text === '内部', { max: 3 });
  await tabTo(page, 'the 缓急 group', (f) => f.type === 'radio' && f.text === '一般', { max: 1 });
  await page.keyboard.press('ArrowLeft');
  await focusBecomes(page, '特急', (f) => f.type === 'radio' && f.text === '特急');
  await tabTo(page, 'the 立项 button', (f) => f.tag === 'BUTTON' && f.text.replace(/\s/g, '') === '立项', { max: 8 });
  await screenshot(page, 'keyboard-02-register-filled');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/supervision/items') && r.request().method() === 'POST');
  await page.keyboard.press('Enter');
  const res = await created;
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { item: { deadline: string; priority: number; coUnits: unknown[] } };
  expect(body.item.deadline).toBe(deadline);
  expect(body.item.priority).toBe(1);
  expect(body.item.coUnits).toHaveLength(1);
  itemId = ((await res.json()) as { item: { id: number } }).item.id;
  await page.waitForURL(new RegExp(`/supervision/items/${itemId}$`));
  await focusBecomes(page, 'the item page heading', heading('督查督办'));

  await page.getByTestId('split').waitFor();
  // 分解立项: Enter opens the dialog, whose fields come filled (the units' liaisons, the item's deadline)
  await tabTo(page, '分解立项', (f) => f.testid === 'split', { max: 12 });
  await page.keyboard.press('Enter');
  await focusBecomes(page, 'the split dialog', (f) => f.dialog);
  await page.locator('.ant-modal').getByText('市住房城乡建设局').first().waitFor();
  await tabTo(page, 'the dialog submit button', (f) => f.dialog && f.tag === 'BUTTON' && f.text.replace(/\s/g, '') === '提交', { max: 12 });
  await screenshot(page, 'keyboard-03-split');
  await page.keyboard.press('Enter');
  await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden', timeout: 15_000 });
  // the dialog gives the focus back to 分解立项 (still offered until the item is issued)
  await focusBecomes(page, '分解立项 after the split', (f) => f.testid === 'split');
  const split = (await callApi(page, 'GET', `/api/supervision/items/${itemId}`)).json;
  expect(split.tasks).toHaveLength(2);

  // 交办: Enter on the button issues the notice; the button goes, the focus moves to the item's title
  await tabTo(page, '交办', (f) => f.testid === 'issue', { max: 6 });
  await page.keyboard.press('Enter');
  await page.getByTestId('item-status').filter({ hasText: '办理中' }).waitFor({ timeout: 20_000 });
  await focusBecomes(page, 'the item title after 交办', (f) => f.testid === 'item-title');
  await screenshot(page, 'keyboard-04-issued');
  expect(await axeFindings(page)).toEqual([]);
});

it('the housing liaison logs in, opens the ledger and her item, and reports with the keyboard only', async () => {
  expect(itemId).toBeGreaterThan(0);
  const page = b.page;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await loginByKeyboard(page, 'zjj_peng');
    // the 工作台 lists the new task: its title is a link reached by Tab (rows used to open only with a mouse)
    await page.getByTestId('workbench-todos').getByText(title).waitFor({ timeout: 20_000 });
    await tabTo(page, 'the task on the 工作台', (f) => f.tag === 'A' && f.text.includes(title), { max: 20 });
    await screenshot(page, 'keyboard-05-liaison-workbench');

    // on a phone the side menu is behind the 菜单 button: open it, then 督查督办
    await tabTo(page, 'the 菜单 button', (f) => f.label === '菜单', { back: true, max: 30 });
    await page.keyboard.press('Enter');
    // the drawer comes before the header in the page: the focus goes into it, on the current entry
    await focusBecomes(page, 'the 工作台 menu link', (f) => f.tag === 'A' && f.text === '工作台');
    await tabTo(page, 'the 督查督办 menu link', (f) => f.tag === 'A' && f.text === '督查督办', { max: 30 });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/supervision$/);
    await focusBecomes(page, 'the 督查督办 heading', heading('督查督办'));

    // the ledger: past the filters (two empty date ranges among them) to the item's link, forwards
    await page.getByRole('link', { name: title }).waitFor({ timeout: 20_000 });
    await tabTo(page, 'the item in the ledger', (f) => f.tag === 'A' && f.text === title, { max: 40 });
    await screenshot(page, 'keyboard-06-ledger');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/supervision/items/${itemId}$`));
    await focusBecomes(page, 'the item page heading', heading('督查督办'));

    // 情况反馈
    const item = (await callApi(page, 'GET', `/api/supervision/items/${itemId}`)).json;
    const task = item.tasks.find((t: { unitName: string; actions?: string[] }) => t.actions?.includes('report'));
    expect(task, JSON.stringify(item.tasks)).toBeTruthy();
    await tabTo(page, '情况反馈', (f) => f.testid === `report-${task.id}`, { max: 30 });
    await page.keyboard.press('Enter');
    await focusBecomes(page, 'the report dialog', (f) => f.dialog);
    await tabTo(page, '办理情况', (f) => f.dialog && f.tag === 'TEXTAREA', { max: 4 });
    await page.keyboard.type('加装方案已定稿，三个小区已开工，申请办结。');
    await tabTo(page, '已办结，申请办结', (f) => f.dialog && f.type === 'checkbox', { max: 2 });
    await page.keyboard.press('Space');
    expect(await page.locator('.ant-modal input[type=checkbox]').isChecked()).toBe(true);
    await tabTo(page, 'the dialog submit button', (f) => f.dialog && f.tag === 'BUTTON' && f.text.replace(/\s/g, '') === '提交', { max: 8 });
    await screenshot(page, 'keyboard-07-report-dialog');
    const sent = page.waitForResponse((r) => r.url().endsWith(`/api/supervision/tasks/${task.id}/reports`));
    await page.keyboard.press('Enter');
    expect((await sent).status()).toBe(200);
    await page.locator('.ant-modal-wrap').first().waitFor({ state: 'hidden', timeout: 15_000 });
    // 情况反馈 is gone (the task awaits review): the focus is on the item's title
    await focusBecomes(page, 'the item title after the report', (f) => f.testid === 'item-title');
    const after = (await callApi(page, 'GET', `/api/supervision/items/${itemId}`)).json;
    expect(after.reports.map((r: { content: string }) => r.content)).toContain('加装方案已定稿，三个小区已开工，申请办结。');
    expect(after.tasks.find((t: { id: number }) => t.id === task.id).status).not.toBe(task.status);
    await screenshot(page, 'keyboard-08-reported');
    expect(await axeFindings(page)).toEqual([]);
  } finally {
    await page.setViewportSize({ width: 1366, height: 860 });
  }
});
