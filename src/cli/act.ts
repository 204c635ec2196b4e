/** `dunguard route`, `dunguard letter list|TYPE`, `dunguard profile set|show`: acting on the record. */
import { letterHtml, letterMarkdown } from '../act/letter.js';
import { UserError, requireOutFile, writeOutFile } from './io.js';
import { say } from '../present/words.js';
import type { Lang } from './format.js';
import { out, type Common } from './output.js';
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
  }, { existing: true });
}

export function runLetterList(c: Common): Promise<string> {
  return withRecord(c.dataDir, async (ctx) => {
    const list = ctx.data.letters.map((l) => ({ id: l.id, name: l.name, version: l.version }));
    return out(c, list, () =>
      [
        say(c.lang, '可以生成的信函（用 dunguard letter 类型 生成，例如 dunguard letter regulator-complaint）：', 'Letters you can make (dunguard letter TYPE, e.g. dunguard letter regulator-complaint):'),
        ...list.map((l) => `  ${l.id.padEnd(22)} ${say(c.lang, l.name.zh, l.name.en)}`),
      ].join('\n'),
    );
  });
}

export function runLetter(type: string, f: CaseFlags & Common & { out?: string; format?: 'md' | 'html' | 'pdf'; monthly?: string; policeStation?: string }): Promise<string> {
  return withRecord(f.dataDir, async (ctx) => {
    const endings = { pdf: ['.pdf'], html: ['.html', '.htm'], md: ['.md', '.txt'] } as const;
    if (f.out !== undefined) await requireOutFile(f.out, f.format ? endings[f.format] : [...endings.pdf, ...endings.html, ...endings.md], { zh: '信函', en: 'the letter' });
    const letter = await letterFor(ctx, type, f);
    const format = f.format ?? (/\.html?$/i.test(f.out ?? '') ? 'html' : /\.pdf$/i.test(f.out ?? '') ? 'pdf' : 'md');
    if (format === 'pdf') {
      if (!f.out) throw new UserError('BAD_INPUT', 'PDF 要保存成文件：请用 --out 给出文件名，例如 --out 投诉信.pdf', 'A PDF needs --out FILE');
      const { letterPdf } = await import('../act/pdf.js');
      const pdf = await withCjkFont(() => letterPdf(letter));
      await writeOutFile(f.out, pdf);
      return out(f, { out: f.out, letter }, () => say(f.lang, `已保存到 ${f.out}`, `wrote ${f.out}`));
    }
    const text = format === 'html' ? letterHtml(letter) : letterMarkdown(letter);
    if (f.out) {
      await writeOutFile(f.out, text);
      return out(f, { out: f.out, letter }, () => say(f.lang, `已保存到 ${f.out}`, `wrote ${f.out}`));
    }
    return f.json ? JSON.stringify(letter, null, 2) + '\n' : text;
  }, { existing: true });
}

export function runProfile(f: Common & { name?: string; idTail?: string; phone?: string; show?: boolean }): Promise<string> {
  return withRecord(f.dataDir, async (ctx) => {
    const setting = f.name !== undefined || f.idTail !== undefined || f.phone !== undefined;
    if (!f.show && setting) {
      if (!f.name || f.name.trim() === '') throw new UserError('BAD_INPUT', '请用 --name 填写姓名，例如 dunguard profile --name 张三 --id-tail 123X（只看已保存的信息用 --show）', 'Give your name with --name, e.g. dunguard profile --name "Zhang San" --id-tail 123X (--show only shows)');
      if (f.idTail !== undefined && !/^[0-9Xx]{4}$/.test(f.idTail)) throw new UserError('BAD_INPUT', '--id-tail 只填身份证号的最后四位（数字或 X），不要填完整号码', '--id-tail takes only the last four characters of the ID number');
      await ctx.store.setProfile({ name: f.name.trim(), ...(f.idTail ? { id_tail: f.idTail.toUpperCase() } : {}), ...(f.phone ? { phone: f.phone } : {}) });
    }
    const p = await ctx.store.getProfile();
    return out(f, p ?? null, () =>
      p
        ? say(f.lang, `${setting && !f.show ? '已保存。' : ''}本人信息：${p.name}${p.id_tail ? `（身份证号后四位 ${p.id_tail}）` : ''}${p.phone ? `，电话 ${p.phone}` : ''}（只保存在本机）`, `${p.name}${p.id_tail ? ` (ID …${p.id_tail})` : ''}${p.phone ? `, ${p.phone}` : ''}`)
        : say(f.lang, '还没有填写本人信息。用 dunguard profile --name 您的姓名 --id-tail 身份证号后四位 填写。', '(no profile) Set it with dunguard profile --name "Your Name" --id-tail LAST4'),
    );
  }, { existing: f.name === undefined && f.idTail === undefined && f.phone === undefined });
}
