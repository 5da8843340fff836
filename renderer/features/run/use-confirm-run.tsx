import { App, Input, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpInput } from '../../../shared/api/contract';
import { confirmationMatches } from '../../../shared/domain/run-safety';
import { call } from '../../api/session-call';
import { href } from '../../app/hash-route';
import { nameListT } from '../../lib/name-list';
import { applyPermissionRoute } from './run-access';
import { refusedHosts, runConfirmText } from './run-confirm-model';

export interface ConfirmOptions {
  /** The same run started again: a click naming the hosts even when no typed confirmation is needed. */
  readonly again: boolean;
  /** Stop at hosts the user is not granted (default). A task's run may be authorised by its approval instead: the core decides. */
  readonly grants?: boolean;
}

/**
 * Before a run: ask the core which hosts it reaches, then confirm as it says — typed for many or
 * production hosts, a click naming the hosts for "run again". Resolves true when the run may go.
 */
export function useConfirmRun(): (targets: OpInput<'runs.create'>['targets'], o: ConfirmOptions) => Promise<boolean> {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    async (targets, { again, grants = true }) => {
      const preview = await call('runs.preview', { targets });
      const refused = grants ? refusedHosts(preview) : [];
      if (refused.length) {
        modal.warning({
          title: t('run.confirm.refused', { names: nameListT(refused, 5, t) }),
          content: (
            <>
              {t('run.confirm.refusedText')} <a href={href(applyPermissionRoute)}>{t('run.confirm.apply')}</a>
              {t('run.confirm.refusedTail')}
            </>
          ),
        });
        return false;
      }
      const text = runConfirmText(preview, again, t);
      if (!text) return true;
      return new Promise<boolean>((resolve) => {
        const word = text.word;
        const dialog = modal.confirm({
          title: text.title,
          width: 520,
          okText: text.okText,
          okButtonProps: { danger: word !== null, disabled: word !== null },
          cancelText: t('common.action.cancel'),
          content: (
            <>
              <Typography.Paragraph>{text.body}</Typography.Paragraph>
              {word !== null ? (
                <>
                  <Typography.Paragraph style={{ marginBottom: 8 }}>
                    {t('run.confirm.typeBefore')}
                    <Typography.Text code>{word}</Typography.Text>
                    {t('run.confirm.typeAfter')}
                  </Typography.Paragraph>
                  <Input
                    autoFocus
                    aria-label={t('run.confirm.typeAria')}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(e) => dialog.update({ okButtonProps: { danger: true, disabled: !confirmationMatches({ word, reason: '' }, e.target.value) } })}
                  />
                </>
              ) : null}
            </>
          ),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      });
    },
    [modal, t],
  );
}
