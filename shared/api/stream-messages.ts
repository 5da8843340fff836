import type { ErrorBody } from './errors';

/** What goes down the IPC stream channel: a piece of a stream's body, its end, or its failure; numbered for the page's ack. */
export type StreamMessage =
  | { readonly id: number; readonly seq: number; readonly kind: 'chunk'; readonly text: string }
  | { readonly id: number; readonly seq: number; readonly kind: 'end' }
  | { readonly id: number; readonly seq: number; readonly kind: 'error'; readonly status: number; readonly body: ErrorBody };

/** What opening a stream answers: it ended (or, on the open call, started), or why not. */
export type StreamResult = { ok: true; data: null } | { ok: false; status: number; body: ErrorBody };
