/**
 * The multi-user service's page in a real browser: `dunguard serve --multi-user` (the command,
 * in a child process) on PostgreSQL, driven by Debian's chromium through playwright-core. Each
 * person has a browser context of their own (their own cookie): an admin adds a helper; two
 * clients sign up, each opens a case and sees only their own; the first reads a screenshot's
 * text into the check page (the server reads it in her case), checks a message and saves it
 * with that screenshot, shares the case with the helper, who then sees it (and only it),
 * reads the record and downloads a complaint PDF, while the client reads those requests in the
 * case's access log; the second client sees nothing of it. Then the login's Chinese errors (a
 * wrong password, too many tries, a session that has ended), an admin's password reset and an
 * account deletion that the owner's access log records.
 *
 * Needs PostgreSQL (see test/helpers/postgres.ts: skipped without one, except under CI=true),
 * chromium and tesseract-ocr-chi-sim (DUNGUARD_SKIP_BROWSER=1 or DUNGUARD_SKIP_OCR=1 skips).
 * Needs the built page (npm run build).
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, SKIP_BROWSER, watchPage, withScreenshots } from '../helpers/browser.js';
import { dropSchemas, freshSchema, testPostgres, type TestPostgres } from '../helpers/postgres.js';
import { packageRoot } from '../../src/data/load.js';
import { Directory } from '../../src/hosted/directory.js';

const MAIN = join(packageRoot(), 'src', 'cli', 'main.ts');
const SHOT = join(import.meta.dirname, '..', 'fixtures', 'ocr', 'sms-scam.png');
const PASSWORD = 'correct horse battery';
const SCAM = '您的网贷已严重逾期，立即转账到安全账户，否则公安机关上门抓人。<img src=x onerror="window.__pwned=1">';

const pgFound = SKIP_BROWSER || process.env.DUNGUARD_SKIP_OCR === '1' ? { skip: 'DUNGUARD_SKIP_BROWSER=1 or DUNGUARD_SKIP_OCR=1' } : await testPostgres();
const skip = 'skip' in pgFound ? pgFound.skip : false;

describe('the multi-user page in chromium, on PostgreSQL', { skip }, () => {
  const pgs = pgFound as TestPostgres;
  const dirSchema = freshSchema();
  let proc: ChildProcess;
  let base = '';
  let browser: Browser;
  const people: Record<string, BrowserContext> = {};
  const problems: string[] = [];
  /** Every answer of 400 or more, as "STATUS METHOD PATH": the tests say which they expect. */
  const errors: string[] = [];

  /** A person's own browser (their own cookies), and a page of it at `hash`. */
  async function open(who: string, hash = ''): Promise<Page> {
    people[who] ??= await browser.newContext({ acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    people[who].setDefaultTimeout(15_000);
    const page = await people[who].newPage();
    await page.setViewportSize({ width: 1000, height: 900 });
    watchPage(page, problems, { httpErrors: false });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
      if (r.status() >= 500) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    await page.goto(`${base}/${hash}`);
    return page;
  }
  const step = (t: TestContext, f: () => Promise<void>) => withScreenshots(t, () => Object.values(people).flatMap((c) => c.pages()), f, { prefix: 'hosted-' });

  async function logIn(page: Page, name: string, password = PASSWORD): Promise<void> {
    const form = page.getByTestId('login-form');
    await form.getByLabel('用户名').fill(name);
    await form.getByLabel('密码').fill(password);
    await form.getByRole('button', { name: '登录', exact: true }).click();
  }
  async function signUp(page: Page, name: string): Promise<void> {
    await page.getByRole('button', { name: '还没有账号？注册一个（当事人）' }).click();
    const form = page.getByTestId('login-form');
    await form.getByLabel('用户名').fill(name);
    await form.getByLabel('密码').fill(PASSWORD);
    await form.getByRole('button', { name: '注册并登录' }).click();
  }
  async function newCase(page: Page, title: string): Promise<void> {
    await page.getByLabel('案件名称（可选，只有你和共享的人看得到）').fill(title);
    await page.getByRole('button', { name: '新建并打开' }).click();
    await page.getByTestId('case-title').filter({ hasText: title }).waitFor();
  }
  /** The case list's titles, once it has come (it comes whole, in one answer). */
  const caseList = async (page: Page) => {
    await page.getByTestId('cases').locator('li').first().waitFor();
    return (await page.getByTestId('cases').locator('li strong').allInnerTexts()).sort();
  };

  before(async () => {
    if (!existsSync(join(packageRoot(), 'dist', 'web', 'index.html'))) throw new Error('the page is not built: run npm run build');
    const env = { ...process.env, DUNGUARD_DATABASE_URL: pgs.url, DUNGUARD_DIRECTORY_SCHEMA: dirSchema, DUNGUARD_ADMIN_USERNAME: 'admin1', DUNGUARD_ADMIN_PASSWORD: PASSWORD };
    proc = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--multi-user', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    base = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) resolve(m[1]!);
      });
      proc.stderr!.on('data', (b: Buffer) => (out += b.toString()));
      proc.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    browser = await launchChromium();
  });

  after(async () => {
    for (const c of Object.values(people)) await c.close();
    await browser?.close();
    if (proc && proc.exitCode === null) {
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await gone;
    }
    if (pgs.url) {
      const d = await Directory.open({ url: pgs.url, schema: dirSchema });
      const schemas = (await d.allCases()).map((c) => c.schema_name);
      await d.close();
      await dropSchemas(pgs.url, [...schemas, dirSchema]);
      await pgs.stop();
    }
    assert.deepEqual(problems, [], 'no dialogs, page errors, CSP violations or server errors on any page');
  });

  it('asks for a login first, in Chinese (English with the switch), and an admin adds a helper', async (t) => {
    await step(t, async () => {
      const page = await open('admin', '#/check');
      await page.getByRole('heading', { name: '登录' }).waitFor();
      assert.equal(await page.locator('nav').count(), 0, 'no pages before a login');
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByRole('alert').count(), 0, 'a first visit is not told that a session ended');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.getByRole('button', { name: '中文' }).click();
      await logIn(page, 'admin1');
      const admin = page.getByTestId('admin');
      await admin.waitFor();
      assert.match(await page.getByTestId('who').innerText(), /admin1（管理员）/);
      await admin.getByLabel('用户名', { exact: true }).fill('helper-1');
      await admin.getByLabel('初始密码（至少 10 个字符）').fill(PASSWORD);
      await admin.getByRole('button', { name: '添加' }).click();
      await admin.getByTestId('staff').filter({ hasText: 'helper-1（工作人员）' }).waitFor();
    });
  });

  it('two clients sign up; each opens a case and sees only their own', async (t) => {
    await step(t, async () => {
      const alice = await open('alice');
      await signUp(alice, 'alice');
      await alice.getByText('还没有案件：先新建一个。').waitFor();
      await newCase(alice, 'alice 的网贷催收');
      const bob = await open('bob');
      await signUp(bob, 'bob');
      await newCase(bob, 'bob 的案件');
      await bob.getByRole('button', { name: '换一个案件' }).click();
      assert.deepEqual(await caseList(bob), ['bob 的案件']);
      await alice.getByRole('button', { name: '换一个案件' }).click();
      assert.deepEqual(await caseList(alice), ['alice 的网贷催收']);
      await alice.getByTestId('cases').getByRole('button', { name: '打开' }).click();
      await alice.getByTestId('case-bar').waitFor();
    });
  });

  it('within her case, the first client reads a screenshot into the check box, checks a message, saves it with the screenshot, and sees it in the record', async (t) => {
    await step(t, async () => {
      const page = people.alice!.pages()[0]!;
      await page.getByRole('navigation').getByRole('link', { name: '检查', exact: true }).click();
      // The same picker as on one's own computer: the server reads the text in her case.
      await page.getByLabel('从截图识别').setInputFiles(SHOT);
      await page.getByRole('status').filter({ hasText: '已识别' }).waitFor({ timeout: 60_000 });
      assert.match(await page.getByLabel('短信或通话内容').inputValue(), /手续费消除逾期记录/);
      assert.deepEqual(errors.filter((e) => e.includes('/ocr')), []);
      await page.getByLabel('短信或通话内容').fill(SCAM);
      const card = page.locator('section.verdict');
      await card.waitFor();
      assert.equal(await card.getAttribute('data-verdict'), 'scam');
      await page.getByText('识别用的截图“sms-scam.png”会作为证据一起保存。').waitFor();
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已保存到记录' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: '记录', exact: true }).click();
      const event = page.locator('[data-testid=event]');
      await event.first().waitFor();
      assert.equal(await event.count(), 1);
      assert.equal(await event.locator('[data-testid=evidence-count]').innerText(), '1');
      await event.locator('img.thumb').waitFor();
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      // Her name for letters, which the helper may not change.
      await page.getByRole('navigation').getByRole('link', { name: '投诉与信函', exact: true }).click();
      await page.getByLabel('姓名').fill('张三');
      await page.getByRole('button', { name: '保存' }).click();
      await page.locator('form .ok').waitFor();
    });
  });

  it("the second client's record is empty: nothing of the first client's case reaches it", async (t) => {
    await step(t, async () => {
      const page = people.bob!.pages()[0]!;
      await page.getByTestId('cases').getByRole('button', { name: '打开' }).click();
      await page.getByRole('navigation').getByRole('link', { name: '记录', exact: true }).click();
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('[data-testid=event]').count(), 0);
      assert.doesNotMatch(await page.locator('main').innerText(), /安全账户/);
    });
  });

  it('the client shares her case with the helper, who then sees it — and only it — reads the record and drafts a complaint PDF; she reads each request in the access log', async (t) => {
    await step(t, async () => {
      const helper = await open('helper');
      await logIn(helper, 'helper-1');
      await helper.getByText('还没有当事人与你共享案件。').waitFor();

      const alice = people.alice!.pages()[0]!;
      await alice.getByRole('button', { name: '共享与查看记录' }).click();
      const sharing = alice.getByTestId('sharing');
      await sharing.getByLabel('共享给工作人员（填写对方的用户名）').fill('helper-1');
      await sharing.getByRole('button', { name: '共享', exact: true }).click();
      await sharing.getByTestId('shares').filter({ hasText: 'helper-1' }).waitFor();

      await helper.reload();
      await helper.getByTestId('cases').waitFor();
      assert.deepEqual(await caseList(helper), ['alice 的网贷催收']);
      assert.match(await helper.getByTestId('cases').innerText(), /当事人: alice/);
      // The case list: the message she saved is new to the helper, who never opened the case; the report's findings are counted.
      assert.match(await helper.getByTestId('case-new').innerText(), /^新动态\s+[1-9]\d* 条新记录\s*（你还没打开过）$/);
      assert.match(await helper.getByTestId('case-findings').innerText(), /^骚扰特征\s+\d+ 项$/);
      await helper.getByTestId('cases').getByRole('button', { name: '打开' }).click();
      await helper.getByText('这个案件与你共享').waitFor();
      await helper.getByRole('navigation').getByRole('link', { name: '记录', exact: true }).click();
      await helper.locator('[data-testid=event]').first().waitFor();
      assert.equal(await helper.locator('[data-testid=event]').count(), 1);
      assert.match(await helper.locator('[data-testid=event]').innerText(), /安全账户/);

      await helper.getByRole('navigation').getByRole('link', { name: '投诉与信函', exact: true }).click();
      const type = helper.getByLabel('信函类型');
      await type.locator('option[value="regulator-complaint"]').waitFor({ state: 'attached' });
      await type.selectOption('regulator-complaint');
      await helper.getByRole('button', { name: '预览' }).click();
      assert.match(await helper.getByTestId('letter-preview').innerText(), /张三/);
      const [download] = await Promise.all([helper.waitForEvent('download'), helper.getByRole('button', { name: '下载 PDF' }).click()]);
      const bytes = readFileSync(await download.path());
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');

      // Her access log: the helper's reads and the letter, in order; the log verifies.
      await alice.getByRole('button', { name: '共享与查看记录' }).click();
      await alice.getByRole('button', { name: '共享与查看记录' }).click();
      const log = alice.getByTestId('access-log');
      await log.waitFor();
      const text = await log.innerText();
      assert.match(text, /helper-1（工作人员）\s+GET \/events/);
      // The record page read the case a page at a time, with its counts: case-scoped calls, each logged.
      assert.match(text, /helper-1（工作人员）\s+GET \/events\/page/);
      assert.match(text, /helper-1（工作人员）\s+GET \/events\/counts/);
      assert.match(text, /POST \/letters\/regulator-complaint/);
      assert.match(await alice.getByTestId('sharing').innerText(), /查看记录完整，未被改动。/);
    });
  });

  it('the second client still sees only their own case', async (t) => {
    await step(t, async () => {
      const page = people.bob!.pages()[0]!;
      await page.getByRole('button', { name: '换一个案件' }).click();
      assert.deepEqual(await caseList(page), ['bob 的案件']);
    });
  });

  it('says in Chinese what went wrong at the login: a wrong password, too many tries, a session that has ended', async (t) => {
    await step(t, async () => {
      const page = await open('stranger');
      const attempt = async (password: string): Promise<number> => {
        const [r] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), logIn(page, 'bob', password)]);
        return r.status();
      };
      for (let i = 1; i <= 5; i++) {
        assert.equal(await attempt('not the password'), 401);
        await page.getByRole('alert').filter({ hasText: '用户名或密码不对。' }).waitFor();
      }
      assert.equal(await attempt(PASSWORD), 429, 'the right password, but too many tries');
      await page.getByRole('alert').filter({ hasText: '登录失败次数太多，请 15 分钟后再试。' }).waitFor();
      assert.equal(await page.locator('nav').count(), 0);

      // Bob's session ends elsewhere (the server forgets it); his page says so at the next request.
      const bob = people.bob!.pages()[0]!;
      await bob.getByTestId('cases').getByRole('button', { name: '打开' }).click();
      await bob.getByTestId('case-bar').waitFor();
      const gone = await people.bob!.request.post(`${base}/api/auth/logout`, { headers: { 'content-type': 'application/json' }, data: {} });
      assert.equal(gone.status(), 200);
      // The next request tells: going to the debts page — or a request the open record page still
      // makes in the background (its findings, its verification), which may come first and take
      // the page to the login form before a click on the menu could land.
      await bob.evaluate(() => {
        location.hash = '#/debts';
      });
      await bob.getByRole('alert').filter({ hasText: '登录已过期或已在别处退出，请重新登录。' }).waitFor();
      await bob.getByTestId('login-form').waitFor();
    });
  });

  it('an admin gives bob a new password in the page (he logs in with it), and deletes the helper: the case leaves their list and its access log says so', async (t) => {
    await step(t, async () => {
      const admin = people.admin!.pages()[0]!;
      const reset = admin.getByTestId('reset-password');
      await reset.getByLabel('要重设密码的账号的用户名（当事人或工作人员）').fill('bob');
      await reset.getByRole('button', { name: '生成新密码' }).click();
      const password = await admin.getByTestId('new-password').innerText();
      assert.ok(password.length >= 16);
      const bob = people.bob!.pages()[0]!;
      await logIn(bob, 'bob', password);
      await bob.getByTestId('cases').waitFor();
      assert.deepEqual(await caseList(bob), ['bob 的案件']);

      const del = admin.getByTestId('delete-account');
      await del.getByLabel('要删除的账号的用户名').fill('helper-1');
      await del.getByRole('button', { name: '删除账号' }).click();
      await del.getByRole('button', { name: '确定删除' }).click();
      await del.getByRole('status').filter({ hasText: '已删除账号 helper-1。与它共享的 1 个案件已停止共享' }).waitFor();
      // A client with a case is not deleted without saying so.
      await del.getByLabel('要删除的账号的用户名').fill('bob');
      await del.getByRole('button', { name: '删除账号' }).click();
      await del.getByRole('button', { name: '确定删除' }).click();
      await del.getByRole('alert').filter({ hasText: '还有 1 个案件' }).waitFor();

      const alice = people.alice!.pages()[0]!;
      await alice.reload();
      await alice.getByRole('button', { name: '共享与查看记录' }).click();
      await alice.getByText('这个案件还没有共享给任何人。').waitFor();
      assert.match(await alice.getByTestId('access-log').innerText(), /admin1（管理员）\s+DELETE \/accounts\/helper-1/);
      const helper = people.helper!.pages()[0]!;
      await helper.getByRole('navigation').getByRole('link', { name: '记录', exact: true }).click();
      await helper.getByRole('alert').filter({ hasText: '登录已过期或已在别处退出，请重新登录。' }).waitFor();
      await logIn(helper, 'helper-1');
      await helper.getByRole('alert').filter({ hasText: '用户名或密码不对。' }).waitFor();
    });
  });

  it('every control of the login, the case list, the case bar and the admin panel is labelled, and nothing sticks out at 375 px', async (t) => {
    await step(t, async () => {
      /** Controls with no label a screen reader announces, and elements wider than the screen. */
      const check = async (page: Page, what: string) => {
        const unlabelled = await page.evaluate(() =>
          [...document.querySelectorAll('input, select, textarea')]
            .filter((el) => ((el as HTMLInputElement).labels?.length ?? 0) === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
            .map((el) => el.outerHTML.slice(0, 80)),
        );
        assert.deepEqual(unlabelled, [], `${what}: unlabelled controls`);
        const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}`));
        assert.deepEqual(wide, [], `${what}: sticks out at 375 px`);
      };
      const login = await open('phone');
      await login.setViewportSize({ width: 375, height: 800 });
      await login.getByTestId('login-form').waitFor();
      await check(login, 'login');
      await login.getByRole('button', { name: '还没有账号？注册一个（当事人）' }).click();
      await check(login, 'sign-up');
      const admin = people.admin!.pages()[0]!;
      await admin.setViewportSize({ width: 375, height: 800 });
      await admin.reload();
      await admin.getByTestId('admin').waitFor();
      await check(admin, 'the admin panel');
      const alice = people.alice!.pages()[0]!;
      await alice.setViewportSize({ width: 375, height: 800 });
      await alice.reload();
      await alice.getByRole('button', { name: '共享与查看记录' }).click();
      await alice.getByTestId('access-log').waitFor();
      await check(alice, 'the case bar with sharing and the access log');
      await alice.getByRole('button', { name: '换一个案件' }).click();
      await alice.getByTestId('cases').waitFor();
      await check(alice, 'the case list');
    });
  });

  it('answered with an error only where a test asked for one', () => {
    const expected = /^(401 GET \/api\/me|401 POST \/api\/auth\/login|429 POST \/api\/auth\/login|401 (GET|POST|PUT) \/api\/cases\/[0-9a-f]{16}\/\S+|409 POST \/api\/admin\/account-deletion)$/;
    assert.deepEqual(errors.filter((e) => !expected.test(e)), []);
  });
});
