/**
 * "From a screenshot" on the check page: pick a screenshot, its text is read (POST /api/ocr:
 * on the computer by the server, Tesseract in a worker thread — in the multi-user service the
 * same, within the open case (POST /api/cases/<id>/ocr); in the offline app by
 * tesseract.js in the browser), and the text goes into the message box for the person to
 * compare with the image — shown beside it — and correct before it is checked; the screenshot
 * is kept to be attached as evidence when the event is saved. In the offline app a screenshot
 * shared to the app (Android's share sheet) arrives here the same way, and a tap on the picker
 * starts the reader while the person is still choosing. The text is untrusted:
 * it only ever goes into the text box (React escapes it; links in it are never made clickable).
 */
import { useEffect, useState } from 'react';
import { api, ApiError, inBrowserOnly, sharedScreenshot, warmScreenshotReader } from '../api.js';
import { ErrorBox, Field } from './Field.js';
import { useLang } from '../i18n.js';

const W = {
  label: { zh: '从截图识别', en: 'From a screenshot' },
  hint: {
    zh: '选一张短信或聊天的截图（PNG 或 JPEG），识别出的文字会放进下面的框里。识别可能有误，请对照截图改正；浅灰色的时间等小字常常认不出来。',
    en: 'Choose a screenshot of the message or chat (PNG or JPEG); its text goes into the box below. OCR can misread: compare with the image and correct it; light-grey times and small print are often missed.',
  },
  busy: { zh: '正在识别截图里的文字…', en: 'Reading the screenshot…' },
  first: {
    zh: '第一次识别要下载识别用的数据（约 3 MB，只下载一次），以后没有网络也能识别。',
    en: 'The first screenshot downloads the recognition data (about 3 MB, once); after that it works without the network.',
  },
  shot: { zh: '要识别的截图', en: 'The screenshot being read' },
  noShare: { zh: '没有收到分享过来的图片：请在相册里再分享一次，或在这里选择截图。', en: 'No shared image arrived: share it again from the gallery, or choose the screenshot here.' },
  done: { zh: '已识别。请对照截图核对并改正下面的文字；保存到记录时，这张截图会作为证据一起保存。', en: 'Done. Compare the text below with the screenshot and correct it; saving to the record keeps the screenshot as evidence.' },
  empty: { zh: '没有从这张截图里识别出文字：请换一张更清晰的截图，或直接输入文字。', en: 'No text was recognised: try a sharper screenshot, or type the text.' },
} as const;

/** Whether this page load's shared screenshot was already read (the check page may be opened again). */
let sharedTaken = false;

export function ScreenshotOcr({ onText }: { onText: (text: string, shot: File) => void }) {
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'done' | 'empty' | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [preview, setPreview] = useState<string | undefined>();
  const [noShare, setNoShare] = useState(false);

  const read = async (file: File | undefined) => {
    if (!file) return;
    setPreview(URL.createObjectURL(file));
    setNoShare(false);
    setBusy(true);
    setDone(undefined);
    setError(undefined);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      const r = await api<{ text: string }>('POST', '/api/ocr', fd);
      if (/\S/.test(r.text)) {
        onText(r.text, file);
        setDone('done');
      } else setDone('empty');
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  // A screenshot shared to the offline app: read as if it had been picked here.
  useEffect(() => {
    let live = true;
    void sharedScreenshot().then((f) => {
      if (!live || f === undefined || sharedTaken) return;
      sharedTaken = true;
      if (f === null) setNoShare(true);
      else void read(f);
    });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  return (
    <div className="ocr">
      {/* The screenshot as a thumbnail beside the file field: on a phone it adds no height above the verdict. */}
      {preview && <img className="ocr-shot" src={preview} alt={W.shot[lang]} data-testid="ocr-shot" />}
      <Field label={W.label[lang]} hint={W.hint[lang]}>
        {(id, hint) => <input id={id} type="file" accept="image/png,image/jpeg" aria-describedby={hint} disabled={busy} onClick={warmScreenshotReader} onChange={(e) => void read(e.target.files?.[0])} />}
      </Field>
      {noShare && (
        <p className="error" role="alert">
          {W.noShare[lang]}
        </p>
      )}
      {busy && (
        <p role="status">
          {W.busy[lang]}
          {inBrowserOnly() && <span className="ocr-first"> {W.first[lang]}</span>}
        </p>
      )}
      {done && !busy && (
        <p className={done === 'done' ? 'ok' : 'error'} role="status">
          {W[done][lang]}
        </p>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
