import type { Command } from 'commander';
import { operations, type OpName } from '../../shared/api/contract';
import type { BundleReport } from '../../shared/domain/bundles';
import type { CliClient } from './cli-client';
import { CliApiError, UsageError } from './cli-errors';
import { printResult, renderTable, type Cell } from './cli-output';
import { writeFileOutput, type CommandOverride, type CommandRun } from './cli-program';

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

/**
 * On the reviewer's console a request imported for review is decided and exported with the same
 * commands as a request at home: `request approve|reject --review-id R` signs the decision with the
 * user's key, and `request export --review-id R --output d.tdbundle` writes the decision bundle to
 * take home. (`review decide` does both at once.)
 */
const reviewFlag = (cmd: Command): void => void cmd.option('--review-id <id>', 'a request imported here for review (taskdeck review list), instead of --id / --request-id');

function reviewIdOf(run: CommandRun, own: string): number {
  if (run.opts[own] !== undefined) throw new UsageError(`give --review-id or the request's own id, not both`);
  const id = Number(run.opts.reviewId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`--review-id takes a review's id, a whole number above 0 (taskdeck review list shows them)`);
  return id;
}

function decideOverride(decision: 'approved' | 'rejected'): CommandOverride {
  return {
    extraOptions: reviewFlag,
    alone: (opts) => opts.reviewId !== undefined,
    async run(client, run) {
      if (run.opts.reviewId === undefined) return printResult(await client.call(run.name, run.input), run.facts, run.format, client.io);
      const id = reviewIdOf(run, 'id');
      const comment = typeof run.opts.comment === 'string' ? run.opts.comment : '';
      const result = (await client.call('reviews.decide', { id, decision, comment })) as { review: unknown };
      printResult(result.review, operations['reviews.get'].cli, run.format, client.io);
      client.io.err(`${decision}, signed with your key: write the decision bundle with "taskdeck request export --review-id ${id} --output decision.tdbundle"`);
    },
  };
}

/** `bundle verify --file f` is read-only; `bundle import --file f` applies: both say what was checked. */
export function bundleOverrides(): Partial<Record<OpName, CommandOverride>> {
  return {
    'requests.approve': decideOverride('approved'),
    'requests.reject': decideOverride('rejected'),
    'requests.export-bundle': {
      extraOptions: reviewFlag,
      alone: (opts) => opts.reviewId !== undefined,
      async run(client, run) {
        const output = run.opts.output as string | undefined;
        if (run.opts.reviewId === undefined) return writeFileOutput(client, await client.call(run.name, run.input), '', output);
        writeFileOutput(client, await client.call('reviews.decision-bundle', { id: reviewIdOf(run, 'requestId') }), '', output);
      },
    },
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
        if (result.review) client.io.err(`imported for review as review ${result.review.id}: decide with "taskdeck request approve --review-id ${result.review.id}" (or reject), then "taskdeck request export --review-id ${result.review.id} --output decision.tdbundle"`);
        if (result.request) client.io.err(`decision applied: request ${result.request.id} is ${result.request.state}`);
      },
    },
  };
}
