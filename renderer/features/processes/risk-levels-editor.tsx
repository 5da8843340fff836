import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Flex, Form, InputNumber, Row, Tooltip, Typography, theme } from 'antd';
import type { FormListFieldData } from 'antd';
import { sqlSubtypes } from '../../../shared/domain/processes';
import { RoleSelect } from '../users/role-select';
import { LEVEL_MAX, NODES_MAX, ROLE_PATTERN, newLevel, type LevelValues } from './process-form-model';

const subtypeOptions = sqlSubtypes.map((s) => ({ value: s, label: s }));

/** The ordered approval nodes of one level: each a role; add, remove, and move up or down. */
function NodesEditor({ levelField, roles }: { readonly levelField: number; readonly roles: readonly string[] }) {
  const { token } = theme.useToken();
  return (
    <Form.List
      name={[levelField, 'approval_nodes']}
      rules={[{ validator: async (_r, nodes: unknown[] | undefined) => (nodes?.length ? undefined : Promise.reject(new Error('Add at least one approval node'))) }]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <div>
          <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
            Approval nodes <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>in order; each needs a different person holding its role</Typography.Text>
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
                    label="Role"
                    layout="horizontal"
                    style={{ flex: 1, marginBottom: 8 }}
                    rules={[
                      { required: true, message: 'Pick or type a role' },
                      { pattern: ROLE_PATTERN, message: 'Roles are lower-case letters, digits, "_" or "-", starting with a letter' },
                    ]}
                  >
                    <RoleSelect roles={roles} placeholder="Pick a role, or type a custom one" />
                  </Form.Item>
                  <Tooltip title="Earlier">
                    <Button aria-label={`Move node ${i + 1} up`} icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                  </Tooltip>
                  <Tooltip title="Later">
                    <Button aria-label={`Move node ${i + 1} down`} icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                  </Tooltip>
                  <Tooltip title="Remove this node">
                    <Button aria-label={`Remove node ${i + 1}`} icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)} />
                  </Tooltip>
                </Flex>
              </li>
            ))}
          </ol>
          <Form.ErrorList errors={errors} />
          <Button size="small" icon={<PlusOutlined />} disabled={fields.length >= NODES_MAX} onClick={() => add({ role: '' })}>
            Add node
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function LevelCard({ field, index, count, graded, roles, onRemove }: { readonly field: FormListFieldData; readonly index: number; readonly count: number; readonly graded: boolean; readonly roles: readonly string[]; readonly onRemove: () => void }) {
  const level = Form.useWatch(['risk_levels', field.name, 'level']) as number | null | undefined;
  const title = graded ? `Level ${level ?? index + 1}` : 'Approval';
  return (
    <Card
      size="small"
      role="group"
      aria-label={title}
      title={title}
      style={{ marginBottom: 12 }}
      extra={
        graded ? (
          <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={count === 1} onClick={onRemove} aria-label={`Remove ${title.toLowerCase()}`}>
            Remove
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
                label="Level"
                extra="1 (lowest risk) to 10"
                dependencies={[['risk_levels']]}
                rules={[
                  { required: true, message: 'Give the level a number' },
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: number | null) => {
                      const all = (getFieldValue('risk_levels') as LevelValues[] | undefined) ?? [];
                      if (v !== null && all.filter((l) => l?.level === v).length > 1) throw new Error(`Level ${v} is used twice`);
                    },
                  }),
                ]}
              >
                <InputNumber min={1} max={LEVEL_MAX} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name={[field.name, 'max_statements']} label="Max statements" extra="Empty: any number of statements">
                <InputNumber min={1} precision={0} placeholder="Any" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name={[field.name, 'sql_subtypes']}
            label="SQL subtypes"
            extra="A script falls in the lowest level that covers all of its statements' kinds and their number; none fits: the highest level."
            rules={[{ required: true, type: 'array', min: 1, message: 'Pick at least one kind of statement' }]}
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
  const form = Form.useFormInstance();
  return (
    <Form.List name="risk_levels">
      {(fields, { add, remove }, { errors }) => {
        const shown = graded ? fields : fields.slice(0, 1);
        return (
          <>
            {!graded && fields.length > 1 ? (
              <Typography.Paragraph type="warning">Only database changes have several levels; the first level is kept when you save.</Typography.Paragraph>
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
                Add level
              </Button>
            ) : null}
          </>
        );
      }}
    </Form.List>
  );
}
