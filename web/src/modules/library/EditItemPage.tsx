/**
 * 编辑条目: the filer or a head of the owner unit changes an item (title, kind, source, 密级 +
 * 保密期限, scope, keywords, summary, content) and adds attachments. Only the changed fields are
 * sent, with the version that was loaded: a concurrent edit answers 409 and the page offers to reload.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, List, Space, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { uploadItemFile, useItem, type ItemDetail } from './api.ts';
import { itemBody, ItemFields, type ItemFormValues } from './ItemForm.tsx';
import { libraryMessages } from './messages.ts';

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

function valuesOf(d: ItemDetail): ItemFormValues {
  return {
    title: d.title,
    kind: d.kind,
    source: d.source,
    level: d.level,
    secrecyPeriod: d.secrecyPeriod,
    date: dayjs(d.date),
    keywords: d.keywords,
    summary: d.summary,
    content: d.content ?? '',
    scope: d.scope === 'everyone' ? 'everyone' : 'scoped',
    scopeUnitIds: d.scopeUnits.map((u) => u.id),
    scopeUserIds: d.scopeUsers.map((u) => u.id),
    catalog: d.catalog,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);

/** The fields of `next` that differ from `before` (the scope travels whole: kind and members). */
function changedFields(before: ReturnType<typeof itemBody>, next: ReturnType<typeof itemBody>): Partial<ReturnType<typeof itemBody>> {
  const out: Record<string, unknown> = {};
  for (const k of ['title', 'kind', 'source', 'level', 'secrecyPeriod', 'date', 'keywords', 'summary', 'content', 'catalog'] as const)
    if (!same(before[k], next[k])) out[k] = next[k];
  if (
    before.scope !== next.scope ||
    !same(sorted(before.scopeUnitIds), sorted(next.scopeUnitIds)) ||
    !same(sorted(before.scopeUserIds), sorted(next.scopeUserIds))
  ) {
    out.scope = next.scope;
    out.scopeUnitIds = next.scopeUnitIds;
    out.scopeUserIds = next.scopeUserIds;
  }
  return out;
}

function EditForm({ d, attachments, onReload }: { d: ItemDetail; attachments: ItemDetail['attachments']; onReload: () => Promise<unknown> }) {
  const t = useT(libraryMessages);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<ItemFormValues>();
  const initial = useMemo(() => valuesOf(d), [d]);
  const [saving, setSaving] = useState(false);
  const [stale, setStale] = useState(false);

  const save = async () => {
    const v = await form.validateFields();
    const patch = changedFields(itemBody(initial), itemBody(v));
    if (Object.keys(patch).length === 0) {
      message.info(t('noChange'));
      return;
    }
    setSaving(true);
    try {
      await api(`/api/library/items/${d.id}`, { method: 'PATCH', body: { version: d.version, ...patch } });
      message.success(t('saved'));
      await qc.invalidateQueries({ queryKey: ['library'] });
      await qc.invalidateQueries({ queryKey: ['search'] });
      void navigate(`/library/items/${d.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setStale(true);
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const upload = async (file: File) => {
    try {
      await uploadItemFile(d.id, file);
      message.success(t('done'));
      await qc.invalidateQueries({ queryKey: ['library', 'item', d.id] });
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 760 }} initialValues={initial}>
      {stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="stale-alert"
          style={{ marginBottom: 16 }}
          title={t('staleTitle')}
          description={t('staleHelp')}
          action={
            <Button size="small" onClick={() => void onReload()} data-testid="stale-reload">
              {t('reload')}
            </Button>
          }
        />
      )}
      <ItemFields currentLevel={d.level} />
      <Card size="small" title={t('attachments')} style={{ marginBottom: 16 }}>
        <List
          size="small"
          locale={{ emptyText: t('empty') }}
          dataSource={attachments}
          renderItem={(a) => (
            <List.Item>
              <a href={`/api/library/items/${d.id}/files/${a.id}`}>{a.filename}</a>
              <Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
            </List.Item>
          )}
        />
        <Space style={{ marginTop: 8 }}>
          <Upload showUploadList={false} customRequest={({ file }) => void upload(file as File)}>
            <Button size="small">{t('upload')}</Button>
          </Upload>
          <Typography.Text type="secondary">{t('attachmentsHelp')}</Typography.Text>
        </Space>
      </Card>
      <Space>
        <Button type="primary" loading={saving} disabled={stale} onClick={save} data-testid="item-save">
          {t('save')}
        </Button>
        <Button onClick={() => navigate(`/library/items/${d.id}`)}>{t('cancel')}</Button>
      </Space>
    </Form>
  );
}

export default function EditItemPage() {
  const t = useT(libraryMessages);
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const item = useItem(id);
  // the form edits the version it was loaded with: a background refetch must not swap it
  // underneath the user (that would hide a concurrent edit); only 重新加载 takes the new one
  const [loaded, setLoaded] = useState<ItemDetail | null>(null);
  if (loaded === null && item.data) setLoaded(item.data);
  const reload = async () => {
    const res = await item.refetch();
    if (res.data) setLoaded(res.data);
  };

  if (item.error && !loaded)
    return <Alert type="error" showIcon title={errorText(item.error)} action={<Button onClick={() => navigate('/library')}>{t('back')}</Button>} />;
  const d = loaded;
  if (!d) return <Card loading />;
  return (
    <Card
      title={
        <Space>
          {t('editItem')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {d.title}
          </Typography.Text>
        </Space>
      }
      extra={<Button onClick={() => navigate(`/library/items/${id}`)}>{t('back')}</Button>}
    >
      {d.actions.edit ? (
        <EditForm key={d.version} d={d} attachments={item.data?.attachments ?? d.attachments} onReload={reload} />
      ) : (
        <Alert type="warning" showIcon data-testid="edit-refused" title={t('noEditRight')} />
      )}
    </Card>
  );
}
