/** The buttons of a loan (同意 / 不同意 / 归还), as the server answers them. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { dict, type LoanView } from './api.ts';

/** Buttons of one loan. */
export default function LoanActions({ loan }: { loan: LoanView }) {
  const t = useT(dict);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const act = useMutation({
    mutationFn: (step: 'approve' | 'refuse' | 'return') =>
      api<LoanView>(`/api/archives/loans/${loan.id}/${step}`, { method: 'POST', body: { version: loan.version } }),
    onSuccess: async () => {
      message.success(t('done'));
      await qc.invalidateQueries({ queryKey: ['archives'] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Space size={4} wrap>
      {(['approve', 'refuse', 'return'] as const)
        .filter((a) => loan.actions.includes(a))
        .map((a) => (
          <Button
            key={a}
            size="small"
            type={a === 'approve' ? 'primary' : 'default'}
            loading={act.isPending}
            onClick={() => act.mutate(a)}
            data-testid={`loan-${a}-${loan.id}`}
          >
            {t(a)}
          </Button>
        ))}
    </Space>
  );
}
