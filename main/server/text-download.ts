import type http from 'node:http';
import { AuditExportQuery } from '../../shared/domain/audit';
import { AppError } from '../../shared/api/errors';
import type { Core } from '../core/create-core';
import type { Credential } from '../core/services/auth-service';

/**
 * Send text pulled from `chunks` a piece at a time: the next piece is read only once the client took the last
 * (backpressure), and a client that goes away ends the reading.
 */
export async function pipeText(res: http.ServerResponse, chunks: AsyncIterableIterator<string>): Promise<void> {
  try {
    for await (const text of chunks) {
      if (!res.write(text)) await new Promise((r) => { res.once('drain', r); res.once('close', r); });
      if (res.destroyed) return;
    }
    res.end();
  } finally {
    await chunks.return?.();
  }
}

/** `GET /api/v1/audit.csv?category=…&action=…`: the filtered audit log as CSV, streamed. */
export async function downloadAuditCsv(core: Core, credential: Credential | undefined, query: URLSearchParams, res: http.ServerResponse): Promise<void> {
  core.services.auth.authorize(credential, 'read', 'export the audit log');
  const parsed = AuditExportQuery.safeParse(Object.fromEntries(query));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation', `${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`);
  }
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8; header=present',
    'content-disposition': 'attachment; filename="taskdeck-audit.csv"',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  await pipeText(res, core.services.audit.exportCsv(parsed.data));
}
