/** 起草 / 修改 an outgoing document: the 18 elements of the 条例 as fields, body as rich text. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Skeleton, Space, Switch, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, type ApiError } from '../../app/api.ts';
import { useMe } from '../../app/me.ts';
import { useDirectory, useDocument, useDocumentsMeta } from './api.ts';
import { RichTextEditor } from './RichTextEditor.tsx';
import { bodyChars, useLengthGuide } from './QuotaSettings.tsx';

/** 篇幅指引 under the body: the most 字数 for the chosen 文种 and the current count (red when over). */
function LengthHint({ form }: { form: FormInstance<Values> }) {
  const guide = useLengthGuide();
  const docType = Form.useWatch('docType', form) as string | undefined;
  const body = Form.useWatch('bodyHtml', form) as string | undefined;
  const limit = docType ? guide.data?.[docType] : undefined;
  const chars = bodyChars(body);
  if (limit === undefined) return <span data-testid="length-hint">当前 {chars} 字</span>;
  return (
    <span data-testid="length-hint" style={chars > limit ? { color: '#cf1322' } : undefined}>
      篇幅指引：{docType}建议不超过 {limit} 字，当前 {chars} 字{chars > limit ? '，已超过指引，请精简' : ''}
    </span>
  );
}

type Values = Record<string, unknown> & { docDate?: Dayjs; printDate?: Dayjs };
const DATE_FIELDS = ['docDate', 'printDate'];

function DraftForm({ initial, id, version }: { initial: Values; id?: number; version?: number }) {
  const [form] = Form.useForm<Values>();
  const meta = useDocumentsMeta();
  const dir = useDirectory();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation<{ id: number; warnings: { chars: number; limit: number }[] }, ApiError, Record<string, unknown>>({
    mutationFn: (body) =>
      id ? api(`/api/documents/${id}`, { method: 'PATCH', body: { ...body, version } }) : api('/api/documents/outgoing', { method: 'POST', body }),
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: ['documents'] });
      if (res.warnings?.length) message.warning(`篇幅超过指引：${res.warnings[0]!.chars} 字（建议不超过 ${res.warnings[0]!.limit} 字）`);
      else message.success('已保存');
      navigate(`/documents/${id ?? res.id}`);
    },
  });
  const signers = (dir.data?.users ?? [])
    .filter((u) => u.roles.includes('leader') || u.roles.includes('director'))
    .map((u) => ({ value: u.id, label: u.name }));
  const units = (dir.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }));
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      data-testid="draft-form"
      onFinish={(v) => {
        const body: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
          if (x === undefined) continue;
          body[k] = DATE_FIELDS.includes(k) ? (x ? (x as Dayjs).format('YYYY-MM-DD') : null) : x === '' ? null : x;
        }
        save.mutate(body);
      }}
    >
      {save.isError && <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="docType" label="文种" rules={[{ required: true }]}>
            <Select options={(meta.data?.docTypes ?? []).map((t) => ({ value: t, label: t }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="flow" label="行文方向">
            <Select options={(meta.data?.flows ?? []).map((f) => ({ value: f.key, label: f.zh }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="copyNo" label="份号">
            <Input maxLength={6} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="level" label="密级">
            <Select options={(meta.data?.levels ?? []).slice(0, 2).map((l) => ({ value: l.value, label: l.zh }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="secrecyTerm" label="保密期限">
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="urgency" label="紧急程度">
            <Select options={(meta.data?.urgencies ?? []).map((u) => ({ value: u.key, label: u.zh }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="important" label="重要公文" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="signerId" label="签发人">
            <Select showSearch optionFilterProp="label" options={signers} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="issuerOrgan" label="发文机关标志">
            <Input maxLength={100} placeholder="如：中共青州市委办公厅文件" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="orgCode" label="机关代字">
            <Input maxLength={20} placeholder="如：青委办发" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="jointUnitIds" label="联合发文机关（会签）">
            <Select mode="multiple" showSearch optionFilterProp="label" options={units} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="mainTo" label="主送机关">
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="bodyHtml" label="正文" extra={<LengthHint form={form} />}>
            <RichTextEditor />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="attachmentsNote" label="附件说明（每行一件）">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="note" label="附注">
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="signature" label="发文机关署名">
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="docDate" label="成文日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="cc" label="抄送机关">
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="printOrgan" label="印发机关">
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="printDate" label="印发日期">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {!id && (
          <Col xs={12} md={4}>
            <Form.Item name="overQuotaApprovalId" label="超配额审批编号">
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="draft-save">
          保存
        </Button>
        <Button onClick={() => navigate(-1)}>取消</Button>
      </Space>
    </Form>
  );
}

/** New draft. */
export default function DraftPage() {
  const me = useMe();
  const initial = useMemo<Values>(
    () => ({
      level: 0,
      urgency: 'normal',
      flow: 'down',
      docType: '通知',
      issuerOrgan: '中共青州市委办公厅文件',
      orgCode: '青委办发',
      signature: '中共青州市委办公厅',
      printOrgan: '中共青州市委办公厅',
      bodyHtml: '',
    }),
    [],
  );
  void me;
  return (
    <Card title="起草发文">
      <DraftForm initial={initial} />
    </Card>
  );
}

/** Edit of an existing outgoing document (a substantive change after 签发 goes back to the signer). */
export function EditPage() {
  const id = Number(useParams().id);
  const q = useDocument(id);
  if (q.isLoading) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  const d = q.data!.document;
  const pickFields = [
    'title',
    'docType',
    'flow',
    'copyNo',
    'level',
    'secrecyTerm',
    'urgency',
    'important',
    'signerId',
    'issuerOrgan',
    'orgCode',
    'jointUnitIds',
    'mainTo',
    'bodyHtml',
    'attachmentsNote',
    'note',
    'signature',
    'cc',
    'printOrgan',
  ] as const;
  const initial: Values = Object.fromEntries(pickFields.map((k) => [k, d[k] ?? undefined]));
  if (d.docDate) initial.docDate = dayjs(d.docDate as string);
  if (d.printDate) initial.printDate = dayjs(d.printDate as string);
  return (
    <Card title={`修改：${d.title}`}>
      {['signed', 'checked'].includes(d.status) && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本文已签发：对标题、正文、主送等的实质性修改将退回签发人重新签发。" />
      )}
      <DraftForm initial={initial} id={id} version={d.version} />
    </Card>
  );
}
