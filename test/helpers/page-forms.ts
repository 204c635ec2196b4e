/**
 * The forms the browser tests fill the same way on dunguard serve's page and in the offline app:
 * the debts page's 添加一笔借款 and a loan's own form, and the letters page's profile, situation and preview.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

export interface LoanFields {
  lender: string;
  /** The contract amount in yuan. */
  principal: string;
  /** What arrived, in yuan ('' clears the field). */
  received?: string;
  date?: string;
  instalments?: string;
  /** Each instalment, in yuan. */
  amount: string;
}

/** The form on the page (open the debts page first). */
export const loanForm = (page: Page): Locator => page.locator('form').filter({ hasText: '添加一笔借款' });

/** Fills the fields given, in the form's order, and presses 添加. */
export async function addLoan(form: Locator, loan: LoanFields): Promise<void> {
  await form.getByLabel('借款平台/出借人').fill(loan.lender);
  await form.getByLabel('合同金额（元）').fill(loan.principal);
  if (loan.received !== undefined) await form.getByLabel('实际到手（元）').fill(loan.received);
  if (loan.date !== undefined) await form.getByLabel('借款日期').fill(loan.date);
  if (loan.instalments !== undefined) await form.getByLabel('分几期（按月）').fill(loan.instalments);
  await form.getByLabel('每期还款（元）').fill(loan.amount);
  await form.getByRole('button', { name: '添加' }).click();
}

/** On a loan's card: opens its form, picks what happened (`what`; left as it is: a payment), fills the amount when given and the date, and saves. */
export async function recordOnLoan(debt: Locator, change: { what?: string; amount?: string; date: string }): Promise<void> {
  await debt.locator('details summary').click();
  if (change.what !== undefined) await debt.getByLabel('记什么').selectOption(change.what);
  if (change.amount !== undefined) await debt.getByLabel('金额（元）').fill(change.amount);
  await debt.getByLabel('日期').fill(change.date);
  await debt.getByRole('button', { name: '保存' }).click();
}

/**
 * On the letters page: saves `name` in the profile, says money was already lost (the police, 110,
 * must then be among the recommended routes), picks the letter `type` and previews it. Returns the
 * preview, once shown.
 */
export async function previewLetter(page: Page, name: string, type: string): Promise<Locator> {
  await page.getByLabel('姓名').fill(name);
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('form .ok').waitFor();
  await page.getByLabel('已经被骗转了钱').check();
  await page.locator('ol.routes > li').first().waitFor();
  assert.match(await page.locator('ol.routes').innerText(), /110/);
  await page.getByLabel('信函类型').selectOption(type);
  await page.getByRole('button', { name: '预览' }).click();
  const letter = page.getByTestId('letter-preview');
  await letter.waitFor();
  return letter;
}
