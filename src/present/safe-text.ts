/**
 * Showing untrusted text (a scam SMS is hostile input): control characters that could
 * drive a terminal (ANSI escapes, bidi overrides) are made visible, and links and phone
 * numbers are defanged so that no terminal, mail client or page turns them into something
 * clickable. Used by every adapter that prints or renders a message.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Replaces control and bidi-override characters with a visible code, keeping \n and \t. */
export function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

const URL_LIKE = /\b((?:https?|ftp):\/\/|www\.)[^\s，。！？、；：“”‘’（）()<>]*/giu;
const DOMAIN_LIKE = /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|top|xyz|vip|cc|me|io|info|shop|site|app|link|club|online|hk)\b/giu;

/** "http://a.cn/x" → "hxxp://a[.]cn/x"; bare domains get "[.]" too. */
export function defangLinks(text: string): string {
  return text
    .replace(URL_LIKE, (m) => m.replace(/^http/i, 'hxxp').replace(/^ftp/i, 'fxp').replace(/\./g, '[.]'))
    .replace(DOMAIN_LIKE, (m) => (m.includes('[.]') ? m : m.replace(/\./g, '[.]')));
}

/** Untrusted text made safe to print in a terminal. */
export function safeForTerminal(text: string): string {
  return defangLinks(visibleControls(text));
}

/** Escapes text for HTML (element content and quoted attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
