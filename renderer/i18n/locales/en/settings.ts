/** Settings: language and time. */
export const settings = {
  tabGeneral: 'General',
  appearance: {
    title: 'Appearance', theme: 'Theme', themeHint: 'Kept on this machine. Your system currently prefers {{mode}}.',
    light: 'Light', dark: 'Dark', system: 'Follow system', lightWord: 'light', darkWord: 'dark',
  },
  backup: {
    title: 'Database', text: 'An online backup of the SQLite store into the data folder; Taskdeck keeps running while it is written.',
    now: 'Back up database now', needsAdmin: 'Backups need the system:admin permission (administrators).', written: 'Backup written', failed: 'Backup failed',
  },
  about: {
    title: 'About', version: 'Version', connection: 'Connection', ipc: 'Desktop (IPC)', http: 'Browser mode (loopback HTTP)', signedInAs: 'Signed in as',
  },
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
