/** 审计日志: the security auditor's view of the audit trail, with chain verification. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { AUDIT_ACTION_NAMES, auditActionName, auditTargetName } from '../../../../common/audit-actions.ts';
import { LEVELS } from '../../../../common/enums.ts';
import { api, qs } from '../../app/api.ts';
import { useLang, useT } from '../../app/i18n.ts';
import { adminMessages } from './messages.ts';

type Outcome = 'success' | 'denied' | 'failure';

interface AuditEntry {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorUsername: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | number | null;
  /** The object's name where the reader may see it (users, units); never a business item's title. */
  targetTitle: string | null;
  targetLevel: number | null;
  outcome: Outcome;
  changedFields: string[];
  changes: object | null;
  detail: object | null;
  algo: string;
}

interface Verification {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
  algo: string;
}

interface Filters {
  actor?: string;
  action?: string;
  outcome?: Outcome;
  period?: [Dayjs | null, Dayjs | null] | null;
}

const PAGE_SIZE = 50;
const OUTCOME_COLORS: Record<Outcome, string> = { success: 'green', denied: 'orange', failure: 'red' };

export default function AuditPage() {
  const t = useT(adminMessages);
  const lang = useLang();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const { period, ...rest } = filters;
  const params = { ...rest, from: period?.[0]?.startOf('day').toISOString(), to: period?.[1]?.endOf('day').toISOString(), page, pageSize: PAGE_SIZE };
  const entries = useQuery({
    queryKey: ['audit', params],
    queryFn: () => api<{ items: AuditEntry[]; total: number }>(`/api/audit${qs(params)}`),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api<Verification>('/api/audit/verify', { method: 'POST' }) });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('seq'), dataIndex: 'seq', width: 80 },
    { title: t('at'), dataIndex: 'at', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
    {
      title: t('actor'),
      dataIndex: 'actorName',
      width: 150,
      render: (name: string | null, entry) => (
        <span>
          {name ?? entry.actorId ?? '—'}
          {entry.actorUsername && <Typography.Text type="secondary">（{entry.actorUsername}）</Typography.Text>}
        </span>
      ),
    },
    { title: t('ip'), dataIndex: 'ip', width: 130 },
    {
      title: t('action'),
      dataIndex: 'action',
      width: 200,
      render: (action: string) => <span title={action}>{auditActionName(action, lang)}</span>,
    },
    {
      title: t('target'),
      key: 'target',
      render: (_, entry) =>
        entry.targetType ? (
          <Space size={4} wrap>
            <span title={`${entry.targetType} #${entry.targetId ?? ''}`}>
              {auditTargetName(entry.targetType, lang)} #{entry.targetId ?? ''}
            </span>
            {entry.targetTitle && <Typography.Text>{entry.targetTitle}</Typography.Text>}
            {entry.targetLevel !== null && <Tag>{levelName(entry.targetLevel, lang)}</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('changedFields'),
      dataIndex: 'changedFields',
      width: 180,
      render: (fields: string[]) => (fields.length ? <Typography.Text type="secondary">{fields.join('、')}</Typography.Text> : null),
    },
    { title: t('outcome'), dataIndex: 'outcome', width: 90, render: (outcome: Outcome) => <Tag color={OUTCOME_COLORS[outcome]}>{t(outcome)}</Tag> },
  ];

  const verification = verify.data;
  return (
    <Card
      title={t('audit')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
          {t('verify')}
        </Button>
      }
    >
      {verify.isError && <Alert type="error" showIcon title={verify.error.message} style={{ marginBottom: 16 }} />}
      {verification && (
        <Alert
          type={verification.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          style={{ marginBottom: 16 }}
          data-testid="audit-verify-result"
          title={
            verification.firstBroken
              ? t('chainBroken', { ...verification.firstBroken, checked: verification.checked, algo: verification.algo })
              : t('chainOk', { checked: verification.checked, algo: verification.algo })
          }
        />
      )}
      <Form<Filters>
        layout="inline"
        onFinish={(values) => {
          setFilters(values);
          setPage(1);
        }}
        onReset={() => {
          setFilters({});
          setPage(1);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="actor">
          <Input placeholder={t('actorFilter')} allowClear style={{ width: 190 }} />
        </Form.Item>
        <Form.Item name="action">
          <Select
            aria-label={t('action')}
            placeholder={t('action')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            options={Object.keys(AUDIT_ACTION_NAMES).map((code) => ({ value: code, label: `${auditActionName(code, lang)}（${code}）` }))}
          />
        </Form.Item>
        <Form.Item name="outcome">
          <Select
            aria-label={t('outcome')}
            placeholder={t('outcome')}
            allowClear
            style={{ width: 120 }}
            options={(['success', 'denied', 'failure'] as const).map((value) => ({ value, label: t(value) }))}
          />
        </Form.Item>
        <Form.Item name="period">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('query')}
          </Button>
          <Button htmlType="reset">{t('reset')}</Button>
        </Space>
      </Form>
      {entries.isError && <Alert type="error" showIcon title={entries.error.message} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={entries.data?.items}
        loading={entries.isFetching}
        scroll={{ x: 1200 }}
        expandable={{
          rowExpandable: (entry) => entry.changes !== null || entry.detail !== null,
          expandedRowRender: (entry) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('hashedNote')}</Typography.Text>
              {entry.changes && <JsonBlock label={t('changes')} value={entry.changes} />}
              {entry.detail && <JsonBlock label={t('detail')} value={entry.detail} />}
            </Space>
          ),
        }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: entries.data?.total, showSizeChanger: false, onChange: setPage }}
      />
    </Card>
  );
}

function levelName(level: number, lang: 'zh-CN' | 'en-US'): string {
  const l = LEVELS.find((x) => x.value === level);
  return l ? (lang === 'zh-CN' ? l.zh : l.en) : String(level);
}

function JsonBlock({ label, value }: { label: string; value: object }) {
  return (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      <pre style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}
