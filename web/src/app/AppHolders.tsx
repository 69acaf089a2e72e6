/** The real message, notification and modal hooks of antd's `App` (their own chunk, see AppApi). */
import { message, Modal, notification } from 'antd';
import { useEffect } from 'react';
import { setAppApi } from './AppApi.tsx';

export default function AppHolders() {
  const [messageApi, messageHolder] = message.useMessage();
  const [notificationApi, notificationHolder] = notification.useNotification();
  const [modalApi, modalHolder] = Modal.useModal();
  useEffect(() => setAppApi({ message: messageApi, notification: notificationApi, modal: modalApi }), [messageApi, notificationApi, modalApi]);
  return (
    <>
      {modalHolder}
      {messageHolder}
      {notificationHolder}
    </>
  );
}
