import type { TextChunks } from '../../../shared/api/contract';
import type { LogLine } from '../../../shared/domain/instances';

/** Lines read from the store at once: each page is read whole, so no cursor stays open while a reader is slow. */
export const LOG_TEXT_PAGE_LINES = 1000;
/** A piece handed to the transport is cut after the line that takes it past this many characters. */
export const LOG_TEXT_PIECE_CHARS = 64 * 1024;

/** How a line reads in a downloaded log: system lines are marked so they cannot pass for the command's output. */
export function logTextLine(line: Pick<LogLine, 'stream' | 'text'>): string {
  return line.stream === 'system' ? `# taskdeck: ${line.text}` : line.text;
}

/**
 * Lines 1..`totalLines` as text, each ending in '\n', in pieces of about {@link LOG_TEXT_PIECE_CHARS}. `readLines`
 * reads a window of the log; the total is fixed when the download begins, so a running log yields what it had then.
 */
export async function* logText(readLines: (from: number, limit: number) => readonly LogLine[], totalLines: number, pageLines = LOG_TEXT_PAGE_LINES): TextChunks {
  let piece = '';
  for (let from = 1; from <= totalLines; from += pageLines) {
    for (const line of readLines(from, Math.min(pageLines, totalLines - from + 1))) {
      piece += logTextLine(line) + '\n';
      if (piece.length >= LOG_TEXT_PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
  }
  if (piece) yield piece;
}
