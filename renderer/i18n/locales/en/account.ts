/** One's own account: changing the password, and the password rules as every form says them. */
export const account = {
  password: {
    title: 'Password',
    text: 'Changing it signs you out everywhere else; this window stays signed in.',
    current: 'Current password',
    next: 'New password',
    again: 'New password again',
    currentRequired: 'Type your current password',
    nextRequired: 'Choose a new password',
    againMismatch: 'The two new passwords differ',
    change: 'Change password',
    changed: 'Password changed',
    changedOthers_one: 'Password changed; {{count}} other session was signed out',
    changedOthers_other: 'Password changed; {{count}} other sessions were signed out',
    failed: 'Could not change the password',
  },
  rules: {
    hint: 'At least {{min}} characters; not a common password, not the user name.',
    tooShort: 'At least {{min}} characters',
  },
  rule: {
    too_short: 'Must be at least {{min}} characters',
    one_character: 'Must not be one character repeated',
    user_name: 'Must not be the user name',
    common: 'This is one of the most common passwords; choose one that is not easy to guess',
    same_as_current: 'Must differ from the current password',
    wrong_current: 'This is not your current password',
  },
} as const;
