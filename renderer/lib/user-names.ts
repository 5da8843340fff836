import type { User } from '../../shared/domain/users';

/** How a person is named on screen: their display name when they have one, with the user name to show on hover. */
export interface ShownName {
  readonly shown: string;
  /** The user name, when `shown` is something else (for a tooltip); null when they are the same. */
  readonly userName: string | null;
}

/** A user's display name (nick_name) when set; the user name itself for an unknown user (deleted, or from another console). */
export function shownName(users: readonly Pick<User, 'user_name' | 'nick_name'>[], userName: string): ShownName {
  const nick = users.find((u) => u.user_name === userName)?.nick_name.trim();
  return nick && nick !== userName ? { shown: nick, userName } : { shown: userName, userName: null };
}
