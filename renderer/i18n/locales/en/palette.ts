/** The command palette (Ctrl+K) and the shortcut sheet (?). */
export const palette = {
  name: 'Command palette', placeholder: 'Jump to a page, host, task or request…', search: 'Jump to a page, host, task or request',
  openTip: 'Jump to a page, host, task or request ({{keys}}); ? lists the shortcuts', openAria: 'Jump to… ({{keys}})',
  loadingLists: 'Loading hosts, tasks and requests', results: 'Results', loading: 'Loading…', nothing: 'Nothing matches “{{query}}”.',
  kind: { page: 'Page', action: 'Action', host: 'Host', task: 'Task', request: 'Request' },
  extra: { keys: 'Signing keys', keysDetail: 'offline review', reviews: 'Reviews', reviewsDetail: 'offline review bundles', newTask: 'New task', newTaskDetail: 'create' },
  requestedBy: 'by {{user}}',
  help: {
    title: 'Keyboard shortcuts', typing: 'Shortcuts other than Ctrl+K do nothing while you type in a field.',
    palette: 'Open the command palette: jump to a page, host, task or request by name (⌘K on a Mac)',
    move: 'In the palette: move between results', open: 'In the palette: open the highlighted result',
    close: 'Close the palette, this sheet or a dialog', sheet: 'Show this sheet', go: 'Go to {{page}}',
  },
} as const;
