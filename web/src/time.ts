/** The browser's local date and time, in the forms its date and datetime-local inputs take. */

/** Now, as "YYYY-MM-DDTHH:mm" in the browser's zone. */
export function nowLocal(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** Today, as "YYYY-MM-DD" in the browser's zone. */
export const todayLocal = (): string => nowLocal().slice(0, 10);
