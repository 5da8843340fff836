/** Descriptions of Taskdeck's own jobs and steps (`jobWords.adHocRun`): the core's English templates, one source for both. */
export { jobWordsEn as jobWords } from '../../../../shared/domain/job-words';
