/** 借阅登记: the 档案处 sees every loan and decides the requests; others see their own and return them. */
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useT, usePick } from '../../app/i18n.ts';
import { dict, type LoanView } from './api.ts';
import LoanActions from './LoanActions.tsx';
import Nav from './Nav.tsx';

/** The loans page. */
export default function LoansPage() {
  const t = useT(dict);
  const pick = usePick();
  const loans = useQuery({ queryKey: ['archives', 'loans'], queryFn: () => api<{ items: LoanView[] }>('/api/archives/loans') });
  return (
    <div>
      <Nav />
      <Card title={t('loans')}>
        <Table<LoanView>
          rowKey="id"
          size="middle"
          scroll={{ x: 800 }}
          loading={loans.isLoading}
          dataSource={loans.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('archiveNo'), width: 190, render: (_, l) => <Link to={`/archives/${l.recordId}`}>{l.archiveNo}</Link> },
            { title: t('title'), dataIndex: 'title' },
            { title: t('borrower'), width: 90, render: (_, l) => l.borrower.name },
            { title: t('reason'), dataIndex: 'reason' },
            { title: t('returnDue'), dataIndex: 'returnDue', width: 110 },
            { title: t('status'), width: 110, render: (_, l) => (l.overdue ? <Tag color="red">{t('overdue')}</Tag> : <Tag>{pick(l.statusName)}</Tag>) },
            { title: '', width: 160, render: (_, l) => <LoanActions loan={l} /> },
          ]}
        />
      </Card>
    </div>
  );
}
