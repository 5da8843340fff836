import type { OpName } from '../../shared/api/contract';
import type { BundleReport } from '../../shared/domain/bundles';
import type { CliClient } from './cli-client';
import { CliApiError } from './cli-errors';
import { printResult, renderTable, type Cell } from './cli-output';
import type { CommandOverride, CommandRun } from './cli-program';

/** Every check of a bundle as a table row, then why it would be refused; exit 1 when anything failed (a script can rely on it). */
function report(client: CliClient, run: CommandRun, report: BundleReport, result: unknown): void {
  if (run.format === 'json' || run.format === 'yaml') printResult(result, run.facts, run.format, client.io);
  else {
    const rows: Cell[][] = report.checks.map((c) => [c.check, c.ok ? 'ok' : 'FAILED', c.detail]);
    client.io.out(renderTable(['check', 'result', 'detail'], rows, client.io.columns));
    const signer = report.signer ? `${report.signer.key_id} (${report.signer.user_name || report.signer.console_id || 'unknown'})` : 'none';
    client.io.err(`${report.kind} bundle ${report.bundle_id ?? '?'}; signer ${signer}; content hash ${report.content_hash ?? '?'}`);
  }
  if (!report.ok) throw new CliApiError(report.refusal?.reason ?? 'bundle_refused', report.refusal?.message ?? 'the bundle did not verify');
}

/** `bundle verify --file f` is read-only; `bundle import --file f` applies: both say what was checked. */
export function bundleOverrides(): Partial<Record<OpName, CommandOverride>> {
  return {
    'bundles.verify': {
      async run(client, run) {
        const result = (await client.call(run.name, run.input)) as BundleReport;
        report(client, run, result, result);
      },
    },
    'bundles.import': {
      async run(client, run) {
        const result = (await client.call(run.name, run.input)) as { kind: string; report: BundleReport; request: { id: number; state: string } | null; review: { id: number } | null };
        report(client, run, result.report, result);
        if (result.review) client.io.err(`imported for review as review ${result.review.id}: decide with "taskdeck review decide --id ${result.review.id} --decision approved --output decision.tdbundle"`);
        if (result.request) client.io.err(`decision applied: request ${result.request.id} is ${result.request.state}`);
      },
    },
  };
}
