import { Flex, Tag, Typography, theme } from 'antd';
import type { GlobalToken } from 'antd';
import { useMemo } from 'react';
import type { SqlSubtype } from '../../../shared/domain/processes';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { scriptSegments, subtypeCounts } from './statement-spans';
import { useTranslation } from 'react-i18next';

/** Longest part of a script drawn; a multi-megabyte script is named, not drawn. */
const MAX_SHOWN = 200_000;

/** Tag colour per statement kind; destructive kinds are warm. */
export const subtypeColor: Readonly<Record<SqlSubtype, 'orange' | 'red' | 'green' | 'blue' | 'cyan' | 'magenta' | 'purple' | 'gold'>> = {
  UPDATE: 'orange',
  DELETE: 'red',
  INSERT: 'green',
  SELECT: 'blue',
  CREATE: 'cyan',
  DROP: 'magenta',
  ALTER: 'purple',
  OTHER: 'gold',
};

function highlight(token: GlobalToken, subtype: SqlSubtype): { background: string; borderColor: string } {
  const c = subtypeColor[subtype];
  return { background: token[`${c}1`], borderColor: token[`${c}4`] };
}

/**
 * The approved SQL as text, each classified statement `[start, end)` highlighted with its kind.
 * React elements only (never HTML): the script is whatever the requester typed.
 */
export function ScriptView({ request }: { readonly request: Pick<ChangeRequestView, 'task' | 'statements'> }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const script = request.task.script;
  const shown = script.length > MAX_SHOWN ? script.slice(0, MAX_SHOWN) : script;
  const segments = useMemo(() => scriptSegments(shown, request.statements), [shown, request.statements]);
  const counts = subtypeCounts(request.statements);

  return (
    <section aria-label={t('tasks.field.script')}>
      <Flex gap={6} align="center" wrap style={{ marginBottom: 6 }}>
        <Typography.Text strong>{t('tasks.field.script')}</Typography.Text>
        <Typography.Text type="secondary">
          {t('common.count.statements', { count: request.statements.length })}
          {counts.length ? ':' : ''}
        </Typography.Text>
        {counts.map((c) => (
          <Tag key={c.subtype} color={subtypeColor[c.subtype]} style={{ marginInlineEnd: 0 }}>
            {c.count} × {c.subtype}
          </Tag>
        ))}
        <Typography.Text copyable={{ text: script, tooltips: [t('approvals.script.copy'), t('instances.page.copied')] }} style={{ marginLeft: 'auto' }} />
      </Flex>
      <pre
        style={{
          margin: 0,
          padding: '8px 12px',
          maxHeight: 480,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-word',
          fontFamily: token.fontFamilyCode,
          fontSize: 12,
          lineHeight: '20px',
          background: token.colorFillQuaternary,
          borderRadius: token.borderRadius,
        }}
      >
        {segments.map((s, i) =>
          s.statement ? (
            <mark
              key={i}
              data-subtype={s.statement.subtype}
              title={t('approvals.script.statement', { n: s.statement.index + 1, subtype: s.statement.subtype })}
              style={{ ...highlight(token, s.statement.subtype), color: 'inherit', borderStyle: 'solid', borderWidth: 1, borderRadius: 3, padding: '1px 2px' }}
            >
              <span
                style={{
                  userSelect: 'none',
                  fontFamily: token.fontFamily,
                  fontSize: 10,
                  fontWeight: 600,
                  letterSpacing: 0.3,
                  padding: '0 4px',
                  marginInlineEnd: 4,
                  borderRadius: 2,
                  color: token.colorTextLightSolid,
                  background: token[`${subtypeColor[s.statement.subtype]}6`],
                }}
              >
                {s.statement.subtype}
              </span>
              {s.text}
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
        {shown !== script ? <span style={{ opacity: 0.6 }}>{`\n${t('approvals.script.more', { n: (script.length - MAX_SHOWN).toLocaleString() })}`}</span> : null}
      </pre>
      {request.statements.length === 0 && script.trim() ? (
        <Typography.Text type="secondary">{t('approvals.script.none')}</Typography.Text>
      ) : null}
    </section>
  );
}
