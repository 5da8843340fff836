import { said, type ServerWords, type WordKey, type WordParams } from './server-words';

/**
 * The descriptions of Taskdeck's own jobs and steps, in English. These are the renderer's `jobWords`
 * messages too (the Chinese file mirrors them), so the stored English text and what the console
 * shows come from one template.
 */
export const jobWordsEn = {
  adHocRun_one: 'ad-hoc run on {{count}} host: {{command}}',
  adHocRun_other: 'ad-hoc run on {{count}} hosts: {{command}}',
  scheduledRun_one: 'scheduled run on {{count}} host: {{command}}',
  scheduledRun_other: 'scheduled run on {{count}} hosts: {{command}}',
  manualRun_one: 'manual run on {{count}} host: {{command}}',
  manualRun_other: 'manual run on {{count}} hosts: {{command}}',
  adHocTaskRun_one: 'ad-hoc run of task {{task}} on {{count}} host',
  adHocTaskRun_other: 'ad-hoc run of task {{task}} on {{count}} hosts',
  scheduledTaskRun_one: 'scheduled run of task {{task}} on {{count}} host',
  scheduledTaskRun_other: 'scheduled run of task {{task}} on {{count}} hosts',
  manualTaskRun_one: 'manual run of task {{task}} on {{count}} host',
  manualTaskRun_other: 'manual run of task {{task}} on {{count}} hosts',
  validating_one: 'resolve {{count}} host, connect, verify host keys',
  validating_other: 'resolve {{count}} hosts, connect, verify host keys',
  executing_one: 'run on {{count}} host',
  executing_other: 'run on {{count}} hosts',
  hostStep: '{{host}}',
  hostStepAttempt: '{{host}} (attempt {{attempt}})',
  finalSummary: 'exit codes {{exits}}; {{lines}} log lines, {{bytes}}',
  finalSummaryRetried: 'exit codes {{exits}}; {{lines}} log lines, {{bytes}}; {{retried}} retried attempts included',
  finalNoHost: 'no host ran; {{lines}} log lines, {{bytes}}',
  backup: 'Online backup of the database',
  sshImport_one: 'Import of {{count}} host entry from an OpenSSH config',
  sshImport_other: 'Import of {{count}} host entries from an OpenSSH config',
  sshImportStored: '"{{name}}" ({{host}}) stored as host #{{id}}',
  sshImportSkipped: '"{{name}}" skipped: {{reason}}',
  sshImportSummary: '{{stored}} stored, {{skipped}} skipped',
  sshImportSummaryWhy: '{{stored}} stored, {{skipped}} skipped: {{reasons}}',
  changeRequest: 'change request #{{id}}: {{task}}',
} as const;

export type JobWordKey = WordKey<typeof jobWordsEn>;

/** What a node of Taskdeck's own says it is: the English description, and the words the console shows in its reader's language. */
export interface JobText {
  readonly description: string;
  readonly words: ServerWords;
}

/** The description and words of one of Taskdeck's own jobs or steps. */
export function jobText(key: JobWordKey, params: WordParams = {}): JobText {
  const { text, words } = said(jobWordsEn, key, params);
  return { description: text, words };
}
