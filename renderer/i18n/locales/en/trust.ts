/** The trust store: public keys this console accepts bundles signed with. */
export const trust = {
  addTitle: 'Trust a public key', addOk: 'Trust key', notTrusted: 'Not trusted', whose: 'Whose key',
  kindUser: 'An approver (decisions signed with it)', kindConsole: 'Another console (request bundles it exports)', key: 'Key',
  keyRequired: 'Paste the key or pick its file', keyExtra: 'A Taskdeck key file (.tdkey), an ssh-ed25519 line, or a PEM public key.',
  readFile: 'Read a key file…', userRequired: 'Name who decisions signed with this key count as here', role: 'Role it approves with',
  roleRequired: 'Name the role', label: 'Label', title: 'Trust store', add: 'Trust a key',
  text: 'Decisions from another workstation are applied only when signed by a key trusted here, as the user and role it is bound to. Request bundles are accepted for review only from consoles whose key is trusted here.',
  boundTo: 'Bound to', console: 'console', added: 'Added', state: 'State', revokedBy: 'revoked by {{by}}', revokeTitle: 'Revoke this key?',
  revokeText: 'Bundles signed with it are refused from now on.', trusted: 'trusted',
} as const;
