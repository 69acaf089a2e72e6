/** 刊物设置 (信息处's division head): add, rename, deactivate publications; their readership, 密级 and 编入条件. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import type { PublicationView } from '../../../../common/information-publications.ts';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { ADOPT_NAMES, LEVEL_NAMES, useDirectory } from './api.ts';
import Nav from './Nav.tsx';
import { usePublications } from './publications.api.ts';
import { pubTexts } from './publications.texts.ts';

type Values = {
  name: string;
  minAdoptLevel: 'recorded' | 'special' | 'upper';
  level: number;
  orgName: string;
  units: number[];
  users: number[];
  reportTo?: string;
  active: boolean;
};

export default function PublicationsPage() {
  const t = useT(pubTexts);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const pubs = usePublications();
  const dir = useDirectory();
  const [editing, setEditing] = useState<PublicationView | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const unitName = new Map((dir.data?.units ?? []).map((u) => [u.id, u.shortName]));
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        minAdoptLevel: v.minAdoptLevel,
        level: v.level,
        orgName: v.orgName,
        readership: { units: v.units ?? [], users: v.users ?? [] },
        reportTo: v.reportTo || null,
      };
      return editing === 'new' || !editing
        ? api('/api/information/publications', { method: 'POST', body })
        : api(`/api/information/publications/${editing.id}`, { method: 'PUT', body: { ...body, active: v.active, version: editing.version } });
    },
    onSuccess: async () => {
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['information', 'publications'] });
      void message.success(t('done'));
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const open = (p: PublicationView | 'new') => {
    setEditing(p);
    form.setFieldsValue(
      p === 'new'
        ? { name: '', minAdoptLevel: 'recorded', level: 0, orgName: '办公厅信息处', units: [], users: [], reportTo: '', active: true }
        : { ...p, units: p.readership.units, users: p.readership.users, reportTo: p.reportTo ?? '' },
    );
  };
  return (
    <>
      <Nav desk />
      <Card
        title={t('manage')}
        extra={
          pubs.data?.canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
              {t('add')}
            </Button>
          )
        }
      >
        <Table<PublicationView>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={pubs.data?.items ?? []}
          columns={[
            { title: t('name'), dataIndex: 'name', render: (v: string) => `《${v}》` },
            { title: t('minAdopt'), dataIndex: 'minAdoptLevel', render: (v: string) => ADOPT_NAMES[v] },
            { title: t('level'), dataIndex: 'level', render: (v: number) => LEVEL_NAMES[v] },
            { title: t('readership'), key: 'r', render: (_: unknown, p) => p.readership.units.map((u) => unitName.get(u) ?? u).join('、') },
            { title: t('active'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">{t('active')}</Tag> : <Tag>—</Tag>) },
            {
              title: '',
              key: 'edit',
              render: (_: unknown, p) =>
                pubs.data?.canManage && (
                  <Button size="small" onClick={() => open(p)}>
                    {t('edit')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        title={editing === 'new' ? t('add') : t('edit')}
        open={editing !== null}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => save.mutate(v))
            .catch(() => undefined)
        }
        onCancel={() => setEditing(null)}
        okText={t('save')}
        cancelText={t('cancel')}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="minAdoptLevel" label={t('minAdopt')} rules={[{ required: true }]}>
            <Select options={Object.entries(ADOPT_NAMES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="level" label={t('level')} rules={[{ required: true }]}>
            <Select options={LEVEL_NAMES.map((label, value) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="orgName" label={t('orgName')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="units" label={t('readership')}>
            <Select mode="multiple" optionFilterProp="label" options={(dir.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }))} />
          </Form.Item>
          <Form.Item name="users" label={t('readers')}>
            <Select mode="multiple" optionFilterProp="label" options={(dir.data?.users ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="reportTo" label={t('reportTo')}>
            <Input maxLength={200} />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label={t('active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
