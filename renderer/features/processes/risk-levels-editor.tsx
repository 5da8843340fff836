import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Flex, Form, InputNumber, Row, Tooltip, Typography, theme } from 'antd';
import type { FormListFieldData } from 'antd';
import { sqlSubtypes } from '../../../shared/domain/processes';
import { RoleSelect } from '../users/role-select';
import { LEVEL_MAX, NODES_MAX, ROLE_PATTERN, newLevel, type LevelValues } from './process-form-model';
import { useTranslation } from 'react-i18next';

const subtypeOptions = sqlSubtypes.map((s) => ({ value: s, label: s }));

/** The ordered approval nodes of one level: each a role; add, remove, and move up or down. */
function NodesEditor({ levelField, roles }: { readonly levelField: number; readonly roles: readonly string[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Form.List
      name={[levelField, 'approval_nodes']}
      rules={[{ validator: async (_r, nodes: unknown[] | undefined) => (nodes?.length ? undefined : Promise.reject(new Error(t('processes.editor.nodeRequired')))) }]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <div>
          <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
            {t('processes.nodes')} <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{t('processes.editor.nodesHint')}</Typography.Text>
          </Typography.Text>
          <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {fields.map((f, i) => (
              <li key={f.key}>
                <Flex gap={6} align="start">
                  <span
                    aria-hidden
                    style={{ flex: '0 0 auto', width: 22, height: 22, marginTop: 4, borderRadius: 11, textAlign: 'center', lineHeight: '22px', fontSize: 12, background: token.colorFillSecondary }}
                  >
                    {i + 1}
                  </span>
                  <Form.Item
                    name={[f.name, 'role']}
                    label={t('processes.editor.role')}
                    layout="horizontal"
                    style={{ flex: 1, marginBottom: 8 }}
                    rules={[
                      { required: true, message: t('processes.editor.roleRequired') },
                      { pattern: ROLE_PATTERN, message: t('processes.editor.rolePattern') },
                    ]}
                  >
                    <RoleSelect roles={roles} placeholder={t('processes.editor.rolePlaceholder')} />
                  </Form.Item>
                  <Tooltip title={t('processes.editor.earlier')}>
                    <Button aria-label={t('processes.editor.up', { n: i + 1 })} icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                  </Tooltip>
                  <Tooltip title={t('processes.editor.later')}>
                    <Button aria-label={t('processes.editor.down', { n: i + 1 })} icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                  </Tooltip>
                  <Tooltip title={t('processes.editor.removeNode')}>
                    <Button aria-label={t('processes.editor.removeN', { n: i + 1 })} icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)} />
                  </Tooltip>
                </Flex>
              </li>
            ))}
          </ol>
          <Form.ErrorList errors={errors} />
          <Button size="small" icon={<PlusOutlined />} disabled={fields.length >= NODES_MAX} onClick={() => add({ role: '' })}>
            {t('processes.editor.addNode')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function LevelCard({ field, index, count, graded, roles, onRemove }: { readonly field: FormListFieldData; readonly index: number; readonly count: number; readonly graded: boolean; readonly roles: readonly string[]; readonly onRemove: () => void }) {
  const { t } = useTranslation();
  const level = Form.useWatch(['risk_levels', field.name, 'level']) as number | null | undefined;
  const title = graded ? t('processes.level', { n: level ?? index + 1 }) : t('tasks.field.approval');
  return (
    <Card
      size="small"
      role="group"
      aria-label={title}
      title={title}
      style={{ marginBottom: 12 }}
      extra={
        graded ? (
          <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={count === 1} onClick={onRemove} aria-label={t('processes.editor.removeAria', { what: title })}>
            {t('processes.editor.remove')}
          </Button>
        ) : null
      }
    >
      {graded ? (
        <>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item
                name={[field.name, 'level']}
                label={t('processes.editor.level')}
                extra={t('processes.editor.levelExtra')}
                dependencies={[['risk_levels']]}
                rules={[
                  { required: true, message: t('processes.editor.levelRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: number | null) => {
                      const all = (getFieldValue('risk_levels') as LevelValues[] | undefined) ?? [];
                      if (v !== null && all.filter((l) => l?.level === v).length > 1) throw new Error(t('processes.editor.levelTwice', { n: v }));
                    },
                  }),
                ]}
              >
                <InputNumber min={1} max={LEVEL_MAX} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name={[field.name, 'max_statements']} label={t('processes.maxStatements')} extra={t('processes.editor.maxExtra')}>
                <InputNumber min={1} precision={0} placeholder={t('processes.editor.any')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name={[field.name, 'sql_subtypes']}
            label={t('processes.sqlSubtypes')}
            extra={t('processes.editor.subtypesExtra')}
            rules={[{ required: true, type: 'array', min: 1, message: t('processes.editor.subtypesRequired') }]}
          >
            <Checkbox.Group options={subtypeOptions} />
          </Form.Item>
        </>
      ) : null}
      <NodesEditor levelField={field.name} roles={roles} />
    </Card>
  );
}

/** Risk levels with their statement kinds, limits and ordered approval nodes; only database changes have more than one level. */
export function RiskLevelsEditor({ graded, roles }: { readonly graded: boolean; readonly roles: readonly string[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name="risk_levels">
      {(fields, { add, remove }, { errors }) => {
        const shown = graded ? fields : fields.slice(0, 1);
        return (
          <>
            {!graded && fields.length > 1 ? (
              <Typography.Paragraph type="warning">{t('processes.editor.onlyDb')}</Typography.Paragraph>
            ) : null}
            {shown.map((f, i) => (
              <LevelCard key={f.key} field={f} index={i} count={fields.length} graded={graded} roles={roles} onRemove={() => remove(f.name)} />
            ))}
            <Form.ErrorList errors={errors} />
            {graded ? (
              <Button
                icon={<PlusOutlined />}
                disabled={fields.length >= LEVEL_MAX}
                onClick={() => add(newLevel((form.getFieldValue('risk_levels') as LevelValues[] | undefined) ?? []))}
              >
                {t('processes.editor.addLevel')}
              </Button>
            ) : null}
          </>
        );
      }}
    </Form.List>
  );
}
