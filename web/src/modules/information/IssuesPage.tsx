/** 刊物各期: the issues the user may see (未读 for readers), 新建一期 for 信息处. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Modal, Segmented, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { IssueSummary } from '../../../../common/information-publications.ts';
import { api, qs } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { formatDateTime } from '../../app/time.ts';
import { LEVEL_NAMES } from './api.ts';
import Nav from './Nav.tsx';
import { usePublications } from './publications.api.ts';
import { pubTexts } from './publications.texts.ts';

export default function IssuesPage() {
  const t = useT(pubTexts);
  const nav = useNavigate();
  const { message } = App.useApp();
  const [unread, setUnread] = useState(false);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ publicationId: number }>();
  const pubs = usePublications();
  const list = useQuery({
    queryKey: ['information', 'issues', unread],
    queryFn: () => api<{ items: IssueSummary[] }>(`/api/information/issues${qs({ unread: unread ? '1' : undefined })}`),
  });
  const states = pubs.data?.states ?? {};
  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await api<{ id: number }>('/api/information/issues', { method: 'POST', body: v });
      setOpen(false);
      void nav(`/information/issues/${r.id}`);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <>
      <Nav desk={pubs.data?.canCreateIssue ?? false} />
      <Card
        title={t('issues')}
        extra={
          <Space wrap>
            <Segmented
              options={[
                { label: t('all'), value: 'all' },
                { label: t('unread'), value: 'unread' },
              ]}
              value={unread ? 'unread' : 'all'}
              onChange={(v) => setUnread(v === 'unread')}
            />
            {pubs.data?.canManage && <Link to="/information/publications">{t('manage')}</Link>}
            {pubs.data?.canCreateIssue && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="issue-new">
                {t('newIssue')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<IssueSummary>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              title: t('publication'),
              dataIndex: 'label',
              render: (v: string, r) => (
                <Link to={`/information/issues/${r.id}`} data-testid={`issue-link-${r.id}`}>
                  {v}
                </Link>
              ),
            },
            { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag>{states[s]?.zh ?? s}</Tag> },
            { title: t('level'), dataIndex: 'level', render: (l: number) => LEVEL_NAMES[l] },
            { title: t('items'), dataIndex: 'itemCount' },
            { title: t('publishedAt'), dataIndex: 'publishedAt', render: (v: string | null) => formatDateTime(v) },
            {
              title: t('readAt'),
              dataIndex: 'readAt',
              render: (v: string | null, r) => (r.status !== 'published' ? '' : v ? formatDateTime(v) : <Tag color="orange">{t('notRead')}</Tag>),
            },
          ]}
        />
      </Card>
      <Modal
        title={t('newIssue')}
        open={open}
        onOk={() => void create()}
        onCancel={() => setOpen(false)}
        okText={t('newIssue')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="publicationId" label={t('publication')} rules={[{ required: true }]}>
            <Select
              data-testid="issue-publication"
              options={(pubs.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: `《${p.name}》` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
