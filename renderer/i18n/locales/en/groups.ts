/** Groups and bindings: which hosts serve which service, with what weight. */
export const groups = {
  subtitle: 'A group is a service or business. Bindings put hosts in groups with a weight; tasks target bindings.',
  add: 'Add group', empty: 'No groups yet. A group is a service or business; bind hosts to it with weights.',
  delete: {
    title: 'Delete group {{name}}?', empty: 'It has no bindings. This cannot be undone.',
    bound_one: 'Its {{count}} binding is removed too; tasks that target it lose those hosts. This cannot be undone.',
    bound_other: 'Its {{count}} bindings are removed too; tasks that target them lose those hosts. This cannot be undone.',
  },
  binding: {
    add: 'Add binding', deleteTitle: 'Delete binding {{name}}?', deleteText: '{{host}} is no longer part of {{group}}; tasks that target this binding lose this host.',
    allGroups: 'All groups', filter: 'Filter by group', empty: 'No bindings. Bind a host to a group so tasks can target it.',
    editTitle: 'Edit binding {{name}}', nameRequired: 'Name the binding', nameExtra: 'Tasks target bindings by this name.', groupRequired: 'Pick a group',
    hostRequired: 'Pick a host', hostMove: 'Moving a binding to another host moves every task that uses it.',
    weightRequired: 'Give a weight of at least 1', weightExtra: "Relative share of runs among the group's hosts.",
  },
  detail: {
    title: 'Group {{name}}', bound: 'Bound hosts', none: 'No hosts bound yet.', notFound: 'Group not found',
    notFoundText: 'There is no group #{{id}}; it may have been deleted.',
  },
  form: { editTitle: 'Edit group {{name}}', nameRequired: 'Give the group a name', descriptionPlaceholder: 'The service or business these hosts serve' },
} as const;
