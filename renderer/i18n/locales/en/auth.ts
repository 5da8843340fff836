/** Sign-in and the first-run form. */
export const auth = {
  signIn: {
    title: 'Sign in', subtitle: 'Use your Taskdeck account on this machine.', submit: 'Sign in',
    userRequired: 'Enter your user name', passwordRequired: 'Enter your password',
    expired: 'Your session expired; sign in again.',
  },
  field: { userName: 'User name', displayName: 'Display name', email: 'Email (optional)', password: 'Password', confirm: 'Confirm password' },
  firstRun: {
    title: 'Create the first administrator',
    subtitle: 'This Taskdeck has no users yet. The account you create here can add everyone else.',
    userHint: 'Letters, digits, “.”, “_” and “-”.',
    userRequired: 'Choose a user name', passwordRequired: 'Choose a password',
    confirmRequired: 'Repeat the password', passwordsDiffer: 'The passwords differ',
    submit: 'Create administrator and sign in',
  },
} as const;
