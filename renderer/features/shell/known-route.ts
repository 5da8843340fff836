/** How many segments a page takes after its root, and what the second one must look like. */
interface RouteShape {
  /** The page alone (`#/hosts`). */
  readonly alone: boolean;
  /** A second segment (`#/hosts/3`): what it must match, or absent when the page takes none. */
  readonly sub?: RegExp;
}

const id = /^[1-9]\d{0,15}$/;
const anyId = /^[\w.:-]{1,128}$/;

const shapes: Readonly<Record<string, RouteShape>> = {
  dashboard: { alone: true },
  tasks: { alone: true, sub: /^.{1,128}$/ },
  processes: { alone: true, sub: /^(priority|policy|[1-9]\d{0,15})$/ },
  approvals: { alone: true, sub: anyId },
  permissions: { alone: true },
  run: { alone: true },
  instances: { alone: true, sub: anyId },
  hosts: { alone: true, sub: id },
  groups: { alone: true, sub: id },
  bindings: { alone: true },
  jobs: { alone: true, sub: anyId },
  audit: { alone: true },
  users: { alone: true },
  settings: { alone: true },
  keys: { alone: true },
  reviews: { alone: true, sub: anyId },
};

/**
 * Whether a hash route names a page the console has: a known root, at most the segments that page reads, ids of the
 * right form. Anything else is a 404, not the nearest page showing something it was not asked for.
 */
export function isKnownRoute(segments: readonly string[]): boolean {
  const [root, sub, action, ...rest] = segments;
  if (root === undefined) return true;
  const shape = Object.hasOwn(shapes, root) ? shapes[root] : undefined;
  if (!shape || rest.length > 0) return false;
  if (sub === undefined) return shape.alone;
  if (!shape.sub?.test(sub)) return false;
  // Only a task has a third segment: `#/tasks/<name>/edit` (a new task has none).
  return action === undefined || (root === 'tasks' && action === 'edit' && sub !== 'new');
}
