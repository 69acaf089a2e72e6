import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from './i18n.ts';
import { shellMessages } from './messages.ts';
import NotFoundPage from './NotFoundPage.tsx';

/** Error boundary of the routes: a render error, or a page chunk that failed to load. */
export default function ErrorPage() {
  const t = useT(shellMessages);
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Result
      status="error"
      title={t('error')}
      subTitle={t('errorHint')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('reload')}
        </Button>
      }
    />
  );
}
