/** The shell's answer when the session could not be loaded (not a 401): loaded on demand, as antd's Result
 * with its illustrations is ~9 KiB of compressed JS that a working first page does not need. */
import { Result } from 'antd';
import { useT } from './i18n.ts';
import { shellMessages } from './messages.ts';

export default function LoadFailed({ message }: { message: string }) {
  const t = useT(shellMessages);
  return <Result status="error" title={t('loadFailed')} subTitle={message} />;
}
