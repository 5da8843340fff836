/** The page for an address the console does not know. */
export const notFound = {
  title: 'Page not found',
  text: 'Nothing lives at {{path}}. The link may be old, or the page was renamed.',
  home: 'Go to the dashboard',
  back: 'Go back',
} as const;
