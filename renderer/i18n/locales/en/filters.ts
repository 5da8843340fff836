/** Column filters: "Filter by state", "Search name". */
export const filters = {
  by: 'Filter by {{what}}', search: 'Search {{what}}', range: 'Filter {{what}}', searchButton: 'Search', filterButton: 'Filter',
  words: {
    name: 'name', type: 'type', level: 'level', approvalRole: 'approval role', associatedHosts: 'associated hosts', status: 'status',
    creator: 'creator', created: 'created', state: 'state',
  },
} as const;
