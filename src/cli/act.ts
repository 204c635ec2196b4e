/** `dunguard route`, `dunguard letter list|TYPE`, `dunguard profile set|show`: acting on the record. */
import { writeFile } from 'node:fs/promises';
import { letterHtml, letterMarkdown } from '../act/letter.js';
import { UserError } from './io.js';
import type { Lang } from './format.js';
import { out, type Common } from './log.js';
import { withRecord } from '../service/record-context.js';
import { letterFor, routesFor, type CaseFlags } from '../service/case.js';
import { withCjkFont } from '../service/pdf.js';

export function runRoute(f: CaseFlags & Common & { lang: Lang }): Promise<string> {
  return withRecord(f.dataDir, async (ctx) => {
    const routes = await routesFor(ctx, f);
    return out(f, routes, () =>
      routes.length === 0
        ? f.lang === 'zh' ? '记录中没有需要投诉或报案的情况。' : 'Nothing in the record calls for a complaint or report.'
        : routes
            .map((r, i) => [`${i + 1}. ${r.channel.name[f.lang]} — ${r.channel.contact[f.lang]}`, ...r.reasons.map((x) => `   · ${x[f.lang]}`), `   ⓘ ${r.channel.limits[f.lang]}`].join('\n'))
            .join('\n'),
    );
  });
}

export function runLetterList(c: Common): Promise<string> {
  return withRecord(c.dataDir, async (ctx) => {
    const list = ctx.data.letters.map((l) => ({ id: l.id, name: l.name, version: l.version }));
    return out(c, list, () => list.map((l) => `${l.id.padEnd(22)} ${l.name.zh} / ${l.name.en}`).join('\n'));
  });
}

export function runLetter(type: string, f: CaseFlags & Common & { out?: string; format?: 'md' | 'html' | 'pdf'; monthly?: string; policeStation?: string }): Promise<string> {
  return withRecord(f.dataDir, async (ctx) => {
    const letter = await letterFor(ctx, type, f);
    const format = f.format ?? (f.out?.endsWith('.html') ? 'html' : f.out?.endsWith('.pdf') ? 'pdf' : 'md');
    if (format === 'pdf') {
      if (!f.out) throw new UserError('BAD_INPUT', 'PDF 需要用 --out 指定文件', 'A PDF needs --out FILE');
      const { letterPdf } = await import('../act/pdf.js');
      await writeFile(f.out, await withCjkFont(() => letterPdf(letter)));
      return out(f, { out: f.out, letter }, () => `wrote ${f.out}`);
    }
    const text = format === 'html' ? letterHtml(letter) : letterMarkdown(letter);
    if (f.out) {
      await writeFile(f.out, text);
      return out(f, { out: f.out, letter }, () => `wrote ${f.out}`);
    }
    return f.json ? JSON.stringify(letter, null, 2) + '\n' : text;
  });
}

export function runProfile(f: Common & { name?: string; idTail?: string; phone?: string; show?: boolean }): Promise<string> {
  return withRecord(f.dataDir, async (ctx) => {
    if (!f.show) {
      if (!f.name || f.name.trim() === '') throw new UserError('BAD_INPUT', '请用 --name 填写姓名', 'Give your name with --name');
      if (f.idTail !== undefined && !/^[0-9Xx]{4}$/.test(f.idTail)) throw new UserError('BAD_INPUT', '--id-tail 只填身份证号后四位', '--id-tail takes only the last four characters of the ID number');
      await ctx.store.setProfile({ name: f.name.trim(), ...(f.idTail ? { id_tail: f.idTail.toUpperCase() } : {}), ...(f.phone ? { phone: f.phone } : {}) });
    }
    const p = await ctx.store.getProfile();
    return out(f, p ?? null, () => (p ? `${p.name}${p.id_tail ? ` (ID …${p.id_tail})` : ''}${p.phone ? `, ${p.phone}` : ''}` : '(no profile)'));
  });
}
