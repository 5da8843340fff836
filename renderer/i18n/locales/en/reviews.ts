/** Offline review: imported request bundles and decision bundles. */
export const reviews = {
  title: 'Reviews', subtitle: 'Change requests exported by other consoles, to approve or reject offline with your signing key.',
  importBundle: 'Import bundle', empty: 'No bundles imported for review yet.', request: 'Request', node: 'Node',
  decided: { approved: 'approved by {{by}}', rejected: 'rejected by {{by}}' }, waiting: 'waiting', imported: 'Imported',
  reviewN: 'Review {{id}}', from: 'from console {{console}}, exported by {{by}}', refused: 'Refused',
  carryBack: 'Carry the decision bundle back to the home console and import it there.', showBundle: 'Show decision bundle',
  commentPlaceholder: 'Comment (optional)', approveSign: 'Approve and sign', rejectSign: 'Reject and sign', cannotDecide: 'You cannot decide this request',
  whatItApproves: 'What it approves', processLevel: '{{name}} · risk level {{level}}', waitingAt: 'Waiting at', clientCommand: 'Client command:',
  target: 'Target', pinnedKey: 'Pinned host key', earlier: 'Earlier decisions', earlierLine: 'Node {{n}}: {{decision}} ({{source}})',
  signedWith: 'signed with {{key}}', onHome: 'on the home console', bundleTitle: 'Decision bundle',
  bundleText: 'Take this file to the home console and import it on its Approvals page.',
} as const;

export const bundles = {
  refusal: {
    malformed: 'Not a bundle Taskdeck can read', wrong_console: 'Meant for another console', unknown_key: 'Signed by a key this console does not trust',
    revoked_key: 'Signed by a revoked key', bad_signature: 'The signature does not verify', hash_mismatch: 'The content changed',
    not_waiting: 'The request no longer waits for this', expired: 'The approval window has closed', replayed: 'Already applied',
    wrong_node: 'Not the node that waits', own_request: 'The requester cannot approve their own request', role: "The key's role does not fit the node",
    four_eyes: 'Two nodes need two people',
  },
  verifies: { request: 'This request bundle verifies', decision: 'This decision bundle verifies' },
  allPassed: 'Every check below passed. Nothing has been applied yet.', kind: 'Kind', kinds: { request: 'request', decision: 'decision' },
  signedBy: 'Signed by', console: 'console {{id}}', userAs: '{{user}} as {{role}}', notEstablished: 'not established', checks: 'Checks',
  passed: 'passed', failed: 'failed', applyDecision: 'Apply decision', importForReview: 'Import for review', importTitle: 'Import a bundle',
  choose: 'Choose a .tdbundle file…', text: 'Bundle text', paste: '…or paste the bundle here', verify: 'Verify',
  exportTip: 'A signed .tdbundle for a reviewer on another workstation', notPortable: 'Made before portable hashes: decide it on this console',
  export: 'Export bundle', asBundle: 'Request #{{id}} as a bundle',
  sendIt: "Send it to the reviewer; their console must trust this console's key (Keys → Export console key file).",
} as const;
