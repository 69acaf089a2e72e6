/**
 * One issue (期): the reader's page in the publication's look (red name, 期号 line, red rule, items in
 * order) — usable at phone width by leaders, who mark it read on opening and write a 批示 on an item
 * right there (text and/or handwriting); 信息处 edits a draft (items, order, 按语) and sees the read receipts; signers sign or return.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { IssueDetail } from '../../../../common/information-publications.ts';
import { api, qs } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { formatDate, formatDateTime } from '../../app/time.ts';
import { ADOPT_NAMES, LEVEL_NAMES } from './api.ts';
import InstructionModal from './InstructionModal.tsx';
import { usePublications } from './publications.api.ts';
import { pubTexts } from './publications.texts.ts';

const RED = '#E60012';
type Candidate = { id: number; title: string; kind: string; level: number; adoptLevel: string | null; unitName: string };
type Receipt = { userId: number; name: string; unitName: string; readAt: string };

export default function IssuePage() {
  const id = Number(useParams().id);
  const t = useT(pubTexts);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const pubs = usePublications();
  const [returning, setReturning] = useState(false);
  const [instructing, setInstructing] = useState<{ id: number; title: string } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const q = useQuery({ queryKey: ['information', 'issue', id], queryFn: () => api<IssueDetail>(`/api/information/issues/${id}`) });
  const d = q.data;
  const can = (a: string) => d?.actions.includes(a) ?? false;
  const receipts = useQuery({
    queryKey: ['information', 'issue', id, 'receipts'],
    queryFn: () => api<{ readers: Receipt[] }>(`/api/information/issues/${id}/receipts`),
    enabled: can('viewReceipts'),
  });
  const act = useMutation({
    mutationFn: (req: { path: string; body: unknown; method?: string }) => api(req.path, { method: req.method ?? 'POST', body: req.body }),
    onSuccess: async () => {
      setReturning(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['information'] });
      void message.success(t('done'));
    },
    onError: (e: Error) => void message.error(e.message),
  });
  // 已阅: a reader's first opening of a published issue records the receipt
  const marked = useRef(false);
  useEffect(() => {
    if (!marked.current && d?.actions.includes('markRead')) {
      marked.current = true;
      void api(`/api/information/issues/${id}/read`, { method: 'POST' })
        .then(() => qc.invalidateQueries({ queryKey: ['information', 'issues'] }))
        .catch(() => undefined);
    }
  }, [d, id, qc]);

  if (q.isLoading) return <Card loading />;
  if (q.error || !d)
    return (
      <Card>
        <Empty description={(q.error as Error | null)?.message ?? t('notFound')} />
      </Card>
    );
  const step = (path: string) => act.mutate({ path: `/api/information/issues/${id}/${path}`, body: { version: d.version } });
  const state = pubs.data?.states[d.status]?.zh ?? d.status;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Link to="/information/issues">{t('issues')}</Link>
        <Tag>{state}</Tag>
        {d.level > 0 && <Tag color="red">{LEVEL_NAMES[d.level]}</Tag>}
        {can('submit') && (
          <Button type="primary" onClick={() => step('submit')} data-testid="issue-submit">
            {t('submit')}
          </Button>
        )}
        {can('headSign') && (
          <Button type="primary" onClick={() => step('sign')} data-testid="issue-head-sign">
            {t('headSign')}
          </Button>
        )}
        {can('directorSign') && (
          <Button type="primary" onClick={() => step('sign')} data-testid="issue-director-sign">
            {t('directorSign')}
          </Button>
        )}
        {can('return') && <Button onClick={() => setReturning(true)}>{t('return')}</Button>}
        {can('abandon') && (
          <Button danger onClick={() => step('abandon')}>
            {t('abandon')}
          </Button>
        )}
        <Button icon={<FilePdfOutlined />} href={`/api/information/issues/${id}/render.pdf`} target="_blank" data-testid="issue-pdf">
          {t('pdf')}
        </Button>
        <Button icon={<FileWordOutlined />} href={`/api/information/issues/${id}/render.docx`}>
          {t('docx')}
        </Button>
      </Space>
      {d.returnReason && d.status === 'draft' && <Typography.Text type="danger">{t('returned', { reason: d.returnReason })}</Typography.Text>}
      <Card styles={{ body: { padding: 'clamp(12px, 4vw, 32px)' } }}>
        <article aria-label={d.label} data-testid="issue-reader">
          <h1 style={{ color: RED, textAlign: 'center', fontSize: 'clamp(30px, 9vw, 52px)', letterSpacing: '0.15em', margin: '8px 0', fontWeight: 700 }}>
            {d.publicationName}
          </h1>
          <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8 }}>
            <span>{d.orgName}编</span>
            <span>{d.number !== null ? `${d.year}年第${d.number}期` : state}</span>
            <span>{d.publishedAt ? formatDate(d.publishedAt) : ''}</span>
          </div>
          <hr style={{ border: 0, borderTop: `2px solid ${RED}`, margin: '8px 0 16px' }} />
          {d.note && <Typography.Paragraph italic>编者按：{d.note}</Typography.Paragraph>}
          {d.items.length === 0 && <Empty description={t('empty')} />}
          {d.items.map((it, i) => (
            <section key={it.id} style={{ marginBottom: 24 }} data-testid={`issue-item-${i}`}>
              <h2 style={{ fontSize: 18, fontWeight: 700, margin: '0 0 8px' }}>
                {d.items.length > 1 ? `${i + 1}. ` : ''}
                {it.title}
              </h2>
              {it.body
                .split(/\n+/)
                .filter(Boolean)
                .map((p, j) => (
                  <p key={j} style={{ textIndent: '2em', lineHeight: 1.8, margin: '0 0 4px' }}>
                    {p}
                  </p>
                ))}
              <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                <Typography.Text type="secondary">{t('reported', { unit: it.unitName })}</Typography.Text>
                {it.canInstruct && (
                  <Space size="small">
                    <Link to={`/information/items/${it.id}`} data-testid={`issue-item-link-${i}`}>
                      {t('original')}
                    </Link>
                    <Button type="primary" size="small" onClick={() => setInstructing(it)} data-testid={`issue-instruct-${i}`}>
                      {t('instruct')}
                    </Button>
                  </Space>
                )}
              </Space>
            </section>
          ))}
          {d.directorSignedBy && (
            <Typography.Paragraph type="secondary" style={{ textAlign: 'right' }}>
              {t('signedBy')}：{d.headSignedBy ?? ''} {d.directorSignedBy}
            </Typography.Paragraph>
          )}
        </article>
      </Card>
      {can('edit') && <DraftEditor issue={d} onSaved={() => void qc.invalidateQueries({ queryKey: ['information'] })} />}
      {can('viewReceipts') && (
        <Card title={t('receipts')} data-testid="issue-receipts">
          <Table<Receipt>
            rowKey="userId"
            size="small"
            pagination={false}
            dataSource={receipts.data?.readers ?? []}
            columns={[
              { title: t('reader'), dataIndex: 'name' },
              { title: t('unit'), dataIndex: 'unitName' },
              { title: t('time'), dataIndex: 'readAt', render: (v: string) => formatDateTime(v) },
            ]}
          />
        </Card>
      )}
      <InstructionModal itemId={instructing?.id ?? null} title={instructing?.title} onClose={() => setInstructing(null)} />
      <Modal
        title={t('return')}
        open={returning}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => act.mutate({ path: `/api/information/issues/${id}/return`, body: { version: d.version, reason: v.reason } }))
            .catch(() => undefined)
        }
        onCancel={() => setReturning(false)}
        okText={t('return')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** 信息处's editing of a draft: items in order (add, move, remove) and the 按语, saved in one request. */
function DraftEditor({ issue, onSaved }: { issue: IssueDetail; onSaved: () => void }) {
  const t = useT(pubTexts);
  const { message } = App.useApp();
  const [ids, setIds] = useState<number[]>(issue.items.map((i) => i.id));
  const [note, setNote] = useState(issue.note);
  const [pick, setPick] = useState<number | undefined>();
  const cand = useQuery({
    queryKey: ['information', 'adoptable', issue.publicationId],
    queryFn: () => api<{ items: Candidate[] }>(`/api/information/adoptable${qs({ publicationId: issue.publicationId })}`),
  });
  const titles = new Map<number, string>([
    ...(cand.data?.items ?? []).map((c) => [c.id, c.title] as const),
    ...issue.items.map((i) => [i.id, i.title] as const),
  ]);
  const save = useMutation({
    mutationFn: () => api(`/api/information/issues/${issue.id}`, { method: 'PUT', body: { version: issue.version, itemIds: ids, note } }),
    onSuccess: () => {
      onSaved();
      void message.success(t('done'));
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const move = (i: number, by: number) => {
    const next = [...ids];
    const [x] = next.splice(i, 1);
    next.splice(i + by, 0, x!);
    setIds(next);
  };
  return (
    <Card title={t('items')} data-testid="issue-editor">
      <List
        dataSource={ids}
        locale={{ emptyText: t('empty') }}
        renderItem={(itemId, i) => (
          <List.Item
            actions={[
              <Button key="up" size="small" icon={<ArrowUpOutlined />} aria-label={t('up')} disabled={i === 0} onClick={() => move(i, -1)} />,
              <Button key="down" size="small" icon={<ArrowDownOutlined />} aria-label={t('down')} disabled={i === ids.length - 1} onClick={() => move(i, 1)} />,
              <Button key="rm" size="small" icon={<DeleteOutlined />} aria-label={t('remove')} onClick={() => setIds(ids.filter((x) => x !== itemId))} />,
            ]}
          >
            {i + 1}. {titles.get(itemId) ?? `#${itemId}`}
          </List.Item>
        )}
      />
      <Space.Compact style={{ width: '100%', margin: '12px 0' }}>
        <Select
          style={{ width: '100%' }}
          placeholder={t('candidates')}
          aria-label={t('candidates')}
          value={pick}
          onChange={setPick}
          data-testid="issue-candidates"
          options={(cand.data?.items ?? [])
            .filter((c) => !ids.includes(c.id))
            .map((c) => ({ value: c.id, label: `${c.title}（${c.unitName}，${ADOPT_NAMES[c.adoptLevel ?? ''] ?? ''}）` }))}
        />
        <Button
          onClick={() => {
            if (pick !== undefined) setIds([...ids, pick]);
            setPick(undefined);
          }}
          data-testid="issue-add-item"
        >
          {t('addItem')}
        </Button>
      </Space.Compact>
      <Form layout="vertical">
        <Form.Item label={t('note')}>
          <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} aria-label={t('note')} data-testid="issue-note" />
        </Form.Item>
      </Form>
      <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="issue-save">
        {t('saveDraft')}
      </Button>
    </Card>
  );
}
