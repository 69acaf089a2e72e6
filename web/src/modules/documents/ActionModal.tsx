/** The form of one workflow step: fields by step, posted to /api/documents/:id/actions/:action. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, type ApiError } from '../../app/api.ts';
import { useDirectory, useDocumentsMeta, type DocumentDetail } from './api.ts';

type Field = {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'date' | 'user' | 'users' | 'unit' | 'units' | 'docType' | 'urgency' | 'retention' | 'check';
  required?: boolean;
  roles?: string[];
};

const COMMENT: Field = { name: 'comment', label: '意见', kind: 'textarea' };

/** The fields each step asks for. */
const FIELDS: Record<string, Field[]> = {
  'in.register': [
    { name: 'docType', label: '文种', kind: 'docType', required: true },
    { name: 'sourceOrgan', label: '来文单位', kind: 'text', required: true },
    { name: 'originalNo', label: '来文字号', kind: 'text' },
    { name: 'urgency', label: '紧急程度', kind: 'urgency' },
    { name: 'secrecyTerm', label: '保密期限', kind: 'text' },
    { name: 'pages', label: '页数', kind: 'number' },
    { name: 'copies', label: '份数', kind: 'number' },
    { name: 'attachmentsNote', label: '附件', kind: 'text' },
    { name: 'deadline', label: '办理时限', kind: 'date' },
  ],
  'in.accept': [COMMENT],
  'in.return': [{ name: 'reason', label: '退回理由', kind: 'textarea', required: true }],
  'in.propose': [
    { name: 'proposal', label: '拟办意见', kind: 'textarea', required: true },
    { name: 'leaderId', label: '呈批领导', kind: 'user', required: true, roles: ['leader', 'director'] },
  ],
  'in.instruct': [
    { name: 'instruction', label: '批办意见', kind: 'textarea', required: true },
    { name: 'leadUnitId', label: '主办单位', kind: 'unit', required: true },
    { name: 'coUnitIds', label: '协办单位', kind: 'units' },
    { name: 'deadline', label: '办理时限', kind: 'date' },
    { name: 'toSupervision', label: '同时转为督办事项', kind: 'check' },
  ],
  'in.circulate': [
    { name: 'userIds', label: '传阅人员', kind: 'users', required: true },
    { name: 'purpose', label: '传阅目的', kind: 'text' },
  ],
  'in.urge': [COMMENT],
  'in.reply': [{ name: 'reply', label: '答复意见', kind: 'textarea', required: true }],
  'in.complete': [{ name: 'result', label: '办理结果', kind: 'textarea', required: true }],
  'in.archive': [{ name: 'retention', label: '保管期限', kind: 'retention', required: true }],
  'out.submit': [{ name: 'reviewerIds', label: '审核人', kind: 'users', required: true }],
  'out.approve': [COMMENT],
  'out.reject': [{ ...COMMENT, required: true }],
  'out.countersign': [COMMENT],
  'out.sign': [COMMENT],
  'out.decline': [{ ...COMMENT, required: true }],
  'out.recheck': [COMMENT],
  'out.register': [
    { name: 'mainUnitIds', label: '主送单位（分发）', kind: 'units', required: true },
    { name: 'ccUnitIds', label: '抄送单位（分发）', kind: 'units' },
    { name: 'printCount', label: '印制份数', kind: 'number', required: true },
  ],
  'out.archive': [{ name: 'retention', label: '保管期限', kind: 'retention', required: true }],
};

/** The modal of `action` on `detail`; closes itself on success. */
export function ActionModal({ detail, action, label, onClose }: { detail: DocumentDetail; action: string; label: string; onClose: () => void }) {
  const [form] = Form.useForm();
  const meta = useDocumentsMeta();
  const dir = useDirectory();
  const qc = useQueryClient();
  const d = detail.document;
  const fields = FIELDS[`${d.direction}.${action}`] ?? [];
  const run = useMutation<unknown, ApiError, Record<string, unknown>>({
    mutationFn: (values) => api(`/api/documents/${d.id}/actions/${action}`, { method: 'POST', body: { ...values, version: d.version } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['documents'] });
      onClose();
    },
  });
  const units = (dir.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }));
  const users = (roles?: string[]) =>
    (dir.data?.users ?? [])
      .filter((u) => !roles || u.roles.some((r) => roles.includes(r)))
      .map((u) => ({ value: u.id, label: `${u.name}（${dir.data?.units.find((x) => x.id === u.unitId)?.shortName ?? ''}）` }));
  const control = (f: Field) => {
    switch (f.kind) {
      case 'textarea':
        return <Input.TextArea rows={3} maxLength={2000} />;
      case 'number':
        return <InputNumber min={1} style={{ width: 160 }} />;
      case 'date':
        return <DatePicker />;
      case 'user':
        return <Select showSearch optionFilterProp="label" options={users(f.roles)} />;
      case 'users':
        return <Select mode="multiple" showSearch optionFilterProp="label" options={users(f.roles)} />;
      case 'unit':
        return <Select showSearch optionFilterProp="label" options={units} />;
      case 'units':
        return <Select mode="multiple" showSearch optionFilterProp="label" options={units} />;
      case 'docType':
        return <Select options={(meta.data?.docTypes ?? []).map((t) => ({ value: t, label: t }))} />;
      case 'urgency':
        return <Select options={(meta.data?.urgencies ?? []).map((u) => ({ value: u.key, label: u.zh }))} />;
      case 'retention':
        return <Select options={(meta.data?.retentions ?? []).map((r) => ({ value: r.key, label: r.zh }))} />;
      case 'check':
        return <Checkbox />;
      default:
        return <Input maxLength={200} />;
    }
  };
  const initial: Record<string, unknown> = {};
  if (action === 'register' && d.direction === 'in')
    Object.assign(initial, { docType: d.docType, sourceOrgan: d.sourceOrgan, originalNo: d.originalNo, urgency: d.urgency });
  return (
    <Modal open title={label} okText="确定" cancelText="取消" confirmLoading={run.isPending} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {run.isError && <Alert type="error" showIcon title={run.error.message} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid={`action-form-${action}`}
        onFinish={(values: Record<string, unknown>) => {
          const body: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(values)) {
            if (v === undefined || v === null || v === '') continue;
            body[k] = typeof (v as Dayjs).format === 'function' ? (v as Dayjs).format('YYYY-MM-DD') : v;
          }
          run.mutate(body);
        }}
      >
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : undefined}
            valuePropName={f.kind === 'check' ? 'checked' : 'value'}
          >
            {control(f)}
          </Form.Item>
        ))}
        {fields.length === 0 && <p>确认执行“{label}”？</p>}
      </Form>
    </Modal>
  );
}
