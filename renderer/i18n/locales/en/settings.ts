/** Settings: language and time. */
export const settings = {
  display: {
    title: 'Language and time',
    language: 'Language',
    languageHint: 'Kept for your account, on every machine you sign in from.',
    timeZone: 'Time zone',
    timeZoneHint: 'Every time on screen is shown in this zone, with the zone named.',
    zoneLocal: 'This machine\'s zone ({{zone}})',
    zoneUtc: 'UTC',
    zoneNamed: 'A named zone',
    zonePick: 'Pick a zone',
    clock: 'Clock',
    h24: '24-hour',
    h12: '12-hour',
    example: 'Now: {{now}}',
    saveFailed: 'Could not save your preferences',
  },
} as const;
