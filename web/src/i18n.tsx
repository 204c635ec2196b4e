/**
 * The page's own words in Chinese (first) and English. Domain texts — verdicts, reasons,
 * law, advice — come from the server already in both languages; this file holds only the
 * interface's labels.
 */
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

const T = {
  app_name: { zh: '催收识别', en: 'dunguard' },
  tagline: { zh: '分辨正常催收、违规催收和冒充催收的诈骗', en: 'Tell genuine collection from rule-breaking collection and from scams' },
  nav_check: { zh: '检查', en: 'Check' },
  nav_record: { zh: '记录', en: 'Record' },
  nav_debts: { zh: '我的借款', en: 'My debts' },
  nav_letters: { zh: '投诉与信函', en: 'Letters' },
  nav_law: { zh: '法律知识', en: 'Law' },
  lang_switch: { zh: 'English', en: '中文' },
  offline_app: { zh: '离线版', en: 'Offline app' },
  privacy: { zh: '所有数据只保存在本机，除非你自己导出。', en: 'Everything stays on this machine unless you export it.' },
  // check
  check_title: { zh: '检查短信或通话内容', en: 'Check a message or call' },
  check_text: { zh: '短信或通话内容', en: 'Message or call transcript' },
  check_text_hint: { zh: '把收到的短信或对方说的话粘贴到这里，停止输入后自动检查。', en: 'Paste the message or what the caller said; it is checked when you stop typing.' },
  check_number: { zh: '来电或短信号码（可选）', en: "Caller's number (optional)" },
  check_date: { zh: '日期（可选）', en: 'Date (optional)' },
  check_button: { zh: '检查', en: 'Check' },
  checking: { zh: '正在检查…', en: 'Checking…' },
  confidence: { zh: '把握', en: 'Confidence' },
  matched: { zh: '标出的词句（点一下看原因）', en: 'Matched phrases (tap one for the reason)' },
  reasons: { zh: '判断理由', en: 'Why' },
  law: { zh: '法律依据', en: 'Legal basis' },
  next_steps: { zh: '下一步怎么做', en: 'What to do next' },
  questions: { zh: '可以问对方的问题', en: 'Questions to ask the caller' },
  never_do: { zh: '千万不要', en: 'Never' },
  number_info: { zh: '号码', en: 'Number' },
  effective: { zh: '施行', en: 'in force' },
  until: { zh: '至', en: 'until' },
  source: { zh: '来源', en: 'Source' },
  publisher: { zh: '发布机关', en: 'Issued by' },
  summary_only: { zh: '（仅有摘要，未核实原文，不作引用）', en: '(summary only: text not verified, not quoted)' },
  save_to_record: { zh: '保存到记录', en: 'Save to record' },
  save_kind: { zh: '类型', en: 'Kind' },
  save_time: { zh: '时间', en: 'Time' },
  save_time_noon: { zh: '上面只填了日期，时间先按中午12:00记；知道具体时间请改一下（夜间联系按时间统计）。', en: 'Only a date was given above, so the time is set to 12:00 noon; change it if you know the time (night contacts are counted by time).' },
  save_screenshot: { zh: '附上截图或录音（可选）', en: 'Attach a screenshot or recording (optional)' },
  save_confirm: { zh: '保存', en: 'Save' },
  saved: { zh: '已保存到记录', en: 'Saved to the record' },
  files_attached: { zh: '个文件已附上', en: 'file(s) attached' },
  checklist: { zh: '通话中核对清单', en: 'Live-call checklist' },
  checklist_hint: { zh: '通话时问对方下面的问题，把回答填进来，判断会随之更新。', en: 'Ask the caller these questions and fill in the answers; the verdict updates.' },
  q_company: { zh: '对方说出公司全称了吗？', en: 'Did they give the full company name?' },
  q_employee: { zh: '对方给出工号了吗？', en: 'Did they give an employee number?' },
  q_contract: { zh: '对方说得出你的合同号/借款编号吗？', en: 'Could they give your contract or loan number?' },
  q_platform: { zh: '对方说是哪个借款平台？', en: 'Which lending platform did they name?' },
  a_unasked: { zh: '还没问', en: 'Not asked' },
  a_refused: { zh: '问了，不肯说', en: 'Asked, refused' },
  a_gave: { zh: '说了：', en: 'Gave:' },
  // record
  record_title: { zh: '来电和短信记录', en: 'Calls and messages' },
  add_event: { zh: '快速添加一条', en: 'Add one quickly' },
  kind: { zh: '类型', en: 'Kind' },
  time: { zh: '时间', en: 'Time' },
  number: { zh: '号码', en: 'Number' },
  platform: { zh: '自称平台/公司', en: 'Claimed platform/company' },
  contacted: { zh: '被联系的人', en: 'Who was contacted' },
  disclosed: { zh: '向对方透露了我的欠款', en: 'The debt was disclosed to them' },
  content: { zh: '内容', en: 'Content' },
  notes: { zh: '备注', en: 'Notes' },
  add: { zh: '添加', en: 'Add' },
  filters: { zh: '筛选', en: 'Filter' },
  from: { zh: '从', en: 'From' },
  to: { zh: '到', en: 'To' },
  all_kinds: { zh: '全部类型', en: 'All kinds' },
  no_events: { zh: '还没有记录。', en: 'No events yet.' },
  per_day: { zh: '每天联系次数', en: 'Contacts per day' },
  per_hour: { zh: '各时段联系次数（阴影为夜间）', en: 'Contacts per hour (night shaded)' },
  findings: { zh: '发现的问题', en: 'What the record shows' },
  drop_here: { zh: '把截图或录音拖到这里，或点此选择文件', en: 'Drop a screenshot or recording here, or click to choose' },
  evidence: { zh: '证据', en: 'Evidence' },
  verify: { zh: '校验记录', en: 'Verify the record' },
  intact: { zh: '记录完整，未被改动', en: 'The record is intact' },
  not_intact: { zh: '记录校验未通过', en: 'The record does NOT verify' },
  export: { zh: '导出证据包（zip）', en: 'Export evidence package (zip)' },
  report_pdf: { zh: '下载骚扰报告（PDF）', en: 'Download harassment report (PDF)' },
  report_pdf_zh: { zh: '下载骚扰报告（中文 PDF）', en: 'Download the report in Chinese (PDF, to send to the authorities)' },
  delete: { zh: '删除', en: 'Delete' },
  edit: { zh: '修改', en: 'Edit' },
  // debts
  debts_title: { zh: '我的借款', en: 'My debts' },
  add_debt: { zh: '添加一笔借款', en: 'Add a loan' },
  lender: { zh: '借款平台/出借人', en: 'Lender' },
  lender_kind: { zh: '出借人类型', en: 'Kind of lender' },
  principal: { zh: '合同金额（元）', en: 'Amount on the contract (yuan)' },
  received: { zh: '实际到手（元）', en: 'Amount actually received (yuan)' },
  loan_date: { zh: '借款日期', en: 'Loan date' },
  instalments: { zh: '分几期（按月）', en: 'Monthly instalments' },
  instalment_amount: { zh: '每期还款（元）', en: 'Each instalment (yuan)' },
  contract_no: { zh: '合同号（可选）', en: 'Contract no. (optional)' },
  true_rate: { zh: '真实年利率', en: 'True annual rate' },
  owed: { zh: '尚欠', en: 'Owed' },
  next_due: { zh: '下次还款', en: 'Next due' },
  limitation: { zh: '诉讼时效', en: 'Limitation period' },
  overdue: { zh: '逾期自', en: 'Overdue since' },
  days: { zh: '天', en: 'days' },
  expired: { zh: '可能已过（这是可以提出的抗辩，不是债务消失）', en: 'may have expired (a defence to raise, not an erased debt)' },
  no_debts: { zh: '还没有借款。添加后，来电说的金额和平台可以和账本核对。', en: 'No debts yet. Once added, callers’ claims are checked against them.' },
  total_owed: { zh: '合计尚欠', en: 'Total owed' },
  pay: { zh: '记一笔还款、费用或结清', en: 'Record a payment, fee or settlement' },
  change_kind: { zh: '记什么', en: 'What happened' },
  fee_what: { zh: '费用名目', en: 'What the fee was for' },
  event_kind: { zh: '哪种情况', en: 'Which' },
  on_date: { zh: '日期', en: 'Date' },
  amount: { zh: '金额（元）', en: 'Amount (yuan)' },
  // letters
  letters_title: { zh: '投诉与信函', en: 'Complaints and letters' },
  profile: { zh: '本人信息（只保存在本机，用于填写信函）', en: 'Your details (kept on this machine, used in letters)' },
  name: { zh: '姓名', en: 'Name' },
  id_tail: { zh: '身份证后四位（可选）', en: 'Last 4 of ID number (optional)' },
  phone: { zh: '联系电话（可选）', en: 'Phone (optional)' },
  save: { zh: '保存', en: 'Save' },
  situation: { zh: '你的情况', en: 'Your situation' },
  lost_money: { zh: '已经被骗转了钱', en: 'I already paid money to a scammer' },
  credit_problem: { zh: '征信（信用报告）有问题', en: 'A problem with my credit report' },
  recommended: { zh: '建议的渠道', en: 'Recommended channels' },
  letter_type: { zh: '信函类型', en: 'Letter' },
  preview: { zh: '预览', en: 'Preview' },
  download_pdf: { zh: '下载 PDF', en: 'Download PDF' },
  no_routes: { zh: '记录里还没有需要投诉或报案的情况。', en: 'Nothing in the record calls for a complaint yet.' },
  // law
  law_title: { zh: '法律知识', en: 'The law' },
  search: { zh: '搜索法条', en: 'Search provisions' },
  faq: { zh: '常见问题', en: 'Common questions' },
  in_force_on: { zh: '在此日期有效', en: 'In force on' },
  cites: { zh: '依据', en: 'Based on' },
  results: { zh: '条', en: 'provisions' },
} satisfies Record<string, { zh: string; en: string }>;

export type Key = keyof typeof T;

export const LangContext = createContext<Lang>('zh');

export function useT(): (k: Key) => string {
  const lang = useContext(LangContext);
  return (k) => T[k][lang];
}

export function useLang(): Lang {
  return useContext(LangContext);
}

export { EVENT_KIND_LABEL as KIND_LABEL, CERTAINTY_LABEL, CONTACTED_LABEL, LENDER_KIND_LABEL, NUMBER_KIND_LABEL, toldLabel, VERDICT_LABEL } from '../../src/record/labels.js';


export const VERDICT_CLASS: Record<string, string> = {
  scam: 'v-scam',
  collection_violation: 'v-violation',
  collection: 'v-collection',
  other: 'v-other',
  suspicious: 'v-suspicious',
  uncertain: 'v-uncertain',
};
