/** 工作日历: the system administrator keeps each year's holidays and 调休 workdays (time limits count working days). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';

interface Day {
  date: string;
  workday: boolean;
  name: string;
}

const texts = {
  title: ['工作日历（节假日与调休）', 'Working-day calendar (holidays and make-up workdays)'],
  year: ['年度', 'Year'],
  date: ['日期', 'Date'],
  kind: ['类别', 'Kind'],
  holiday: ['休息日', 'Day off'],
  workday: ['调休上班', 'Make-up workday'],
  name: ['名称', 'Name'],
  add: ['添加', 'Add'],
  remove: ['删除', 'Remove'],
  save: ['保存本年度', 'Save this year'],
  saved: ['已保存，各服务器一分钟内生效', 'Saved; every server applies it within a minute'],
  hint: ['周一至周五为工作日、周六周日为休息日；此处只列出例外的日期。', 'Monday–Friday are workdays and weekends days off; list only the exceptions here.'],
  empty: ['本年度尚未维护节假日', 'No holidays kept for this year yet'],
  namePlaceholder: ['如：国庆节', 'e.g. National Day'],
} as const;

/** The page. */
export default function CalendarPage() {
  const t = useT(texts);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [draft, setDraft] = useState<Day[] | null>(null);
  const [newDate, setNewDate] = useState<Dayjs | null>(null);
  const [newKind, setNewKind] = useState<'holiday' | 'workday'>('holiday');
  const [newName, setNewName] = useState('');
  const list = useQuery({ queryKey: ['holidays', year], queryFn: () => api<{ items: Day[] }>(`/api/calendar/holidays?year=${year}`) });
  const days = draft ?? list.data?.items ?? [];
  const save = useMutation({
    mutationFn: () => api<{ items: Day[] }>('/api/admin/holidays', { method: 'PUT', body: { year, days } }),
    onSuccess: () => {
      message.success(t('saved'));
      setDraft(null);
      void qc.invalidateQueries({ queryKey: ['holidays', year] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const add = () => {
    if (!newDate || !newName.trim()) return;
    const date = newDate.format('YYYY-MM-DD');
    setDraft(
      [...days.filter((d) => d.date !== date), { date, workday: newKind === 'workday', name: newName.trim() }].sort((a, b) => a.date.localeCompare(b.date)),
    );
    setNewDate(null);
    setNewName('');
  };
  return (
    <Card
      title={t('title')}
      extra={<InputNumber aria-label={t('year')} min={2000} max={2100} value={year} onChange={(v) => (setYear(v ?? year), setDraft(null))} />}
    >
      <p style={{ color: '#666' }}>{t('hint')}</p>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker value={newDate} onChange={setNewDate} disabledDate={(d) => d.year() !== year} />
        <Select
          value={newKind}
          onChange={setNewKind}
          style={{ width: 130 }}
          options={[
            { value: 'holiday', label: t('holiday') },
            { value: 'workday', label: t('workday') },
          ]}
        />
        <Input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder={t('namePlaceholder')} style={{ width: 160 }} maxLength={50} />
        <Button onClick={add} disabled={!newDate || !newName.trim()}>
          {t('add')}
        </Button>
        <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} disabled={draft === null} data-testid="calendar-save">
          {t('save')}
        </Button>
      </Space>
      <Table<Day>
        rowKey="date"
        size="small"
        loading={list.isLoading}
        dataSource={days}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('date'), dataIndex: 'date', width: 140 },
          {
            title: t('kind'),
            dataIndex: 'workday',
            width: 120,
            render: (w: boolean) => (w ? <Tag color="blue">{t('workday')}</Tag> : <Tag color="red">{t('holiday')}</Tag>),
          },
          { title: t('name'), dataIndex: 'name' },
          {
            title: '',
            width: 80,
            render: (_: unknown, d) => (
              <Popconfirm title={`${t('remove')} ${d.date}?`} onConfirm={() => setDraft(days.filter((x) => x.date !== d.date))}>
                <Button type="link" danger size="small">
                  {t('remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
