/**
 * Order of two decimal snowflake ids without converting them to numbers (a JavaScript number
 * cannot hold 64 bits): the longer string is the larger id, equal lengths compare as text.
 */
export function compareSnowflakes(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
