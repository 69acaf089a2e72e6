/** 会议设置: the gate checklist (把关清单) of each meeting kind and the organising divisions (会务处室), for the configurer. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, type ApiError } from '../../app/api.ts';
import { useDirectory } from '../supervision/directory.ts';
import type { MeetingsConfig } from './api.ts';
import Nav from './Nav.tsx';

type When = 'off' | 'always' | 'expert_needed';
type Checklists = MeetingsConfig['checklists'];

const WHEN: { value: When; label: string }[] = [
  { value: 'off', label: '不需要' },
  { value: 'always', label: '必须' },
  { value: 'expert_needed', label: '需专家论证时' },
];

/** The settings page (read-only for those who may not configure). */
export default function SettingsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const dir = useDirectory();
  const config = useQuery({ queryKey: ['meetings', 'config'], queryFn: () => api<MeetingsConfig>('/api/meetings/config') });
  const [lists, setLists] = useState<Checklists | null>(null);
  const [handlers, setHandlers] = useState<number[]>([]);
  useEffect(() => {
    if (config.data) {
      setLists(config.data.checklists);
      setHandlers(config.data.handlerUnitIds);
    }
  }, [config.data]);
  const save = useMutation<unknown, ApiError, void>({
    mutationFn: () => api('/api/meetings/config', { method: 'PUT', body: { version: config.data!.version, checklists: lists, handlerUnitIds: handlers } }),
    onSuccess: async () => {
      message.success('会议设置已保存');
      await qc.invalidateQueries({ queryKey: ['meetings', 'config'] });
    },
  });
  if (config.isError) return <Alert type="error" showIcon title={(config.error as Error).message} />;
  const c = config.data;
  if (!c || !lists) return <Card loading />;
  const can = c.me.configure;
  const whenOf = (kind: string, gate: string): When =>
    ((lists as Record<string, { key: string; when: string }[]>)[kind]?.find((e) => e.key === gate)?.when as When) ?? 'off';
  const setWhen = (kind: string, gate: string, when: When) =>
    setLists((prev) => {
      const cur = { ...(prev as Record<string, { key: string; when: string }[]>) };
      // the checklist keeps the gates' order
      cur[kind] = c.gates.map((g) => ({ key: g.key, when: g.key === gate ? when : whenOf(kind, g.key) })).filter((e) => e.when !== 'off') as {
        key: string;
        when: string;
      }[];
      return cur as Checklists;
    });
  return (
    <div>
      <Nav />
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {!can && <Alert type="info" showIcon title="只有会务处室负责人可以修改会议设置，您可以查看。" />}
        {save.isError && <Alert type="error" showIcon title={save.error.message} />}
        <Card title="把关清单（各类会议上会前须通过的关口）" data-testid="checklist-card">
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={c.kinds}
            columns={[
              { title: '会议类型', fixed: 'left', render: (_, k) => `${k.zh}${k.decision ? '（决策类）' : ''}` },
              ...c.gates.map((g) => ({
                title: g.zh,
                key: g.key,
                render: (_: unknown, k: { key: string; zh: string }) => (
                  <Select<When>
                    aria-label={`${k.zh}：${g.zh}`}
                    size="small"
                    style={{ width: 130 }}
                    disabled={!can}
                    value={whenOf(k.key, g.key)}
                    options={WHEN}
                    onChange={(v) => setWhen(k.key, g.key, v)}
                    data-testid={`gate-${k.key}-${g.key}`}
                  />
                ),
              })),
            ]}
          />
        </Card>
        <Card title="会务处室（办会、议题把关的处室）">
          <Form layout="vertical">
            <Form.Item label="会务处室" htmlFor="handler-units">
              <Select
                id="handler-units"
                mode="multiple"
                disabled={!can}
                value={handlers}
                onChange={setHandlers}
                showSearch={{ optionFilterProp: 'label' }}
                options={(dir.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
                data-testid="handler-units"
              />
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary">会务处室的人员可以建会、排议程、把关；至少保留一个处室。</Typography.Paragraph>
        </Card>
        {can && (
          <Button type="primary" loading={save.isPending} disabled={!handlers.length} onClick={() => save.mutate()} data-testid="meetings-settings-save">
            保存会议设置
          </Button>
        )}
      </Space>
    </div>
  );
}
