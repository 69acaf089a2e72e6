/** 资源共享: the library and 查阅条目, 传阅, 议政会 notices, access requests, the forum, use statistics, 定期分送. */
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, qs } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { useMe } from '../../app/me.ts';
import {
  useDirectory,
  useDistributions,
  useItems,
  type AccessRequestList,
  type CirculationList,
  type DistributionList,
  type ForumTopicList,
  type ItemRow,
} from './api.ts';
import { KINDS, LEVEL_NAMES, libraryMessages, NOTICE_CATEGORIES, USE_NAMES } from './messages.ts';

type T = ReturnType<typeof useT<typeof libraryMessages>>;

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

function ItemsTab({ t, notices }: { t: T; notices?: boolean }) {
  const pick = usePick();
  const navigate = useNavigate();
  const me = useMe();
  const [sub, setSub] = useState<'all' | 'catalog' | 'mine'>('all');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string>();
  const [page, setPage] = useState(1);
  const list = useItems({ tab: notices ? 'notices' : sub, q: q || undefined, kind, page, pageSize: 15 });
  const [noticeOpen, setNoticeOpen] = useState(false);
  const columns: TableColumnsType<ItemRow> = [
    {
      title: t('title'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <Space size={4} wrap>
          <Link to={`/library/items/${r.id}`}>{title}</Link>
          {r.catalog && <Tag color="purple">{t('tabCatalog')}</Tag>}
          {r.canOpen ? null : <Tag color="red">{t('locked')}</Tag>}
        </Space>
      ),
    },
    { title: t('kind'), dataIndex: 'kindName', width: 110 },
    { title: t('owner'), dataIndex: 'ownerUnitName', width: 130 },
    { title: t('level'), dataIndex: 'level', width: 70, render: (l: number) => LEVEL_NAMES[l] },
    { title: t('date'), dataIndex: 'date', width: 110 },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {!notices && (
          <Segmented
            value={sub}
            onChange={(v) => (setSub(v as typeof sub), setPage(1))}
            options={[
              { value: 'all', label: t('all') },
              { value: 'catalog', label: t('tabCatalog') },
              { value: 'mine', label: t('tabMine') },
            ]}
          />
        )}
        <Input.Search allowClear placeholder={t('title')} onSearch={(v) => (setQ(v), setPage(1))} style={{ width: 240 }} />
        {!notices && (
          <Select
            allowClear
            aria-label={t('kind')}
            placeholder={t('kind')}
            style={{ width: 150 }}
            value={kind}
            onChange={(v) => (setKind(v), setPage(1))}
            options={Object.entries(KINDS)
              .filter(([k]) => k !== 'notice')
              .map(([k, v]) => ({ value: k, label: pick(v) }))}
          />
        )}
        {!notices && (
          <Button type="primary" onClick={() => navigate('/library/items/new')} data-testid="new-item">
            {t('newItem')}
          </Button>
        )}
        {notices && (me.roles.includes('director') || me.roles.includes('division_head')) && (
          <Button type="primary" onClick={() => setNoticeOpen(true)}>
            {t('newNotice')}
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{ current: page, pageSize: 15, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
      {notices && <NoticeModal t={t} open={noticeOpen} onClose={() => setNoticeOpen(false)} />}
    </Space>
  );
}

function NoticeModal({ t, open, onClose }: { t: T; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const pick = usePick();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api('/api/library/notices', { method: 'POST', body: { ...v, date: v.date.format('YYYY-MM-DD') } });
      message.success(t('done'));
      form.resetFields();
      onClose();
      await qc.invalidateQueries({ queryKey: ['library'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Modal open={open} title={t('newNotice')} onOk={submit} onCancel={onClose} okText={t('submit')} cancelText={t('cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ category: 'meeting', level: 1, date: dayjs() }}>
        <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
          <Select options={Object.entries(NOTICE_CATEGORIES).map(([k, v]) => ({ value: k, label: pick(v) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('title')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('body')} rules={[{ required: true }]}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.Item name="level" label={t('level')}>
          <Select options={[0, 1].map((l) => ({ value: l, label: LEVEL_NAMES[l] }))} />
        </Form.Item>
        <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type CircRow = CirculationList['items'][number];

function CirculationTab({ t }: { t: T }) {
  const [box, setBox] = useState<'received' | 'sent'>('received');
  const list = useQuery({
    queryKey: ['library', 'circulations', box],
    queryFn: () => api<CirculationList>(`/api/library/circulations${qs({ box, pageSize: 100 })}`),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented
        value={box}
        onChange={(v) => setBox(v as typeof box)}
        options={[
          { value: 'received', label: t('received') },
          { value: 'sent', label: t('sent') },
        ]}
      />
      <Table<CircRow>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('title'), render: (_, r) => <Link to={`/library/items/${r.itemId}`}>{r.itemTitle}</Link> },
          { title: t('purpose'), dataIndex: 'purpose' },
          { title: t('sender'), dataIndex: 'senderName', width: 90 },
          { title: t('dueDate'), dataIndex: 'dueDate', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: t('status'),
            width: 150,
            render: (_, r) =>
              box === 'received' ? (
                r.myReadAt ? (
                  <Tag color="green">{t('readProgress')}</Tag>
                ) : (
                  <Tag color="orange">{t('unread')}</Tag>
                )
              ) : (
                <Tag color={r.status === 'done' ? 'green' : 'gold'}>{`${r.statusName} ${r.readCount}/${r.total}`}</Tag>
              ),
          },
        ]}
      />
    </Space>
  );
}

type RequestRow = AccessRequestList['items'][number];

function RequestsTab({ t }: { t: T }) {
  const [box, setBox] = useState<'incoming' | 'mine'>('incoming');
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['library', 'requests', box],
    queryFn: () => api<AccessRequestList>(`/api/library/access-requests${qs({ box, pageSize: 100 })}`),
  });
  const decide = (r: RequestRow, action: 'grant' | 'refuse') => {
    let note = '';
    modal.confirm({
      title: `${t(action)}：${r.itemTitle}`,
      content: <Input.TextArea rows={2} placeholder={t('note')} onChange={(e) => (note = e.target.value)} data-testid="decide-note" />,
      okText: t(action),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await api(`/api/library/access-requests/${r.id}/decide`, { method: 'POST', body: { action, version: r.version, note: note || null } });
          message.success(t('done'));
          await qc.invalidateQueries({ queryKey: ['library'] });
        } catch (e) {
          // shown here; not re-thrown (antd would leave it as an uncaught promise rejection)
          void message.error(errorText(e));
        }
      },
    });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented
        value={box}
        onChange={(v) => setBox(v as typeof box)}
        options={[
          { value: 'incoming', label: t('incoming') },
          { value: 'mine', label: t('mine') },
        ]}
      />
      <Table<RequestRow>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('title'), render: (_, r) => <Link to={`/library/items/${r.itemId}`}>{r.itemTitle}</Link> },
          { title: t('requester'), width: 160, render: (_, r) => `${r.requesterName}（${r.requesterUnit}）` },
          { title: t('reason'), dataIndex: 'reason' },
          {
            title: t('status'),
            width: 100,
            render: (_, r) => <Tag color={r.status === 'granted' ? 'green' : r.status === 'refused' ? 'red' : 'gold'}>{r.statusName}</Tag>,
          },
          { title: t('note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          {
            title: '',
            width: 150,
            render: (_, r) =>
              r.actions.length > 0 && (
                <Space>
                  <Button size="small" type="primary" onClick={() => decide(r, 'grant')} data-testid={`grant-${r.id}`}>
                    {t('grant')}
                  </Button>
                  <Button size="small" danger onClick={() => decide(r, 'refuse')}>
                    {t('refuse')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}

type TopicRow = ForumTopicList['items'][number];

function ForumTab({ t }: { t: T }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['library', 'topics'], queryFn: () => api<ForumTopicList>('/api/library/topics?pageSize=100') });
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await api<{ id: number }>('/api/library/topics', { method: 'POST', body: { ...v, level: v.level ?? 0 } });
      setOpen(false);
      void navigate(`/library/forum/${r.id}`);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('newTopic')}
      </Button>
      <Table<TopicRow>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        columns={[
          {
            title: t('topic'),
            render: (_, r) => (
              <Space>
                {r.pinned && <Tag color="red">{t('pinned')}</Tag>}
                {r.status === 'closed' && <Tag>{t('closed')}</Tag>}
                <Link to={`/library/forum/${r.id}`}>{r.title}</Link>
              </Space>
            ),
          },
          { title: t('author'), width: 160, render: (_, r) => `${r.author}（${r.unit}）` },
          { title: t('replies'), dataIndex: 'replies', width: 80 },
          { title: t('date'), width: 110, render: (_, r) => r.createdAt.slice(0, 10) },
        ]}
      />
      <Modal open={open} title={t('newTopic')} onOk={submit} onCancel={() => setOpen(false)} okText={t('submit')} cancelText={t('cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ level: 0 }}>
          <Form.Item name="title" label={t('title')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label={t('body')} rules={[{ required: true }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
          <Form.Item name="level" label={t('level')}>
            <Select options={[0, 1].map((l) => ({ value: l, label: LEVEL_NAMES[l] }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

interface StatsAnswer {
  weights: Record<string, number>;
  weightsVersion: number;
  canEditWeights: boolean;
  units: { unitId: number; unitName: string; counts: Record<string, number>; score: number }[];
}

function StatsTab({ t }: { t: T }) {
  const pick = usePick();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const stats = useQuery({ queryKey: ['library', 'stats', from, to], queryFn: () => api<StatsAnswer>(`/api/library/stats${qs({ from, to })}`) });
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const kinds = Object.keys(USE_NAMES);
  const saveWeights = async () => {
    const v = await form.validateFields();
    try {
      await api('/api/library/weights', { method: 'PUT', body: { version: stats.data!.weightsVersion, weights: v } });
      setEditing(false);
      message.success(t('saved'));
      await qc.invalidateQueries({ queryKey: ['library', 'stats'] });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('period')}</Typography.Text>
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
        {stats.data && (
          <Typography.Text type="secondary">
            {t('weights')}：{kinds.map((k) => `${pick(USE_NAMES[k]!)}×${stats.data!.weights[k]}`).join('，')}
          </Typography.Text>
        )}
        {stats.data?.canEditWeights && (
          <Button size="small" onClick={() => (form.setFieldsValue(stats.data!.weights), setEditing(true))}>
            {t('edit')}
          </Button>
        )}
      </Space>
      <Table
        rowKey="unitId"
        loading={stats.isLoading}
        dataSource={stats.data?.units ?? []}
        pagination={false}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('unit'), dataIndex: 'unitName' },
          ...kinds.map((k) => ({ title: pick(USE_NAMES[k]!), key: k, width: 80, render: (_: unknown, r: StatsAnswer['units'][number]) => r.counts[k] ?? 0 })),
          { title: t('score'), dataIndex: 'score', width: 100, render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
        ]}
      />
      <Modal open={editing} title={t('weights')} onOk={saveWeights} onCancel={() => setEditing(false)} okText={t('save')} cancelText={t('cancel')}>
        <Form form={form} layout="inline">
          {kinds.map((k) => (
            <Form.Item key={k} name={k} label={pick(USE_NAMES[k]!)} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} step={0.1} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Space>
  );
}

function DistributionTab({ t }: { t: T }) {
  const pick = usePick();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const directory = useDirectory();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const lists = useDistributions();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const res = await api<{ id: number }>('/api/library/distributions', {
        method: 'POST',
        body: { ...v, subscriberIds: v.subscriberIds ?? [], unitIds: v.unitIds ?? [] },
      });
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['library', 'distributions'] });
      void navigate(`/library/distributions/${res.id}`);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="new-list">
        {t('newList')}
      </Button>
      <Table<DistributionList>
        rowKey="id"
        loading={lists.isLoading}
        dataSource={lists.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('empty') }}
        columns={[
          {
            title: t('name'),
            dataIndex: 'name',
            render: (v: string, r) => (
              <Link to={`/library/distributions/${r.id}`} data-testid={`list-${r.id}`}>
                {v}
              </Link>
            ),
          },
          {
            title: t('listStatus'),
            width: 90,
            render: (_, r) => <Tag color={r.active ? 'green' : 'default'}>{r.active ? t('active') : t('paused')}</Tag>,
          },
          { title: t('kinds'), render: (_, r) => r.kinds.map((k) => <Tag key={k}>{pick(KINDS[k] ?? { zh: k, en: k })}</Tag>) },
          { title: t('periodDays'), dataIndex: 'periodDays', width: 120 },
          { title: t('subscribers'), render: (_, r) => [...r.units.map((u) => u.name), ...r.subscribers.map((s) => s.name)].join('、') },
          { title: t('lastSent'), width: 120, render: (_, r) => dayjs(r.lastSentAt).format('YYYY-MM-DD') },
          {
            title: '',
            width: 80,
            render: (_, r) => <Link to={`/library/distributions/${r.id}`}>{r.canManage ? t('manage') : t('view')}</Link>,
          },
        ]}
      />
      <Modal open={open} title={t('newList')} onOk={submit} onCancel={() => setOpen(false)} okText={t('submit')} cancelText={t('cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ periodDays: 7 }}>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kinds" label={t('kinds')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={Object.entries(KINDS).map(([k, v]) => ({ value: k, label: pick(v) }))}
            />
          </Form.Item>
          <Form.Item name="periodDays" label={t('periodDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={366} />
          </Form.Item>
          <Form.Item name="subscriberIds" label={t('subscribers')}>
            <Select mode="multiple" showSearch optionFilterProp="label" options={(directory.data?.users ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="unitIds" label={t('subscriberUnits')}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={(directory.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export default function LibraryPage() {
  const t = useT(libraryMessages);
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const tab = location.pathname.endsWith('/requests') ? 'requests' : (params.get('tab') ?? 'items');
  const navigate = useNavigate();
  const onTab = (k: string) => {
    if (location.pathname.endsWith('/requests')) void navigate(`/library?tab=${k}`);
    else setParams({ tab: k });
  };
  return (
    <Card title={t('library')} style={{ contain: 'inline-size' }}>
      <Tabs
        activeKey={tab}
        onChange={onTab}
        destroyOnHidden
        items={[
          { key: 'items', label: t('tabItems'), children: <ItemsTab t={t} /> },
          { key: 'circulation', label: t('tabCirculation'), children: <CirculationTab t={t} /> },
          { key: 'notices', label: t('tabNotices'), children: <ItemsTab t={t} notices /> },
          { key: 'requests', label: t('tabRequests'), children: <RequestsTab t={t} /> },
          { key: 'forum', label: t('tabForum'), children: <ForumTab t={t} /> },
          { key: 'stats', label: t('tabStats'), children: <StatsTab t={t} /> },
          { key: 'distribution', label: t('tabDistribution'), children: <DistributionTab t={t} /> },
        ]}
      />
    </Card>
  );
}
