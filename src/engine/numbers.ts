/**
 * Caller-number inspection: normalises what a person typed (+86, 0086, spaces, dashes,
 * full-width digits) and says what kind of number it is. The kind is a weak signal only:
 * it can make a call more suspicious, never genuine (numbers can be spoofed).
 */
import type { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { NumberInfo, NumberKind } from './schemas/result.js';
import type { NumberPlan, OfficialNumbers } from './schemas/numbers.js';

export interface NumberData {
  readonly plan: NumberPlan;
  readonly official: OfficialNumbers;
  /** libphonenumber-js (its "max" metadata), passed in so that it loads only when needed. */
  readonly parse: typeof parsePhoneNumberFromString;
}

const MAX_INPUT = 64;

const memo = new WeakMap<NumberData, Map<string, NumberInfo>>();

/** inspectNumber, remembered per number: a call log repeats the same few numbers thousands of times. */
export function inspectNumberCached(raw: string, data: NumberData): NumberInfo {
  let m = memo.get(data);
  if (m === undefined) {
    m = new Map();
    memo.set(data, m);
  }
  let info = m.get(raw);
  if (info === undefined) {
    info = inspectNumber(raw, data);
    if (m.size > 50_000) m.clear();
    m.set(raw, info);
  }
  return info;
}

export function inspectNumber(raw: string, data: NumberData): NumberInfo {
  const input = raw.slice(0, MAX_INPUT);
  // Full-width and other-script digits to ASCII; drop spaces, dashes, dots and brackets.
  const folded = input.normalize('NFKC').trim();
  const flags: string[] = [];
  const notes = { zh: [] as string[], en: [] as string[] };
  const signals: { id: string; weight: number }[] = [];
  const signal = (id: string): void => {
    const s = data.plan.signals.find((x) => x.id === id);
    if (s !== undefined) signals.push({ id, weight: s.weight });
  };
  const result = (kind: NumberKind, normalised: string, extra: Partial<NumberInfo> = {}): NumberInfo => ({
    input: raw,
    normalised,
    kind,
    flags,
    notes,
    signals,
    ...extra,
  });

  if (raw.length > MAX_INPUT || !/^[+\d\s\-().]*$/.test(folded) || !/\d/.test(folded)) {
    flags.push('not_a_number');
    notes.zh.push('输入的不是电话号码。');
    notes.en.push('The input is not a phone number.');
    signal('NUMBER.MALFORMED');
    return result('malformed', folded.replace(/[^\d+]/g, '').slice(0, MAX_INPUT));
  }
  let digits = folded.replace(/[\s\-().]/g, '');
  if (/^\+00/.test(digits) || /^\+0/.test(digits)) {
    flags.push('odd_prefix');
    notes.zh.push('号码带有“+0”类异常前缀，常见于改号软件或网络电话。');
    notes.en.push('The number has an odd "+0" prefix, typical of spoofing software or internet calls.');
    signal('NUMBER.SUSPICIOUS_FORMAT');
    return result('malformed', digits);
  }
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('+') || digits.startsWith('00')) {
    const e164 = digits.startsWith('+') ? digits : '+' + digits.slice(2);
    const parsed = data.parse(e164);
    flags.push('international');
    notes.zh.push('这是境外号码。');
    notes.en.push('This is an international number.');
    signal('NUMBER.INTERNATIONAL');
    if (parsed === undefined || !parsed.isValid()) {
      flags.push('invalid');
      return result('international', e164);
    }
    return result('international', parsed.number, parsed.country ? { country: parsed.country } : {});
  }
  if (digits.includes('+')) {
    flags.push('invalid');
    signal('NUMBER.MALFORMED');
    return result('malformed', digits);
  }

  const official = data.official.numbers.find((n) => n.number === digits);
  const officialInfo =
    official === undefined
      ? undefined
      : { name: official.name, purpose: official.purpose, source: official.source, strength: official.strength };
  if (official?.anti_fraud === true) {
    flags.push('official_anti_fraud');
    signal('NUMBER.OFFICIAL_ANTI_FRAUD');
  }

  const plan = data.plan;
  const len = digits.length;
  if (digits.startsWith(plan.sms_port_prefix.prefix) && len >= plan.sms_port_prefix.min_length && len <= plan.sms_port_prefix.max_length) {
    notes.zh.push('106开头的是短信端口号，企业群发短信使用；端口号本身不能证明发送者身份。');
    notes.en.push('106 numbers are SMS ports used for bulk business messages; the port alone proves nothing about the sender.');
    return result('sms_port', digits, officialInfo ? { official: officialInfo } : {});
  }
  if (digits.startsWith(plan.government_prefix.prefix) && plan.government_prefix.lengths.includes(len)) {
    return result('government', digits, officialInfo ? { official: officialInfo } : {});
  }
  if (plan.service_prefixes.prefixes.some((p) => digits.startsWith(p)) && plan.service_prefixes.lengths.includes(len)) {
    notes.zh.push('95/96开头的是企业或机构的服务号码。来电显示可以伪造，请挂断后自己拨打官方号码核实。');
    notes.en.push('95/96 numbers are service numbers of companies or institutions. Caller ID can be spoofed: hang up and call the official number yourself.');
    return result('service', digits, officialInfo ? { official: officialInfo } : {});
  }
  if (len >= plan.short_numbers.min_length && len <= plan.short_numbers.max_length) {
    return result('short', digits, officialInfo ? { official: officialInfo } : {});
  }
  const parsed = data.parse(digits, 'CN');
  const type = parsed?.isValid() ? parsed.getType() : undefined;
  if (type === 'TOLL_FREE' || (type === 'SHARED_COST' && /^400/.test(digits)) || /^(400|800)\d{7}$/.test(digits)) {
    return result('toll_free', digits);
  }
  if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') {
    if (plan.virtual_operator_prefixes.prefixes.some((p) => digits.startsWith(p))) {
      flags.push('virtual_operator');
      notes.zh.push('虚拟运营商号段，常被用于骚扰和诈骗，但只是弱信号。');
      notes.en.push('A virtual-operator range, often used for nuisance and scam calls — a weak sign only.');
      signal('NUMBER.VIRTUAL_OPERATOR');
    }
    return result('mobile', digits);
  }
  if (type === 'FIXED_LINE') {
    const areaLen = /^0(10|2\d)/.test(digits) ? 3 : 4;
    return result('fixed_line', digits, { area_code: digits.slice(0, areaLen) });
  }
  if (len > 12) {
    flags.push('too_long');
    notes.zh.push('号码位数过长，可能是改号或网络电话。');
    notes.en.push('The number is too long; it may be spoofed or an internet call.');
    signal('NUMBER.SUSPICIOUS_FORMAT');
  } else {
    flags.push('invalid');
    notes.zh.push('不是有效的中国电话号码。');
    notes.en.push('Not a valid Chinese phone number.');
    signal('NUMBER.MALFORMED');
  }
  return result('malformed', digits);
}
