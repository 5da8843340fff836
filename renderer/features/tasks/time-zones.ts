/** IANA zones this browser knows, with UTC first and `extra` (a task's saved zone, the browser's) kept even if unlisted. */
export function timeZoneNames(extra: readonly string[] = []): string[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    all = [];
  }
  const rest = [...new Set([...all, ...extra.filter(Boolean)])].filter((z) => z !== 'UTC').sort((a, b) => a.localeCompare(b));
  return ['UTC', ...rest];
}

/** Options for a searchable Select. */
export function timeZoneOptions(extra: readonly string[] = []): { value: string; label: string }[] {
  return timeZoneNames(extra).map((z) => ({ value: z, label: z }));
}
