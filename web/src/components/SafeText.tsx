/**
 * Untrusted text (a scam SMS, a caller's claims) shown as plain text: React escapes it, links
 * are defanged ("hxxp://a[.]cn") and control/bidi characters made visible, so nothing in it
 * can run, render as markup, or be clicked. Phone numbers are wrapped so that no browser
 * links them (with format-detection off in the page head).
 */
import { defangLinks, visibleControls } from '../../../src/present/safe-text.js';

const PHONE = /(\+?\d[\d -]{5,}\d)/g;

export function safeString(text: string): string {
  return defangLinks(visibleControls(text));
}

export function SafeText({ text }: { text: string }) {
  const safe = safeString(text);
  const parts = safe.split(PHONE);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <span key={i} className="phone" translate="no">
            {p}
          </span>
        ) : (
          p
        ),
      )}
    </>
  );
}
