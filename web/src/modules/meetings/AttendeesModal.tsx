/** 编辑出席人员: who is expected and who is excused (with the reason), saved under the meeting's version. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { api, type ApiError } from '../../app/api.ts';
import { useDirectory } from '../supervision/directory.ts';
import type { MeetingDetail } from './api.ts';

interface Values {
  attendeeIds: number[];
  excusedIds: number[];
  reason?: string;
}

/** The dialog; `onClose` after saving or cancelling. */
export default function AttendeesModal({ m, onClose }: { m: MeetingDetail; onClose: () => void }) {
  const qc = useQueryClient();
  const dir = useDirectory();
  const [form] = Form.useForm<Values>();
  const attendees = Form.useWatch('attendeeIds', form) ?? [];
  const excusedReasons = new Map(m.attendees.filter((a) => a.attendance === 'excused').map((a) => [a.userId, a.excuseReason ?? '']));
  const people = (dir.data?.users ?? [])
    .filter((u) => !u.roles.some((r) => ['sysadmin', 'secadmin', 'auditor'].includes(r)))
    .map((u) => ({ value: u.id, label: `${u.name}（${dir.data?.units.find((x) => x.id === u.unitId)?.shortName ?? ''}）` }));
  const save = useMutation<unknown, ApiError, Values>({
    mutationFn: (v) =>
      api(`/api/meetings/${m.id}`, {
        method: 'PATCH',
        body: {
          version: m.version,
          attendeeIds: v.attendeeIds,
          excused: (v.excusedIds ?? []).map((userId) => ({ userId, reason: v.reason?.trim() || excusedReasons.get(userId) || '' })),
        },
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['meetings'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title="编辑出席人员"
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      data-testid="attendees-modal"
    >
      {save.isError && <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          attendeeIds: m.attendees.map((a) => a.userId),
          excusedIds: m.attendees.filter((a) => a.attendance === 'excused').map((a) => a.userId),
        }}
      >
        <Form.Item name="attendeeIds" label="出席人员" rules={[{ required: true, message: '请选择出席人员' }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={people} data-testid="attendee-select" />
        </Form.Item>
        <Form.Item name="excusedIds" label="请假人员（从出席人员中选择）">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={people.filter((p) => attendees.includes(p.value))}
            data-testid="excused-select"
          />
        </Form.Item>
        <Form.Item name="reason" label="请假事由（新请假人员）">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
