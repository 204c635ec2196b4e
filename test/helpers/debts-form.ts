/** The debts page's 添加一笔借款 form, the same on dunguard serve's page and in the offline app. */
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
