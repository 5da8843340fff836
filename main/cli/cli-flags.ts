import { z } from 'zod';
import { operations, type OpName } from '../../shared/api/contract';
import { UsageError } from './cli-errors';
import { idOrName } from './cli-lookup';

export type FlagKind = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'list' | 'json';

/** One `--flag` of a command, from one field of the operation's input schema. */
export interface FlagSpec {
  readonly field: string;
  readonly flag: string;
  readonly kind: FlagKind;
  readonly required: boolean;
  readonly choices?: readonly string[];
  /** Kind of a list's items. */
  readonly items?: 'string' | 'integer' | 'number';
  readonly description: string;
  /** The value is a file whose text is the field (`--config-file` for an SSH config). */
  readonly fromFile: boolean;
  /** An id (or ids) that may be given by name: a word that is not a number is kept, for the CLI to look up (CliFacts.lookup). */
  readonly byName?: boolean;
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
}

export function kebab(field: string): string {
  return field.replace(/_/g, '-');
}

/** The flags of an operation, from its zod input schema: one per top-level field, typed. */
export function flagsOf(name: OpName): FlagSpec[] {
  const op = operations[name];
  const schema = z.toJSONSchema(op.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const parts = schema.allOf ?? [schema];
  const required = new Set(parts.flatMap((p) => p.required ?? []));
  const props = Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<string, JsonSchema>;
  const facts = op.cli;
  return Object.entries(props).filter(([field]) => !facts?.prompted?.[field]).map(([field, p]) => {
    const fileFlag = facts?.fileFields?.[field];
    return {
      field, flag: fileFlag ?? facts?.keys?.[field] ?? kebab(field), ...kindOf(p), required: required.has(field), description: p.description ?? '', fromFile: fileFlag !== undefined,
      ...(facts?.lookup?.[field] ? { byName: true } : {}),
    };
  });
}

function kindOf(p: JsonSchema): Pick<FlagSpec, 'kind' | 'choices' | 'items'> {
  const alternatives = (p.anyOf ?? [p]).filter((a) => a.type !== 'null');
  if (alternatives.length !== 1) return { kind: 'json' };
  const a = alternatives[0]!;
  if (a.enum && a.enum.every((v) => typeof v === 'string')) return { kind: 'enum', choices: a.enum as string[] };
  switch (a.type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return { kind: a.type };
    case 'array': {
      const t = a.items?.type;
      return t === 'string' || t === 'integer' || t === 'number' ? { kind: 'list', items: t } : { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}

/** A flag's text as the value its field takes; a wrong type is a usage error naming the flag. */
export function flagValue(spec: FlagSpec, text: string): unknown {
  switch (spec.kind) {
    case 'integer':
    case 'number':
      return spec.byName ? idOrName(text) : scalar(spec.kind, spec.flag, text);
    case 'list':
      if (text.trim().startsWith('[')) return json(spec.flag, text);
      return text.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => (spec.byName ? idOrName(s) : spec.items === 'string' ? s : scalar(spec.items!, spec.flag, s)));
    case 'json':
      return json(spec.flag, text);
    default:
      return text;
  }
}

function scalar(kind: 'integer' | 'number' | 'string', flag: string, text: string): unknown {
  if (kind === 'string') return text;
  const ok = kind === 'integer' ? /^-?\d+$/.test(text) : text.trim() !== '' && Number.isFinite(Number(text));
  if (!ok) throw new UsageError(`--${flag} needs ${kind === 'integer' ? 'an integer' : 'a number'}, got "${text}"`);
  return Number(text);
}

function json(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Bare words are strings (`--execution-strategy auto` is not JSON).
    if (/^[\w.:/@-]+$/.test(text)) return text;
    throw new UsageError(`--${flag} needs JSON, got ${JSON.stringify(text)}`);
  }
}
