/** An item of the library: its entry, its content (or a request for access), 传阅 with receipts, uses and 相似条目. */
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, List, Modal, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { useMe } from '../../app/me.ts';
import { uploadItemFile, useDirectory, useItem, useSimilar, type Circulation } from './api.ts';
import { LEVEL_NAMES, libraryMessages, USE_NAMES } from './messages.ts';

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

function Receipts({ c, onRemind }: { c: Circulation; onRemind: (id: number) => void }) {
  const t = useT(libraryMessages);
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="circulation">
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={c.status === 'done' ? 'green' : 'gold'}>{c.statusName}</Tag>
        <Typography.Text strong>{c.purpose}</Typography.Text>
        <Typography.Text type="secondary">
          {c.createdByName} · {c.createdAt.slice(0, 10)}
          {c.dueDate ? ` · ${t('dueDate')} ${c.dueDate}` : ''}
        </Typography.Text>
        <Progress
          percent={Math.round((c.readCount / Math.max(1, c.total)) * 100)}
          size="small"
          style={{ width: 160 }}
          format={() => `${t('readProgress')} ${c.readCount}/${c.total}`}
        />
        {c.canRemind && c.readCount < c.total && (
          <Button size="small" onClick={() => onRemind(c.id)}>
            {t('remind')}
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="userId"
        pagination={false}
        dataSource={c.recipients}
        columns={[
          { title: t('recipients'), dataIndex: 'name' },
          {
            title: t('readAt'),
            dataIndex: 'readAt',
            render: (v: string | null) => (v ? <Tag color="green">{v.slice(0, 16).replace('T', ' ')}</Tag> : <Tag color="orange">{t('unread')}</Tag>),
          },
          { title: t('remind'), dataIndex: 'reminders', width: 80 },
        ]}
      />
    </Card>
  );
}

function Similar({ id }: { id: number }) {
  const t = useT(libraryMessages);
  const similar = useSimilar('library_item', id);
  return (
    <Card title={t('similar')} size="small" data-testid="similar">
      <List
        size="small"
        locale={{ emptyText: t('noSimilar') }}
        dataSource={similar.data?.items ?? []}
        renderItem={(s) => (
          <List.Item>
            <Link to={s.link}>{s.title}</Link> {s.kind && <Tag style={{ marginLeft: 8 }}>{s.kind}</Tag>}
          </List.Item>
        )}
      />
    </Card>
  );
}

export default function ItemPage() {
  const t = useT(libraryMessages);
  const pick = usePick();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const item = useItem(id);
  const directory = useDirectory();
  const [modal, setModal] = useState<null | 'request' | 'circulate' | 'applied' | 'converted'>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const refresh = () => qc.invalidateQueries({ queryKey: ['library'] });
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      message.success(t('done'));
      setModal(null);
      form.resetFields();
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (item.error)
    return <Alert type="error" showIcon title={errorText(item.error)} action={<Button onClick={() => navigate('/library')}>{t('back')}</Button>} />;
  const d = item.data;
  if (!d) return <Card loading />;

  const submit = async () => {
    const v = await form.validateFields();
    if (modal === 'request') await run(() => api(`/api/library/items/${id}/access-requests`, { method: 'POST', body: { reason: v.reason } }));
    if (modal === 'circulate')
      await run(() =>
        api(`/api/library/items/${id}/circulations`, {
          method: 'POST',
          body: { userIds: v.userIds ?? [], unitIds: v.unitIds ?? [], purpose: v.purpose, dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null },
        }),
      );
    if (modal === 'applied' || modal === 'converted')
      await run(() => api(`/api/library/items/${id}/uses`, { method: 'POST', body: { kind: modal, note: v.note } }));
  };
  const myUnread = d.circulations.find((c) => c.recipients.some((r) => r.userId === me.id && !r.readAt));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Tag color="blue">{d.kindName}</Tag>
            <span data-testid="item-title">{d.title}</span>
            <Tag color={d.level > 0 ? 'orange' : 'default'}>{LEVEL_NAMES[d.level]}</Tag>
            {d.catalog && <Tag color="purple">{t('tabCatalog')}</Tag>}
            {d.canOpen ? <Tag color="green">{t('open')}</Tag> : <Tag color="red">{t('locked')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {d.actions.edit && (
              <Button onClick={() => navigate(`/library/items/${id}/edit`)} data-testid="edit-item">
                {t('edit')}
              </Button>
            )}
            {d.actions.circulate && (
              <Button type="primary" onClick={() => setModal('circulate')} data-testid="circulate">
                {t('circulate')}
              </Button>
            )}
            {d.actions.recordUse && <Button onClick={() => setModal('applied')}>{t('applied')}</Button>}
            {d.actions.recordUse && <Button onClick={() => setModal('converted')}>{t('converted')}</Button>}
            {myUnread && <Button onClick={() => run(() => api(`/api/library/circulations/${myUnread.id}/read`, { method: 'POST' }))}>{t('markRead')}</Button>}
            <Button onClick={() => navigate('/library')}>{t('back')}</Button>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('owner')}>{d.ownerUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('source')}>{d.source || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('date')}>{d.date}</Descriptions.Item>
          <Descriptions.Item label={t('secrecyPeriod')}>{d.secrecyPeriod ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('keywords')} span={2}>
            {d.keywords.map((k) => (
              <Tag key={k}>{k}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('summary')} span={2}>
            {d.summary || '—'}
          </Descriptions.Item>
          {d.canOpen && (
            <Descriptions.Item label={t('scope')} span={2}>
              {d.scope === 'everyone' ? t('scopeEveryone') : [...d.scopeUnits, ...d.scopeUsers].map((x) => x.name).join('、') || d.ownerUnitName}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {d.canOpen ? (
        <Card title={t('content')} data-testid="item-content">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.content || '—'}</Typography.Paragraph>
          {d.attachments.length > 0 && (
            <List
              header={t('attachments')}
              size="small"
              dataSource={d.attachments}
              renderItem={(a) => (
                <List.Item>
                  <a href={`/api/library/items/${id}/files/${a.id}`}>{a.filename}</a>
                  <Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
                </List.Item>
              )}
            />
          )}
          {d.actions.edit && (
            <Upload showUploadList={false} customRequest={({ file }) => void run(() => uploadItemFile(id, file as File))}>
              <Button size="small" style={{ marginBottom: 12 }}>
                {t('upload')}
              </Button>
            </Upload>
          )}
          <Space wrap>
            {Object.entries(d.uses).map(([k, n]) => (
              <Tag key={k}>
                {pick(USE_NAMES[k] ?? { zh: k, en: k })} {n}
              </Tag>
            ))}
          </Space>
        </Card>
      ) : (
        <Alert
          type="warning"
          showIcon
          data-testid="item-locked"
          title={t('locked')}
          description={
            d.myRequest?.status === 'pending'
              ? t('requestPending')
              : d.myRequest?.status === 'refused'
                ? `${t('requestRefused')}${d.myRequest.note ? `：${d.myRequest.note}` : ''}`
                : t('lockedHelp')
          }
          action={
            d.actions.requestAccess && (
              <Button type="primary" onClick={() => setModal('request')} data-testid="request-access">
                {t('requestAccess')}
              </Button>
            )
          }
        />
      )}

      {d.circulations.length > 0 && (
        <Card title={`${t('tabCirculation')} · ${t('receipts')}`} data-testid="receipts">
          {d.circulations.map((c) => (
            <Receipts key={c.id} c={c} onRemind={(cid) => run(() => api(`/api/library/circulations/${cid}/remind`, { method: 'POST' }))} />
          ))}
        </Card>
      )}

      <Similar id={id} />

      <Modal
        open={modal !== null}
        title={modal === 'request' ? t('requestAccess') : modal === 'circulate' ? t('circulate') : modal ? t(modal) : ''}
        onOk={submit}
        onCancel={() => setModal(null)}
        confirmLoading={busy}
        okText={t('submit')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {modal === 'request' && (
            <Form.Item name="reason" label={t('reason')} rules={[{ required: true, max: 500 }]}>
              <Input.TextArea rows={3} data-testid="request-reason" />
            </Form.Item>
          )}
          {modal === 'circulate' && (
            <>
              <Form.Item name="userIds" label={t('recipients')}>
                <Select
                  mode="multiple"
                  showSearch
                  optionFilterProp="label"
                  data-testid="circulate-users"
                  options={(directory.data?.users ?? [])
                    .filter((u) => u.id !== me.id && u.roles.some((r) => !['sysadmin', 'secadmin', 'auditor'].includes(r)))
                    .map((u) => ({ value: u.id, label: `${u.name}（${directory.data?.units.find((x) => x.id === u.unitId)?.shortName ?? ''}）` }))}
                />
              </Form.Item>
              <Form.Item name="unitIds" label={t('recipientUnits')}>
                <Select
                  mode="multiple"
                  showSearch
                  optionFilterProp="label"
                  options={(directory.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
                />
              </Form.Item>
              <Form.Item name="purpose" label={t('purpose')} rules={[{ required: true, max: 500 }]}>
                <Input.TextArea rows={2} data-testid="circulate-purpose" />
              </Form.Item>
              <Form.Item name="dueDate" label={t('dueDate')}>
                <DatePicker />
              </Form.Item>
            </>
          )}
          {(modal === 'applied' || modal === 'converted') && (
            <Form.Item name="note" label={t('useNote')} rules={[{ required: true, max: 500 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
