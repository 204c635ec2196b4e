/**
 * The warning card as PNG on this machine (the CLI's `dunguard card`): the card's SVG
 * rasterised by resvg with the CJK font the PDF letters use (Debian's fonts-noto-cjk, or
 * DUNGUARD_CJK_FONT), system fonts off so the picture is the same everywhere. No network.
 */
import { findCjkFont } from './pdf.js';
import type { CardSvg } from './warning-card.js';

export async function cardPng(card: CardSvg, font = findCjkFont()): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const r = new Resvg(card.svg, {
    font: { fontFiles: [font.path], loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' },
    fitTo: { mode: 'width', value: card.width },
    background: '#ffffff',
  });
  return Buffer.from(r.render().asPng());
}
