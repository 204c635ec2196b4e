/**
 * Renders the OCR fixtures: phone-like SMS and chat screenshots of the texts in
 * test/fixtures/ocr/messages.json, drawn by Debian's chromium (playwright-core) at a phone's
 * size and pixel density, each saved clean (<id>.png) and degraded (<id>-degraded.jpg: scaled
 * to 60 %, rotated 2°, with seeded noise, JPEG quality 40 — a screenshot that was forwarded,
 * re-compressed and photographed a little askew). Deterministic for one chromium and font.
 *
 *   node --import tsx scripts/ocr-fixtures.ts      (DUNGUARD_CHROMIUM to use another browser)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export interface Screen {
  id: string;
  style: 'sms' | 'chat';
  title: string;
  time: string;
  messages: { from: 'them' | 'me'; text: string }[];
}

const DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'ocr');

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One screen as HTML: a status bar, the sender, a light-grey time and the message bubbles. */
export function screenHtml(s: Screen): string {
  const chat = s.style === 'chat';
  const bubbles = s.messages
    .map((m) => `<div class="row ${m.from}">${chat && m.from === 'them' ? '<div class="avatar"></div>' : ''}<div class="bubble">${esc(m.text)}</div></div>`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
  * { box-sizing: border-box; margin: 0; }
  body { width: 390px; font-family: "Noto Sans CJK SC", sans-serif; background: ${chat ? '#ededed' : '#fff'}; color: #000; }
  .status { height: 44px; display: flex; justify-content: space-between; align-items: center; padding: 0 24px; font-size: 15px; font-weight: 600; }
  .head { height: 52px; display: flex; align-items: center; justify-content: center; font-size: 17px; font-weight: 600; border-bottom: 1px solid #d8d8d8; background: ${chat ? '#ededed' : '#f7f7f7'}; }
  .time { text-align: center; color: #b4b4b4; font-size: 12px; margin: 18px 0 10px; }
  .row { display: flex; padding: 6px 14px; align-items: flex-start; }
  .row.me { justify-content: flex-end; }
  .avatar { width: 40px; height: 40px; border-radius: 6px; background: #7aa6d8; flex: none; margin-right: 10px; }
  .bubble { max-width: 270px; font-size: 17px; line-height: 1.45; padding: 9px 13px; border-radius: ${chat ? '6px' : '18px'}; word-break: break-all; }
  .them .bubble { background: ${chat ? '#fff' : '#e9e9eb'}; }
  .me .bubble { background: ${chat ? '#95ec69' : '#0a84ff'}; color: ${chat ? '#000' : '#fff'}; }
  .input { margin-top: 24px; height: 56px; border-top: 1px solid #d8d8d8; background: #f7f7f7; }
</style></head><body>
<div class="status"><span>9:41</span><span>5G ▮▮▮</span></div>
<div class="head">${esc(s.title)}</div>
<div class="time">${esc(s.time)}</div>
${bubbles}
<div class="input"></div>
</body></html>`;
}

/**
 * The degradation, as source run in the page (a string, so that the TypeScript runner's
 * helpers are not needed there): scale, rotate, seeded noise, JPEG at quality 40.
 */
const DEGRADE = `async (b64) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const scale = 0.6, angle = (2 * Math.PI) / 180;
  const w = Math.round(img.width * scale), h = Math.round(img.height * scale);
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const g = c.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, w, h);
  g.translate(w / 2, h / 2);
  g.rotate(angle);
  g.drawImage(img, -w / 2 * 0.96, -h / 2 * 0.96, w * 0.96, h * 0.96);
  const d = g.getImageData(0, 0, w, h);
  let seed = 20261129;
  for (let i = 0; i < d.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const n = (seed / 2 ** 32 - 0.5) * 30;
    for (let k = 0; k < 3; k++) d.data[i + k] = Math.max(0, Math.min(255, d.data[i + k] + n));
  }
  g.putImageData(d, 0, 0);
  return c.toDataURL('image/jpeg', 0.4).split(',')[1];
}`;

async function main(): Promise<void> {
  const screens = (JSON.parse(readFileSync(join(DIR, 'messages.json'), 'utf8')) as { screens: Screen[] }).screens;
  const profile = await mkdtemp(join(tmpdir(), 'dunguard-ocr-fixtures-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.DUNGUARD_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    for (const s of screens) {
      await page.setContent(screenHtml(s));
      const png = await page.screenshot({ fullPage: true, type: 'png' });
      writeFileSync(join(DIR, `${s.id}.png`), png);
      // Degrade in a canvas: scale, rotate, seeded noise, JPEG at quality 40.
      const jpegBase64 = (await page.evaluate(`(${DEGRADE})(${JSON.stringify(png.toString('base64'))})`)) as string;
      writeFileSync(join(DIR, `${s.id}-degraded.jpg`), Buffer.from(jpegBase64, 'base64'));
      process.stdout.write(`${s.id}: ${png.length} B png, ${Math.round((jpegBase64.length * 3) / 4)} B jpg\n`);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
