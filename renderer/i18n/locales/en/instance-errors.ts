/** Errors the core records when a run ends (`instanceErrors.exitCode`): the core's English templates, one source for both. */
export { instanceErrorWordsEn as instanceErrors } from '../../../../shared/domain/instance-error-words';
