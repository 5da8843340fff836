import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { call } from '../../api/session-call';
import { defaultDraft, runStore } from '../../stores/run-store';

/**
 * The Run page's timeout comes from the core's run settings: applied once they are read, unless
 * the person already chose one (touched the field, or left the form with another value).
 */
export function useRunDefaults(form: FormInstance): void {
  useEffect(() => {
    let live = true;
    call('runs.settings', {})
      .then((s) => {
        if (!live || form.isFieldTouched('timeout') || runStore.getState().draft.timeout !== defaultDraft.timeout) return;
        form.setFieldValue('timeout', s.default_timeout);
        runStore.getState().setDraft({ ...runStore.getState().draft, timeout: s.default_timeout });
      })
      .catch(() => {}); // the form keeps 1 h; the page's own loads show a lost connection
    return () => {
      live = false;
    };
  }, [form]);
}
