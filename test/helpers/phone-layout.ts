/**
 * What a phone needs of every page (issue 13, "phone first"), measured in the page: controls a
 * finger can hit (at least 44 × 44 CSS px) and nothing that scrolls sideways. Used on the page
 * served by `dunguard serve` (test/e2e/phone.test.ts) and on the offline app (app-flow.test.ts).
 */
import type { Page } from 'playwright-core';

/** The smallest touch target, in CSS px. */
export const MIN_TARGET = 44;

/** The pages, by their address after '#/'. */
export const PAGES = ['check', 'record', 'debts', 'letters', 'law'] as const;

export const TEXT_LABEL = { zh: '短信或通话内容', en: 'Message or call transcript' };
const NUMBER_LABEL = { zh: '来电或短信号码（可选）', en: "Caller's number (optional)" };
const WARN = { zh: { card: '提醒家人', report: '准备举报' }, en: { card: 'Warn my family', report: 'Prepare a report' } };
const SAVE = { zh: '保存', en: 'Save' };
const PREVIEW = { zh: '预览', en: 'Preview' };

/**
 * Gives a loaded page something to show: on the check page `message` checked with all that
 * follows a verdict (the family warning card, the prepared report, the saved event), on the
 * letters page a letter previewed; the record and the debts show what the test put in them.
 */
export async function fillPage(page: Page, p: (typeof PAGES)[number], lang: 'zh' | 'en', message: string): Promise<void> {
  if (p === 'check') {
    await page.getByLabel(TEXT_LABEL[lang]).fill(message + ' https://a-very-long-domain-name-that-could-overflow.example.com/path/to/pay');
    await page.getByLabel(NUMBER_LABEL[lang]).fill('17012345678');
    await page.locator('section.verdict').waitFor();
    const warn = page.locator('section.warn');
    await warn.getByRole('button', { name: WARN[lang].card, exact: true }).tap();
    await warn.getByTestId('card-download').waitFor();
    await warn.getByRole('button', { name: WARN[lang].report, exact: true }).tap();
    await warn.getByTestId('sms-link').waitFor();
    await page.locator('section.save').getByRole('button', { name: SAVE[lang], exact: true }).tap();
    await page.locator('section.save [role=status]').waitFor();
  }
  if (p === 'record') await page.locator('[data-testid=event]').first().waitFor();
  if (p === 'debts') await page.locator('[data-testid=debt]').first().waitFor();
  if (p === 'letters') {
    // The person's situation, then a letter previewed (its table of contacts may be wide).
    await page.locator('input[type=checkbox]').first().tap();
    await page.locator('ol.routes > li').first().waitFor();
    await page.locator('select:has(option[value="police-report"])').selectOption('police-report');
    await page.getByRole('button', { name: PREVIEW[lang], exact: true }).tap();
    await page.getByTestId('letter-preview').waitFor();
  }
  if (p === 'law') await page.locator('details').first().waitFor();
}

/** What is wrong with the page's layout on a phone, each described with `where` (empty: nothing). */
export async function layoutFailures(page: Page, where: string): Promise<string[]> {
  const failures: string[] = [];
  const side = await sideways(page);
  if (side.over > 0) failures.push(`${where}: scrolls ${side.over} px sideways: ${side.what.join(', ')}`);
  // Every page can be reached: no link of the navigation is cut off at the edge.
  const cut = await page.locator('header nav a').evaluateAll((as) => as.filter((a) => a.getBoundingClientRect().right > window.innerWidth + 0.5 || a.getBoundingClientRect().left < -0.5).map((a) => a.textContent));
  if (cut.length > 0) failures.push(`${where}: navigation links cut off at the edge: ${cut.join(', ')}`);
  const small = await smallTargets(page);
  if (small.length > 0) failures.push(`${where}: ${small.length} targets under ${MIN_TARGET} px:\n    ${small.join('\n    ')}`);
  // Opening every <details> (smallTargets does) must not make it scroll sideways either.
  const opened = await sideways(page);
  if (opened.over > 0 && side.over === 0) failures.push(`${where}, details open: scrolls ${opened.over} px sideways: ${opened.what.join(', ')}`);
  return failures;
}

/**
 * Controls smaller than 44 × 44 CSS px, described. A radio or checkbox counts by its label
 * (tapping the label sets it); a text field may be any width but must be 44 px high. Hidden
 * controls (display none, inside a closed <details>, visually hidden) are not targets.
 */
export const smallTargets = (page: Page): Promise<string[]> =>
  page.evaluate((min) => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const out: string[] = [];
    const controls = document.querySelectorAll('a[href], button, input, select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])');
    for (const el of controls) {
      if (el.closest('[data-testid=highlighted]') && el.classList.contains('mark')) continue; // words in a sentence
      const input = el as HTMLInputElement;
      if (input.type === 'hidden') continue;
      let target: Element = el;
      const own = el.getBoundingClientRect();
      const hiddenInLabel = own.width <= 1 && own.height <= 1 && el.closest('label');
      if (el.tagName === 'INPUT' && (input.type === 'radio' || input.type === 'checkbox' || hiddenInLabel)) target = input.labels?.[0] ?? el;
      const style = getComputedStyle(target);
      const r = target.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || r.width === 0 || r.height === 0) continue;
      if (r.right <= 0 || r.bottom + window.scrollY <= 0) continue; // off-screen until focused (the skip link)
      if (r.width <= 1 && r.height <= 1) continue; // visually hidden, announced only
      if (r.width + 0.5 < min || r.height + 0.5 < min) {
        const name = (el.getAttribute('aria-label') ?? input.labels?.[0]?.textContent ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
        const cls = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '';
        out.push(`${el.tagName.toLowerCase()}${cls}${input.type && el.tagName === 'INPUT' ? `[${input.type}]` : ''} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  }, MIN_TARGET);

/** How far the page scrolls sideways (0 when it does not), and what sticks out. */
export const sideways = (page: Page): Promise<{ over: number; what: string[] }> =>
  page.evaluate(() => {
    const over = (document.scrollingElement ?? document.documentElement).scrollWidth - window.innerWidth;
    if (over <= 0) return { over: 0, what: [] as string[] };
    const what = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} right=${Math.round(e.getBoundingClientRect().right)}`)
      .slice(0, 10);
    return { over, what };
  });

