/**
 * 群众评价, the respondent's page at `/survey/<code>`: outside the login shell, no account. It calls
 * `/api/public/survey/<code>` without cookies (`credentials: 'omit'`), so a browser that happens to be
 * logged in sends no session and needs no CSRF token. One answer per code; a used code is refused.
 */
import { Alert, Button, Card, Input, Radio, Space, Typography } from 'antd';
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { getLang, useT } from '../../app/i18n.ts';
import type { PublicSurvey } from './api.ts';

const messages = {
  loading: ['正在打开问卷…', 'Opening the survey…'],
  intro: [
    '本评价匿名进行：您的回答不与评价码或您的身份关联，结果只以汇总形式使用。每个评价码只能提交一次。',
    'This survey is anonymous: your answer is not linked to the code or to you, and results are used only in aggregate. Each code answers once.',
  ],
  rateHint: ['请为每个单位打分：1 分最低，5 分最高；不了解的单位可不评。', 'Rate each unit from 1 (lowest) to 5 (highest); skip units you do not know.'],
  comment: ['意见建议（选填）', 'Comments (optional)'],
  submit: ['提交评价', 'Submit'],
  thanks: ['提交成功，感谢您的参与！', 'Thank you, your answer was counted.'],
  nothing: ['请至少为一个单位的全部问题打分', 'Rate every question for at least one unit'],
  title: ['群众评价', 'Public survey'],
} satisfies Record<string, [string, string]>;

type Ratings = Record<number, Record<number, number>>;

async function call<T>(code: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/public/survey/${encodeURIComponent(code)}`, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'omit',
    headers: { Accept: 'application/json', 'Accept-Language': getLang(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new Error(json.message ?? String(res.status));
  return json;
}

/** The public survey page. */
export default function PublicSurveyPage() {
  const t = useT(messages);
  const code = useParams().code ?? '';
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ratings, setRatings] = useState<Ratings>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    call<PublicSurvey>(code).then(setSurvey, (e: Error) => setError(e.message));
  }, [code]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!survey) return;
    const complete = survey.units
      .filter((u) => survey.questions.every((_, q) => ratings[u.id]?.[q]))
      .map((u) => ({ unitId: u.id, ratings: survey.questions.map((_, q) => ratings[u.id]![q]!) }));
    if (!complete.length) return setError(t('nothing'));
    setBusy(true);
    setError(null);
    call(code, { ratings: complete, comment: comment.trim() || null }).then(
      () => setDone(true),
      (e: Error) => {
        setError(e.message);
        setBusy(false);
      },
    );
  };

  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>
      <Card title={<h1 style={{ fontSize: 18, margin: 0, whiteSpace: 'normal' }}>{survey?.title ?? t('title')}</h1>}>
        {survey && <Typography.Paragraph type="secondary">{survey.schemeName}</Typography.Paragraph>}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
        {done && <Alert type="success" showIcon message={t('thanks')} role="status" />}
        {!survey && !error && <p aria-busy="true">{t('loading')}</p>}
        {survey && !done && (
          <form onSubmit={submit}>
            <Alert type="info" message={t('intro')} style={{ marginBottom: 12 }} />
            <Typography.Paragraph>{t('rateHint')}</Typography.Paragraph>
            {survey.units.map((u) => (
              <fieldset key={u.id} style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '8px 12px', marginBottom: 12 }}>
                <legend style={{ fontWeight: 600, fontSize: 15, width: 'auto', margin: 0, padding: '0 4px', border: 0 }}>{u.name}</legend>
                {survey.questions.map((q, qi) => {
                  const id = `q-${u.id}-${qi}`;
                  return (
                    <div key={qi} style={{ marginBottom: 8 }}>
                      <div id={id} style={{ marginBottom: 4 }}>
                        {q}
                      </div>
                      <Radio.Group
                        aria-labelledby={id}
                        optionType="button"
                        value={ratings[u.id]?.[qi]}
                        onChange={(e) => setRatings((r) => ({ ...r, [u.id]: { ...r[u.id], [qi]: e.target.value as number } }))}
                        options={[1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v) }))}
                      />
                    </div>
                  );
                })}
              </fieldset>
            ))}
            <label htmlFor="survey-comment" style={{ display: 'block', marginBottom: 4 }}>
              {t('comment')}
            </label>
            <Input.TextArea id="survey-comment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" htmlType="submit" loading={busy} size="large">
                {t('submit')}
              </Button>
            </Space>
          </form>
        )}
      </Card>
    </main>
  );
}
