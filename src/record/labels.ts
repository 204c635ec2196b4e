/**
 * The names of event kinds and of the people a collector contacted, in Chinese and English:
 * one table for letters, the harassment report and the page (which imports it).
 */
import type { Bilingual } from '../engine/schemas/common.js';
import type { Contacted, EventKind } from './schemas.js';

export const EVENT_KIND_LABEL: Record<EventKind, Bilingual> = {
  call_incoming: { zh: '来电（接通）', en: 'Call (answered)' },
  call_outgoing: { zh: '去电', en: 'Call (outgoing)' },
  call_missed: { zh: '未接来电', en: 'Missed call' },
  call_unanswered: { zh: '未接通', en: 'Call not connected' },
  sms: { zh: '短信', en: 'SMS' },
  app_notice: { zh: 'App通知', en: 'App notice' },
  visit: { zh: '上门', en: 'Visit' },
  third_party: { zh: '联系第三人', en: 'Third party contacted' },
};

export const CONTACTED_LABEL: Record<Contacted, Bilingual> = {
  borrower: { zh: '本人', en: 'Me' },
  family: { zh: '家人', en: 'Family' },
  employer: { zh: '单位', en: 'Employer' },
  colleague: { zh: '同事', en: 'Colleague' },
  contacts_list: { zh: '通讯录联系人', en: 'People in my contacts' },
  other: { zh: '其他人', en: 'Someone else' },
};
