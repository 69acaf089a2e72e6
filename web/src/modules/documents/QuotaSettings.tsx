/**
 * 配额设置 and 篇幅指引 (办公厅主任): plans and quotas per unit, per 文种, for the year chosen on the quota page;
 * the most 字数 per 文种 that the editor shows the drafter as a guide (文风 简短准).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, type ApiError } from '../../app/api.ts';
import { useDirectory, useDocumentsMeta } from './api.ts';

/** One row of the quota table being edited. */
export interface QuotaRow {
  unitId: number;
  unitName: string;
  docType: string;
  plan: number;
  quota: number;
}

/** The quota table of `year`: change plan and quota of a row, add a unit and 文种, save all. */
export function QuotaSettings({ year, rows }: { year: number; rows: QuotaRow[] }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const meta = useDocumentsMeta();
  const dir = useDirectory();
  const [edited, setEdited] = useState<QuotaRow[]>(rows);
  const [unitId, setUnitId] = useState<number | undefined>();
  const [docType, setDocType] = useState<string | undefined>();
  useEffect(() => setEdited(rows), [rows]);
  const save = useMutation<unknown, ApiError, QuotaRow[]>({
    mutationFn: (list) =>
      api('/api/documents/quota', {
        method: 'PUT',
        body: { year, rows: list.map((r) => ({ unitId: r.unitId, docType: r.docType, plan: r.plan, quota: r.quota })) },
      }),
    onSuccess: async () => {
      message.success('配额已保存');
      await qc.invalidateQueries({ queryKey: ['documents', 'quota'] });
    },
  });
  const set = (r: QuotaRow, field: 'plan' | 'quota', v: number | null) =>
    setEdited((list) => list.map((x) => (x.unitId === r.unitId && x.docType === r.docType ? { ...x, [field]: v ?? 0 } : x)));
  const add = () => {
    if (unitId === undefined || docType === undefined) return;
    if (edited.some((r) => r.unitId === unitId && r.docType === docType)) {
      message.warning('该单位的这一文种已在表中');
      return;
    }
    const unitName = dir.data?.units.find((u) => u.id === unitId)?.shortName ?? '';
    setEdited((list) => [...list, { unitId, unitName, docType, plan: 0, quota: 0 }]);
  };
  return (
    <Card title={`配额设置（${year}年）`} data-testid="quota-settings">
      <Typography.Paragraph type="secondary">
        按单位、文种设置本年度计划发文数和配额。登记编号时计入配额，草稿不计；超过配额须经超配额审批。配额为 0 表示不限。
      </Typography.Paragraph>
      {save.isError && <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="单位"
          placeholder="单位"
          style={{ minWidth: 180 }}
          value={unitId}
          onChange={setUnitId}
          showSearch={{ optionFilterProp: 'label' }}
          options={(dir.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
          data-testid="quota-unit"
        />
        <Select
          aria-label="文种"
          placeholder="文种"
          style={{ minWidth: 100 }}
          value={docType}
          onChange={setDocType}
          options={(meta.data?.docTypes ?? []).map((t) => ({ value: t, label: t }))}
          data-testid="quota-doctype"
        />
        <Button onClick={add} disabled={unitId === undefined || docType === undefined} data-testid="quota-add">
          加入表中
        </Button>
      </Space>
      <Table<QuotaRow>
        size="small"
        rowKey={(r) => `${r.unitId}-${r.docType}`}
        dataSource={edited}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚未设置，请先选择单位和文种加入表中' }}
        columns={[
          { title: '单位', dataIndex: 'unitName' },
          { title: '文种', dataIndex: 'docType', width: 70 },
          {
            title: '计划',
            width: 110,
            render: (_, r) => (
              <InputNumber
                aria-label={`${r.unitName}${r.docType}计划发文数`}
                min={0}
                max={10000}
                precision={0}
                value={r.plan}
                onChange={(v) => set(r, 'plan', v)}
                data-testid={`plan-${r.unitId}-${r.docType}`}
              />
            ),
          },
          {
            title: '配额',
            width: 110,
            render: (_, r) => (
              <InputNumber
                aria-label={`${r.unitName}${r.docType}配额`}
                min={0}
                max={10000}
                precision={0}
                value={r.quota}
                onChange={(v) => set(r, 'quota', v)}
                data-testid={`quota-${r.unitId}-${r.docType}`}
              />
            ),
          },
        ]}
      />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        disabled={!edited.length}
        loading={save.isPending}
        onClick={() => save.mutate(edited)}
        data-testid="quota-save"
      >
        保存配额
      </Button>
    </Card>
  );
}

/** 篇幅指引: the most 字数 per 文种 (the editor shows it to the drafter; longer drafts are saved with a warning). */
export function LengthGuideSettings() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const meta = useDocumentsMeta();
  const guide = useLengthGuide();
  const [form] = Form.useForm<Record<string, number>>();
  useEffect(() => {
    if (guide.data) form.setFieldsValue(guide.data);
  }, [guide.data, form]);
  const save = useMutation<unknown, ApiError, Record<string, number>>({
    mutationFn: (g) => api('/api/documents/length-guide', { method: 'PUT', body: { guide: g } }),
    onSuccess: async () => {
      message.success('篇幅指引已保存');
      await qc.invalidateQueries({ queryKey: ['documents', 'length-guide'] });
    },
  });
  return (
    <Card title="篇幅指引（文风）" data-testid="length-guide-settings">
      <Typography.Paragraph type="secondary">各文种正文建议的最多字数（不含空白）。起草时编辑器下方显示指引和当前字数，超过的保存时提醒。</Typography.Paragraph>
      {save.isError && <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => save.mutate(Object.fromEntries(Object.entries(v).filter(([, n]) => typeof n === 'number')) as Record<string, number>)}
      >
        {(meta.data?.docTypes ?? []).map((t) => (
          <Form.Item key={t} name={t} label={t} style={{ marginBottom: 8 }}>
            <InputNumber min={100} max={100000} precision={0} step={100} style={{ width: 110 }} data-testid={`guide-${t}`} />
          </Form.Item>
        ))}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="guide-save">
            保存篇幅指引
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** The length guide (字数 by 文种). */
export function useLengthGuide() {
  return useQuery({
    queryKey: ['documents', 'length-guide'],
    queryFn: async () => (await api<{ guide: Record<string, number> }>('/api/documents/length-guide')).guide,
    staleTime: 60_000,
  });
}

/** The text length the server counts (no markup, no white space). */
export function bodyChars(html: string | undefined): number {
  if (!html) return 0;
  const text = new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
  return text.replace(/\s/g, '').length;
}
