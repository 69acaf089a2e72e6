import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from './i18n.ts';
import { shellMessages } from './messages.ts';

/** 404: unknown path, or a module the user may not see. */
export default function NotFoundPage() {
  const t = useT(shellMessages);
  return (
    <Result
      status="404"
      title={t('notFound')}
      subTitle={t('notFoundHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
