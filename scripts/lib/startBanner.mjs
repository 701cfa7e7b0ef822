// What npm start prints last, once everything runs: the URL to open and the keys of the emulator's two demo accounts.
// The second is another Alibaba Cloud account with tickets of its own (none yet), so Add Account… and a switch show
// a different list; the first account's temporary STS key (with its token) is printed too, to try an STS sign-in.
// The keys work only against the emulator.

/**
 * The closing banner; `DEMO_CREDENTIALS`, `OTHER_ACCOUNT_CREDENTIALS` and `STS_CREDENTIALS` are the emulator's
 * (test/emulator/credentials.ts).
 */
export function startBanner({ url, seed, emulatorUrl, DEMO_CREDENTIALS, OTHER_ACCOUNT_CREDENTIALS, STS_CREDENTIALS }) {
  const rule = '═'.repeat(78);
  return `
${rule}
  Alibaba Cloud Tickets is running in VS Code (code-server), against the local emulator (${seed} tickets).

  Open:  ${url}

  Sign in (F1 → "Alibaba Cloud Tickets: Sign In") with the first demo account:
    AccessKey ID:       ${DEMO_CREDENTIALS.accessKeyId}
    AccessKey Secret:   ${DEMO_CREDENTIALS.accessKeySecret}

  Then try a second account (F1 → "Alibaba Cloud Tickets: Add Account…"), another account with no tickets yet:
    AccessKey ID:       ${OTHER_ACCOUNT_CREDENTIALS.accessKeyId}
    AccessKey Secret:   ${OTHER_ACCOUNT_CREDENTIALS.accessKeySecret}

  Or sign in to the first account with a temporary STS key (it asks for the token):
    AccessKey ID:       ${STS_CREDENTIALS.accessKeyId}
    AccessKey Secret:   ${STS_CREDENTIALS.accessKeySecret}
    Security token:     ${STS_CREDENTIALS.securityToken}

  (demo keys: they work only against this emulator, ${emulatorUrl})
  Ctrl-C stops code-server and the emulator.
${rule}
`;
}
