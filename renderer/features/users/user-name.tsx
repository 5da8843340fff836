import { Tooltip } from 'antd';
import { useEffect } from 'react';
import { shownName } from '../../lib/user-names';
import { wasAsked } from '../../lib/coalesce';
import { usersStore, useUsers } from '../../stores/users-store';

/** Load the user list once when a name is first shown (everyone signed in may read it); later changes arrive as events. */
function useUserList() {
  const users = useUsers((s) => s.users);
  const asked = useUsers(wasAsked);
  useEffect(() => {
    if (!asked) void usersStore.getState().load();
  }, [asked]);
  return users;
}

/** A person as the console names them: the display name, the user name on hover. */
export function UserName({ name, strong = false }: { readonly name: string; readonly strong?: boolean }) {
  const s = shownName(useUserList(), name);
  const text = strong ? <strong>{s.shown}</strong> : <span>{s.shown}</span>;
  return s.userName ? <Tooltip title={s.userName}>{text}</Tooltip> : text;
}

/** The shown name as text, for sentences and confirmations. */
export function useShownName(): (name: string) => string {
  const users = useUserList();
  return (name) => shownName(users, name).shown;
}
