/**
 * The page in a real browser: Debian's chromium driven by playwright-core, against the
 * server started in this process over a fresh data folder. Covers the "done when"
 * flow — check a message, save it with a screenshot, add a loan, see the harassment chart,
 * download a complaint PDF — plus the law page, hostile text through every page, keyboard
 * use and labels on every form, and a 375 px wide screen. A failing test leaves a
 * screenshot in test-results/e2e/. Any dialog, page error, CSP violation or HTTP error on any
 * page fails the run.
 *
 * Needs chromium (`apt-get install chromium`; .ci/run installs it). Set
 * DUNGUARD_SKIP_BROWSER=1 to skip these tests on a machine without it — they never skip
 * silently.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { SKIP_BROWSER, watchPage, withScreenshots } from '../helpers/browser.js';
import { addLoan, loanForm, previewLetter, recordOnLoan } from '../helpers/page-forms.js';
import { closeServedPage, openServedPage, type ServedPage } from '../helpers/served-page.js';
import type { TestServer } from '../helpers/server.js';
import { letterHtml, type Letter } from '../../src/act/letter.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { EventInput } from '../../src/record/schemas.js';

const SKIP = SKIP_BROWSER;
const PNG = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'screenshot.png'));

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  'javascript:window.__pwned=1',
  'http://evil.example.com/pay',
].join(' ');
const SCAM = `您的网贷已严重逾期，立即转账到安全账户，否则公安机关上门抓人。点击 ${HOSTILE} 处理`;

let served: ServedPage | undefined;
let server: TestServer;
let context: BrowserContext;
const problems: string[] = [];

async function open(path: string, width = 1000): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  watchPage(page, problems);
  await page.goto(server.url + '/' + path);
  return page;
}

/** Runs a browser test; on failure saves a screenshot of every open page. */
function step(t: TestContext, f: () => Promise<void>): Promise<void> {
  return withScreenshots(t, () => context.pages(), f);
}

/** Nothing from hostile text ran: no global set, no dialog, no injected element. */
async function assertInert(page: Page): Promise<void> {
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'hostile text must not run');
  // The only images are evidence thumbnails, drawn from blob: URLs the page made itself.
  assert.equal(await page.locator('main img:not([src^="blob:"]), main script, main svg[onload], main iframe').count(), 0, 'no element injected from text');
  assert.equal(await page.locator('main a[href^="javascript:"], main a[href*="evil"]').count(), 0, 'no link made from text');
}

/** Every form control has a label (or an aria-label) a screen reader announces. */
async function assertLabelled(page: Page): Promise<void> {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => ((el as HTMLInputElement).labels?.length ?? 0) === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, [], 'unlabelled controls');
}

/** Elements that stick out to the right of the screen (none means no sideways scrolling). */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth + 1) return [];
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`)
      .slice(0, 10);
  });

/** Each cell (a time, a phone number) is on one line: no taller than one line of its text. */
async function assertOneLineNumbers(cells: ReturnType<Page['locator']>): Promise<void> {
  const heights = await cells.evaluateAll((tds) =>
    tds.map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return { text: td.textContent ?? '', lines: range.getClientRects().length, height: range.getBoundingClientRect().height, line: parseFloat(getComputedStyle(td).fontSize) * 1.9 };
    }),
  );
  assert.ok(heights.length > 0);
  for (const h of heights) assert.ok(h.height <= h.line, `"${h.text}" wraps (${h.height.toFixed(1)} px high)`);
}

describe('the web page in chromium', { skip: SKIP ? 'DUNGUARD_SKIP_BROWSER=1' : false }, () => {
  before(async () => {
    served = await openServedPage({ timeout: 10_000, acceptDownloads: true });
    ({ server, context } = served);
  });
  after(async () => {
    await closeServedPage(served);
    assert.deepEqual(problems, [], 'no dialogs, page errors or CSP violations on any page');
  });

  it('checks a pasted message as soon as typing stops, with the phrases marked and the law quoted', async (t) => {
    await step(t, async () => {
      const page = await open('#/check');
      await page.getByLabel('短信或通话内容').fill(SCAM);
      const card = page.locator('section.verdict');
      await assert.doesNotReject(card.waitFor());
      assert.equal(await card.getAttribute('data-verdict'), 'scam');
      assert.match(await page.locator('.verdict-label').innerText(), /诈骗/);
      const marks = page.locator('[data-testid=highlighted] button.mark');
      assert.ok((await marks.count()) > 0, 'matched phrases are marked');
      await marks.first().click();
      assert.ok((await page.locator('.why').innerText()).length > 5, 'tapping a phrase shows its reason');
      assert.ok((await page.locator('.citation blockquote').count()) > 0, 'the law is quoted');
      const shown = await page.locator('[data-testid=highlighted]').innerText();
      assert.ok(shown.includes('hxxp://evil[.]example[.]com'), 'links are defanged');
      assert.ok(shown.includes('<script>'), 'markup is shown as text');
      await assertInert(page);
      await page.close();
    });
  });

  it('lets the live-call checklist change the answer: a caller who will not say who they are is "can\'t tell", not genuine', async (t) => {
    await step(t, async () => {
      const page = await open('#/check');
      await page.getByLabel('短信或通话内容').fill('您好，这里是某某消费金融，您的借款已逾期3天，请尽快在官方App还款。');
      await page.locator('section.verdict').waitFor();
      assert.notEqual(await page.locator('section.verdict').getAttribute('data-verdict'), 'scam');
      await page.locator('details.checklist summary').click();
      await page.getByRole('group', { name: '对方说出公司全称了吗？' }).getByLabel('问了，不肯说').check();
      await page.getByRole('group', { name: '对方给出工号了吗？' }).getByLabel('问了，不肯说').check();
      await page.getByRole('group', { name: '对方说得出你的合同号/借款编号吗？' }).getByLabel('问了，不肯说').check();
      // No ask, no scam: refusals alone make it "can't tell", with the questions that settle it.
      await page.locator('section.verdict[data-assessment=uncertain]').waitFor();
      assert.equal(await page.locator('section.verdict .verdict-label').textContent(), '无法确定');
      await page.close();
    });
  });

  it('saves a checked message to the record with a screenshot, and shows it with its evidence and chart', async (t) => {
    await step(t, async () => {
      const page = await open('#/check');
      await page.getByLabel('短信或通话内容').fill(SCAM);
      await page.locator('section.verdict').waitFor();
      await page.getByLabel('附上截图或录音（可选）').setInputFiles({ name: 'screenshot<img src=x onerror=alert(1)>.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已保存到记录' }).waitFor();
      assert.match(await page.getByRole('status').filter({ hasText: '已保存到记录' }).innerText(), /1 个文件已附上/);
      await page.getByRole('link', { name: '记录', exact: true }).first().click();
      const event = page.locator('[data-testid=event]');
      await event.first().waitFor();
      assert.equal(await event.count(), 1);
      assert.equal(await event.locator('[data-testid=evidence-count]').innerText(), '1');
      assert.match(await event.locator('.badge').innerText(), /诈骗/);
      await event.locator('img.thumb').waitFor(); // the screenshot, shown from the vault
      assert.match(await event.locator('.evidence').innerText(), /screenshot/);
      assert.ok((await page.locator('figure.chart rect.bar').count()) >= 24, 'per-day and per-hour bars are drawn');
      await assertInert(page);
      await page.close();
    });
  });

  it('adds events quickly, filters them, drops evidence, shades the night and verifies the record', async (t) => {
    await step(t, async () => {
      const page = await open('#/record');
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      const before = await page.locator('[data-testid=event]').count();
      await page.locator('details.card').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      const form = page.locator('details.card form');
      await form.getByLabel('类型').selectOption('call_missed');
      await form.getByLabel('时间').fill('2026-11-20T23:30');
      await form.getByLabel('号码').fill('13900001111');
      await form.getByLabel('自称平台/公司').fill(HOSTILE);
      await form.getByLabel('被联系的人').selectOption('family');
      await form.getByLabel('向对方透露了我的欠款').check();
      await form.getByLabel('备注').fill(HOSTILE);
      await form.getByRole('button', { name: '添加' }).click();
      await page.locator('[data-testid=event]').nth(before).waitFor();
      assert.equal(await page.locator('[data-testid=event]').count(), before + 1);
      assert.ok((await page.locator('rect.bar.night').count()) >= 1, 'a night call is drawn in the shaded window');
      assert.ok((await page.locator('rect.shade').count()) >= 8, 'the night window is shaded');
      await page.locator('section.card').filter({ hasText: '筛选' }).getByLabel('类型').selectOption('call_missed');
      await page.waitForFunction(() => {
        const shown = [...document.querySelectorAll('[data-testid=event]')];
        return shown.length >= 1 && shown.every((e) => e.textContent?.includes('未接来电'));
      });
      // Correct the note of the event just added: the change is saved and shown.
      const added = page.locator('[data-testid=event]').filter({ hasText: '13900001111' });
      await added.locator('details.edit summary').click();
      await added.locator('details.edit').getByLabel('备注').fill('对方自称律师事务所');
      await added.locator('details.edit').getByRole('button', { name: '保存' }).click();
      await page.locator('[data-testid=event]').filter({ hasText: '对方自称律师事务所' }).waitFor();
      // A real drop: a DataTransfer holding a file, dropped on the event's drop zone.
      const dataTransfer = await page.evaluateHandle(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['通话录音转写'], 'recording.txt', { type: 'text/plain' }));
        return dt;
      });
      const zone = page.locator('[data-testid=event]').first().locator('label.drop');
      await zone.dispatchEvent('dragover', { dataTransfer });
      await zone.dispatchEvent('drop', { dataTransfer });
      await page.waitForFunction(() => document.querySelector('[data-testid=evidence-count]')?.textContent === '1');
      await page.getByRole('button', { name: '校验记录' }).click();
      // Checking first (no claim yet), then the answer.
      await page.locator('[data-testid=verify-status][data-state=intact]').filter({ hasText: '记录完整' }).waitFor();
      await assertInert(page);
      await page.close();
    });
  });

  it('adds a loan and shows its true annual rate, flags and limitation', async (t) => {
    await step(t, async () => {
      const page = await open('#/debts');
      await addLoan(loanForm(page), { lender: `示例花 ${HOSTILE}`, principal: '10000', received: '8000', date: '2026-01-10', instalments: '12', amount: '1000' });
      const debt = page.locator('[data-testid=debt]');
      await debt.waitFor();
      const rate = Number((await debt.getByTestId('true-rate').innerText()).replace('%', ''));
      assert.ok(rate > 100 && rate < 150, `true annual rate ${rate}% for 8,000 received against 12 × 1,000`);
      assert.ok((await debt.locator('.flags li').count()) > 0, 'the up-front deduction is flagged');
      assert.match(await debt.innerText(), /诉讼时效/);
      assert.match(await debt.innerText(), /¥12,000\.00/);
      await recordOnLoan(debt, { amount: '1000', date: '2026-02-10' });
      await page.getByTestId('debt').filter({ hasText: '¥11,000.00' }).waitFor();
      await assertInert(page);
      await page.close();
    });
  });

  it('recommends channels for the situation, previews a letter and downloads its PDF', async (t) => {
    await step(t, async () => {
      const page = await open('#/letters');
      const letter = await previewLetter(page, '张三<img src=x onerror=alert(1)>', 'police-report');
      assert.match(await letter.innerText(), /张三/);
      await assertInert(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PDF' }).click()]);
      const path = await download.path();
      const bytes = readFileSync(path);
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      assert.ok(bytes.length > 2000);
      await page.close();
    });
  });

  it('searches the law library and answers the common questions with their sources', async (t) => {
    await step(t, async () => {
      const page = await open('#/law');
      await page.getByTestId('faq').first().waitFor();
      assert.ok((await page.getByTestId('faq').count()) >= 6);
      await page.getByTestId('faq').filter({ hasText: '黑名单' }).locator('summary').click();
      assert.match(await page.getByTestId('faq').filter({ hasText: '黑名单' }).innerText(), /5年/);
      const all = await page.getByTestId('provision').count();
      // What a reader needs — the authority and the dates — and no repository paths or notes' section numbers.
      assert.match(await page.getByTestId('provision-facts').first().innerText(), /发布机关：.+ · \d{4}年\d{1,2}月\d{1,2}日起施行/);
      const shown = await page.locator('main').innerText();
      for (const internal of ['LawRefBook', 'law.md', '§', '@', 'reportify', 'verified', 'secondary']) assert.ok(!shown.includes(internal), `the Law page shows "${internal}"`);
      await page.getByLabel('搜索法条').fill('征信');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=provision]').length < n, all);
      assert.ok((await page.getByTestId('provision').count()) > 0);
      await page.close();
    });
  });

  it('switches to English and back', async (t) => {
    await step(t, async () => {
      const page = await open('#/check');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Check a message or call' }).waitFor();
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('heading', { name: '检查短信或通话内容' }).waitFor();
      await page.close();
    });
  });

  it('labels every form control and can be used from the keyboard, on every page', async (t) => {
    await step(t, async () => {
      for (const p of ['check', 'record', 'debts', 'letters', 'law']) {
        const page = await open(`#/${p}`);
        await page.locator('main h1').waitFor();
        await page.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        await assertLabelled(page);
        await page.close();
      }
      // Keyboard only: Tab to the message box, type, and the verdict appears; Tab reaches the nav.
      const page = await open('#/check');
      let reached = false;
      for (let i = 0; i < 20 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.tagName === 'TEXTAREA');
      }
      assert.ok(reached, 'the message box is reachable with Tab');
      await page.keyboard.type('您的借款已逾期，请立即转账到安全账户');
      await page.locator('section.verdict').waitFor();
      const navReachable = await page.evaluate(() => [...document.querySelectorAll('nav a')].every((a) => (a as HTMLAnchorElement).tabIndex >= 0));
      assert.ok(navReachable);
      await page.close();
    });
  });

  it('works at 375 px wide on every page', async (t) => {
    await step(t, async () => {
      for (const p of ['check', 'record', 'debts', 'letters', 'law']) {
        const page = await open(`#/${p}`, 375);
        await page.locator('main h1').waitFor();
        if (p === 'check') {
          await page.getByLabel('短信或通话内容').fill(SCAM + ' ' + 'https://a-very-long-domain-name-that-could-overflow.example.com/path/'.repeat(2));
          await page.locator('section.verdict').waitFor();
        }
        assert.deepEqual(await overflowing(page), [], `no sideways scrolling on ${p} at 375 px`);
        await page.close();
      }
    });
  });
  it('saves a message with the date typed on the check page: that day at noon unless a time is set', async (t) => {
    await step(t, async () => {
      const page = await open('#/check');
      await page.getByLabel('短信或通话内容').fill('您的借款已逾期，请今天内还款，否则将通知您的紧急联系人。');
      await page.getByLabel('日期（可选）').fill('2026-11-12');
      await page.locator('section.verdict').waitFor();
      const save = page.locator('section.save');
      const time = save.getByLabel('时间', { exact: true });
      assert.equal(await time.inputValue(), '2026-11-12T12:00', 'a date alone is that day at noon');
      assert.match(await save.innerText(), /中午12:00/, 'and the page says so');
      // A time set by hand is kept when the date changes.
      await time.fill('2026-11-12T08:30');
      await page.getByLabel('日期（可选）').fill('2026-11-13');
      await page.waitForFunction(() => (document.querySelector('section.save input[type=datetime-local]') as HTMLInputElement | null)?.value === '2026-11-13T08:30');
      await save.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已保存到记录' }).waitFor();
      await page.getByRole('link', { name: '记录', exact: true }).first().click();
      await page.locator('[data-testid=event] time[datetime^="2026-11-13T08:30"]').waitFor();
      await page.close();
    });
  });

  it('explains the numbers of a verified record in words', async (t) => {
    await step(t, async () => {
      const page = await open('#/record');
      await page.locator('main h1').waitFor();
      await page.getByRole('button', { name: '校验记录' }).click();
      await page.locator('[data-testid=verify-status][data-state=intact]').waitFor();
      const status = await page.getByTestId('verify-status').innerText();
      assert.match(status, /记录完整，未被改动（核对了 \d+ 条操作日志、\d+ 条联系记录、\d+ 份证据文件）/);
      assert.doesNotMatch(status, /\d+ \/ \d+/);
      await page.close();
    });
  });

  it('draws contacts per day on a continuous axis (days without contact included), readable at 375 px', async (t) => {
    await step(t, async () => {
      for (const width of [1000, 375]) {
        const page = await open('#/record', width);
        const chart = page.locator('figure.chart').first();
        await chart.locator('rect.bar').first().waitFor();
        const days = await chart.locator('rect.bar title').allTextContents();
        const dates = days.map((d) => d.split(':')[0]!);
        assert.ok(dates.length >= 3, dates.join());
        const year = (md: string): number => Date.parse(`2026-${md}T00:00:00Z`);
        for (let i = 1; i < dates.length; i++) assert.equal(year(dates[i]!) - year(dates[i - 1]!), 86_400_000, `day after ${dates[i - 1]} is ${dates[i]}`);
        assert.ok(dates.includes('11-14'), 'an empty day between contacts has its place');
        // Labels at their real size and never on top of each other.
        const ticks = await chart.locator('text.tick').evaluateAll((ts) => ts.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, height: r.height })));
        for (const r of ticks) assert.ok(r.height >= 11, `tick label ${r.height.toFixed(1)} px high at ${width} px`);
        const labels = ticks.slice(1).sort((a, b) => a.left - b.left);
        for (let i = 1; i < labels.length; i++) assert.ok(labels[i]!.left >= labels[i - 1]!.right, 'tick labels do not overlap');
        await page.close();
      }
    });
  });

  it('clears the loan form, its date included, after adding a loan', async (t) => {
    await step(t, async () => {
      const page = await open('#/debts');
      const form = loanForm(page);
      const before = await page.getByTestId('debt').count();
      await addLoan(form, { lender: '某某借呗', principal: '3000', date: '2025-06-01', instalments: '6', amount: '550' });
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=debt]').length > n, before);
      assert.notEqual(await form.getByLabel('借款日期').inputValue(), '2025-06-01');
      assert.equal(await form.getByLabel('借款平台/出借人').inputValue(), '');
      await page.close();
    });
  });

  it('names number kinds in Chinese and shows errors in the page\'s language only', async (t) => {
    await step(t, async () => {
      const page = await open('#/check');
      await page.getByLabel('短信或通话内容').fill('您的借款已逾期，请尽快还款。');
      for (const [number, kind] of [['17012345678', /手机号码/], ['95786', /[\u4e00-\u9fa5]/]] as const) {
        await page.getByLabel('来电或短信号码（可选）').fill(number);
        const info = page.locator('.number-info');
        await page.waitForFunction((n) => document.querySelector('.number-info')?.textContent?.includes(n) ?? false, number);
        const text = await info.innerText();
        assert.match(text, kind);
        assert.doesNotMatch(text, /\b(mobile|service|fixed_line|short|sms_port)\b/, text);
      }
      await page.close();
      // An error from the server (an amount that is not one): Chinese only, no English line.
      // (A page of its own: the 400 is expected here, so it is not counted as a problem.)
      const raw = await context.newPage();
      await raw.goto(server.url + '/#/debts');
      const form = loanForm(raw);
      await form.getByLabel('借款平台/出借人').fill('某某');
      await form.getByLabel('合同金额（元）').fill('很多');
      await form.getByLabel('每期还款（元）').fill('100');
      const [response] = await Promise.all([raw.waitForResponse((r) => r.url().endsWith('/api/debts') && r.request().method() === 'POST'), form.getByRole('button', { name: '添加' }).click()]);
      const { error } = (await response.json()) as { error: { zh: string; en: string } };
      const alert = raw.getByRole('alert');
      await alert.waitFor();
      assert.equal((await alert.innerText()).trim(), error.zh, 'the Chinese line only');
      await raw.getByRole('button', { name: 'English' }).click();
      await raw.getByRole('heading', { name: 'My debts' }).waitFor();
      assert.equal((await alert.innerText()).trim(), error.en, 'the English line only, in English');
      await raw.getByRole('button', { name: '中文' }).click(); // the choice is remembered: back to Chinese for the tests after this one
      await raw.close();
    });
  });

  it('fits the checklist and a letter on a 375 px screen: legends inside their boxes, the events table with headers and numbers on one line', async (t) => {
    await step(t, async () => {
      const page = await open('#/check', 375);
      await page.locator('details.checklist summary').click();
      const legends = await page.locator('details.checklist fieldset').evaluateAll((fs) =>
        fs.map((f) => ({ box: f.getBoundingClientRect().right, legend: f.querySelector('legend')!.getBoundingClientRect().right })),
      );
      assert.ok(legends.length >= 4);
      for (const l of legends) assert.ok(l.legend <= l.box + 0.5, `legend ends at ${l.legend}, its box at ${l.box}`);
      assert.deepEqual(await overflowing(page), []);
      await page.close();

      // The letter preview on the page.
      const letters = await open('#/letters', 375);
      await letters.getByLabel('信函类型').selectOption('police-report');
      await letters.getByRole('button', { name: '预览' }).click();
      const table = letters.getByTestId('letter-events');
      await table.waitFor();
      assert.deepEqual(await table.locator('th').allInnerTexts(), ['时间（北京时间）', '方式', '号码', '自称', '内容摘要']);
      await assertOneLineNumbers(table.locator('td.nowrap'));
      assert.match(await letters.getByTestId('letter-preview').innerText(), /此致\s+敬礼/);
      assert.deepEqual(await overflowing(letters), [], 'the letter preview fits at 375 px');
      await letters.close();

      // The HTML letter as downloaded, opened on a phone.
      const letter: Letter = {
        id: 'police-report',
        version: 'test',
        recipient: '公安机关',
        title: '报案材料',
        paragraphs: ['报案人：张三。'],
        events: [
          { when: '2026-11-20 23:15', kind: '未接来电', number: '17012345678', who: '某某消费金融 / 外包催收', summary: '你再不还款我们就打电话给你单位领导' },
          { when: '2026-11-21 10:00', kind: '联系第三人：单位', number: '+8613900001111', who: '', summary: '' },
        ],
        signer: '张三',
        date: '2026年11月29日',
      };
      const html = await context.newPage();
      await html.setViewportSize({ width: 375, height: 800 });
      await html.setContent(letterHtml(letter));
      assert.deepEqual(await html.locator('th').allInnerTexts(), ['时间（北京时间）', '方式', '号码', '自称', '内容摘要']);
      await assertOneLineNumbers(html.locator('td.nowrap'));
      assert.ok(await html.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the HTML letter has no sideways scrolling');
      assert.match(await html.locator('body').innerText(), /此致\s+敬礼\s+张三\s+签名：_+\s+2026年11月29日/);
      await html.close();
    });
  });

  it("badges each event with what the check told the person, and how sure when it was not sure; an older event by its verdict", async (t) => {
    await step(t, async () => {
      const add = async (content: string): Promise<void> => {
        const r = await server.app.inject({ method: 'POST', url: '/api/events', headers: { 'x-dunguard-token': server.token }, payload: { kind: 'sms', at: '2026-11-25 10:00', text: content } });
        assert.equal(r.statusCode, 201, r.body);
      };
      await add('这里是公安局，你的银行卡涉嫌洗钱，请配合调查'); // suspicious, not certain
      await add('请尽快还款'); // genuine collection
      await add('你再不还钱我们就打电话给你单位领导'); // rule-breaking collection, sure
      // An event analysed before assessments were stored: its analysis has only the verdict.
      const store = SqliteStore.open(join(server.dir, 'dunguard.sqlite'));
      const fields = EventInput.parse({ kind: 'sms', occurred_at: '2026-11-25T11:00:00+08:00', content: '旧记录：请还款' });
      await store.addEvent({ fields, analysis: { verdict: 'collection_violation', confidence: 0.9, signals: [], engine: { rules: 'old', model: 'old', law: 'old' } }, source: 'manual' });
      await store.close();

      const page = await open('#/record');
      const badge = (text: string) => page.locator('[data-testid=event]').filter({ hasText: text }).getByTestId('badge');
      await badge('请配合调查').waitFor();
      assert.equal(await badge('请配合调查').innerText(), '可疑（把握一般）');
      assert.equal(await badge('请配合调查').getAttribute('data-assessment'), 'suspicious');
      // The bare reminder's certainty is the engine's (it moves with the model): the badge shows what the check says.
      const told = JSON.parse((await server.app.inject({ method: 'POST', url: '/api/check', headers: { 'x-dunguard-token': server.token }, payload: { text: '请尽快还款', date: '2026-11-25' } })).body) as { verdict: string; certainty: string };
      assert.equal(told.verdict, 'collection');
      assert.equal(await badge('请尽快还款').getAttribute('data-certainty'), told.certainty);
      assert.equal(await badge('请尽快还款').innerText(), told.certainty === 'high' ? '正常催收' : '正常催收（把握一般）');
      assert.equal(await badge('单位领导').innerText(), '违规催收');
      assert.equal(await badge('单位领导').getAttribute('data-certainty'), 'high');
      assert.equal(await badge('旧记录').innerText(), '违规催收');
      assert.equal(await badge('旧记录').getAttribute('data-certainty'), null);
      await page.getByRole('button', { name: 'English' }).click();
      await badge('请配合调查').filter({ hasText: 'Suspicious' }).waitFor();
      assert.equal(await badge('请配合调查').innerText(), 'Suspicious (not certain)');
      await page.getByRole('button', { name: '中文' }).click();
      await page.close();
    });
  });
});
