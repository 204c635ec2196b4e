/**
 * What a phone needs of every page (issue 13, "phone first"), measured in the page: controls a
 * finger can hit (at least 44 × 44 CSS px) and nothing that scrolls sideways. Used on the page
 * served by `dunguard serve` (test/e2e/phone.test.ts) and on the offline app (app-flow.test.ts).
 */
import type { Page } from 'playwright-core';

/** The smallest touch target, in CSS px. */
export const MIN_TARGET = 44;

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

