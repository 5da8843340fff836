/** Users, the audit log and signing keys. */
export const users = {
  subtitle: 'Local accounts and their roles. Approval nodes name roles, so custom roles given here decide who can approve what.',
  new: 'New user', search: 'Search name, email, mobile', searchAria: 'Search users', anyRole: 'Any role', roleFilter: 'Role filter',
  noMatch: 'No users match.', active: 'Active', disabled: 'Disabled', created: 'Created {{name}}',
  adminOnly: 'Administrators only', adminOnlyText: 'Managing users needs the users:admin permission.',
  field: { nick: 'Nick name', email: 'Email', mobile: 'Mobile', roles: 'Roles' },
  editAria: 'Edit {{name}}', resetAria: 'Reset password of {{name}}', resetPassword: 'Reset password',
  reset: {
    done: 'New password set for {{name}}; their sessions were ended', title: 'Reset the password of {{name}}', ok: 'Set password',
    text: 'Their open sessions end; they sign in again with the new password.', password: 'New password', required: 'Type the new password', repeat: 'Repeat it',
  },
  toggle: {
    disableTitle: 'Disable {{name}}?', enableTitle: 'Enable {{name}}?',
    disableText: 'They cannot sign in, and their open sessions end at once. Requests they opened stay as they are.', enableText: 'They can sign in again with their password.',
    disable: 'Disable', enable: 'Enable', disabled: '{{name}} disabled', enabled: '{{name}} enabled', notDisabled: '{{name}} was not disabled', notEnabled: '{{name}} was not enabled',
    disableAria: 'Disable {{name}}', enableAria: 'Enable {{name}}',
  },
  form: {
    editTitle: 'Edit user {{name}}', notSaved: 'The user was not saved', cannotChange: 'Cannot be changed', nameHint: 'Letters, digits, ".", "_" and "-"',
    nameRequired: 'Give a user name', namePattern: 'user_name may hold letters, digits, ".", "_" and "-"', nameLength: '2 to 64 characters',
    emailInvalid: 'Not a valid email address', mobilePattern: 'Digits, spaces and + ( ) -', passwordRequired: 'Set a first password',
    passwordExtra: 'The user can be given a new one later with Reset password.',
    rolesExtra: 'admin: everything · dba: hosts, groups, runs, tasks, approvals · developer: runs and tasks · viewer: read only · custom roles: only what approval nodes ask for. Type a new name to create a custom role.',
    rolesRequired: 'Give at least one role', rolePattern: '"{{role}}": roles are lower-case letters, digits, "_" or "-", starting with a letter',
    rolesPlaceholder: 'Pick roles, or type a custom one', disabledExtra: 'A disabled user cannot sign in; their sessions end at once.', newRole: '{{role}} (new role)',
  },
} as const;

export const audit = {
  problem: {
    rewritten: 'Audit log rewritten', tail_cut: 'Audit entries removed from the end', emptied: 'Audit log emptied',
    anchor_missing: 'Audit anchor missing', anchor_forged: 'Audit anchor forged or unreadable', anchor_mismatch: 'Audit log differs from its anchor',
  },
  broken: 'Audit chain broken', reanchored: 'Audit chain intact since it was re-anchored',
  verifyFailed: 'Could not verify the audit chain',
  subtitle: 'Append-only record of sign-ins, host-key decisions, approvals and every change to hosts, groups, tasks, processes and users, chained with a keyed hash and anchored outside the database.',
  verify: 'Verify chain', allActions: 'All actions', filterAction: 'Filter by action', allTargets: 'All targets', filterTarget: 'Filter by target type',
  actorPlaceholder: 'Actor (exact user name)', filterActor: 'Filter by actor', time: 'Time', actor: 'Actor', action: 'Action', target: 'Target',
  details: 'Details', loadOlder: 'Load older entries', beginning: 'Beginning of the log.',
  whatHappened: 'What happened', category: 'Category', categories: 'Categories', noCategories: 'No categories',
  hidden: 'Hidden: {{names}}. Pick them to show them.', export: 'Export CSV', exportTip: 'Every entry the filters show, as a CSV file', exportFailed: 'The audit log was not exported',
  textPlaceholder: 'Text in an entry', filterText: 'Filter by text in the actor, action, target or details', from: 'From', to: 'To', between: 'Time between',
  cat: { changes: 'Changes', runs: 'Runs', scheduler: 'Scheduler fires', approvals: 'Approvals', security: 'Security', sign_ins: 'Sign-ins', system: 'System', other: 'Other' },
} as const;

export const keys = {
  openssh: 'OpenSSH form', yourFile: 'Your public key file', consoleFile: "This console's public key file",
  subtitle: 'Ed25519 keys for approvals given away from the console. Private keys stay encrypted in this console and are never shown.',
  yours: 'Your key', none: 'You have no signing key',
  noneText: "Create one to approve or reject requests exported from another console. Then send its public key file to that console's administrator.",
  replaceTitle: 'Replace your key?', replaceText: 'Consoles that trust the old key must be sent the new public key file.', replace: 'Replace',
  replaceKey: 'Replace key', create: 'Create signing key', export: 'Export public key file', console: "This console's key",
  consoleText: "It signs the request bundles this console exports. A reviewer's console must trust it (Settings → Trust store) before it accepts them.",
  consoleId: 'Console id', exportConsole: 'Export console key file', handOver: "Hand this file to the other console's administrator; it holds only the public key.",
} as const;
