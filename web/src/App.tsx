/** The page shell: language switch, navigation between the five pages (hash routes), privacy note. */
import { Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { LangContext, type Lang, useT } from './i18n.js';
import { CheckPage } from './pages/CheckPage.js';
import { RecordPage } from './pages/RecordPage.js';
import { DebtsPage } from './pages/DebtsPage.js';
import { LettersPage } from './pages/LettersPage.js';
import { LawPage } from './pages/LawPage.js';
import { backend } from './backend/backend.js';

/**
 * The multi-user service's login and case choice (hosted/Hosted.tsx), wrapped around the pages:
 * given by the entry point only when the server says it runs multi-user (main.tsx), so the
 * offline app never carries it.
 */
export type HostedGate = ComponentType<{ lang: Lang; setLang: (l: Lang) => void; children: (bar: ReactNode, footer: string) => ReactNode }>;

const PAGES = {
  check: { key: 'nav_check', view: CheckPage },
  record: { key: 'nav_record', view: RecordPage },
  debts: { key: 'nav_debts', view: DebtsPage },
  letters: { key: 'nav_letters', view: LettersPage },
  law: { key: 'nav_law', view: LawPage },
} as const;
type PageId = keyof typeof PAGES;

const pageOf = (hash: string): PageId => {
  const id = hash.replace(/^#\/?/, '').split(/[?&]/)[0] as PageId;
  return id in PAGES ? id : 'check';
};

function Shell({ lang, setLang, caseBar, footer }: { lang: Lang; setLang: (l: Lang) => void; caseBar?: ReactNode; footer?: string }) {
  const t = useT();
  const [page, setPage] = useState<PageId>(pageOf(location.hash));
  useEffect(() => {
    const on = () => setPage(pageOf(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const View = PAGES[page].view;
  return (
    <>
      <button type="button" className="skip" onClick={() => document.getElementById('main')?.focus()}>
        {lang === 'zh' ? '跳到正文' : 'Skip to content'}
      </button>
      <header>
        <p className="brand">
          <strong>{t('app_name')}</strong>
          {backend().kind === 'local' && <span className="badge">{t('offline_app')}</span>} <span className="hint">{t('tagline')}</span>
        </p>
        <button type="button" className="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('lang_switch')}
        </button>
        <nav aria-label={lang === 'zh' ? '页面' : 'Pages'}>
          {(Object.keys(PAGES) as PageId[]).map((id) => (
            <a key={id} href={`#/${id}`} aria-current={id === page ? 'page' : undefined}>
              {t(PAGES[id].key)}
            </a>
          ))}
        </nav>
      </header>
      {caseBar}
      <main id="main" tabIndex={-1}>
        <View />
      </main>
      <footer className="hint">{footer ?? t('privacy')}</footer>
    </>
  );
}

export function App({ hosted: Gate }: { hosted?: HostedGate }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('dunguard-lang') === 'en' ? 'en' : 'zh'));
  const setLang = (l: Lang) => {
    localStorage.setItem('dunguard-lang', l);
    setLangState(l);
  };
  return (
    <LangContext.Provider value={lang}>
      {Gate ? (
        // The multi-user service: a login and a case first, then the same pages within that case.
        <Suspense fallback={null}>
          <Gate lang={lang} setLang={setLang}>
            {(bar, footer) => <Shell lang={lang} setLang={setLang} caseBar={bar} footer={footer} />}
          </Gate>
        </Suspense>
      ) : (
        <Shell lang={lang} setLang={setLang} />
      )}
    </LangContext.Provider>
  );
}
