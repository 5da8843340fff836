import { migrations1to13 } from './migrations-1-13';
import { migrations14on } from './migrations-14-on';

/**
 * Numbered migrations; index + 1 is the `user_version` each one leaves behind. Never edit a shipped one.
 * Ids of things users name (hosts, tasks, …) are AUTOINCREMENT: a deleted id is never handed out again,
 * so history that points at it cannot be mistaken for a new row's.
 */
export const migrations: readonly string[] = [...migrations1to13, ...migrations14on];
