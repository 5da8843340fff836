import { Badge, Flex } from 'antd';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { requestsStore, usePendingCount } from '../../stores/requests-store';

const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' } as const;

/**
 * The Approvals menu label with the number of requests waiting for the signed-in user, whatever the
 * Approvals page is narrowed to; live `request.changed` events keep the number current. The badge is
 * hidden from screen readers (the item's name stays "Approvals"); a polite status outside the menu
 * says the number instead, and says it again when it changes.
 */
export function ApprovalsNavLabel({ label }: { readonly label: string }) {
  const count = usePendingCount();
  const { t } = useTranslation();
  useEffect(() => {
    void requestsStore.getState().loadPending();
  }, []);
  const sentence = count === null ? '' : t('shell.pending', { count });
  return (
    <Flex align="center" justify="space-between" gap={8}>
      <span>{label}</span>
      <span aria-hidden title={sentence} style={{ display: 'inline-flex' }}>
        <Badge count={count ?? 0} size="small" overflowCount={99} />
      </span>
      {createPortal(
        <div role="status" aria-live="polite" style={visuallyHidden}>
          {sentence}
        </div>,
        document.body,
      )}
    </Flex>
  );
}
