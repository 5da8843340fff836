import { theme } from 'antd';
import type { ReactNode } from 'react';

// An SVG: no text node (label text stays clean) and aria-hidden (the accessible name does too).
function RequiredStar() {
  const { token } = theme.useToken();
  return (
    <svg aria-hidden="true" width="7" height="7" viewBox="0 0 10 10" style={{ color: token.colorError, marginInlineStart: 4, verticalAlign: 'super' }}>
      <path d="M5 0v10M0.7 2.5l8.6 5M0.7 7.5l8.6-5" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}

/**
 * Form labels whose required asterisk is neither text nor CSS content, so a field's label text and
 * accessible name are both exactly its label ("Name", not "* Name" or "Name*").
 */
export function requiredMark(label: ReactNode, { required }: { required: boolean }): ReactNode {
  return (
    <>
      {label}
      {required ? <RequiredStar /> : null}
    </>
  );
}
