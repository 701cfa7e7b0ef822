// What npm start prints last, once everything runs: the URL to open and the keys of the emulator's two demo accounts
// (the second, a temporary STS key, is what Add Account… can be tried with). The keys work only against the emulator.

/** The closing banner; `DEMO_CREDENTIALS` and `STS_CREDENTIALS` are the emulator's (test/emulator/credentials.ts). */
export function startBanner({ url, seed, emulatorUrl, DEMO_CREDENTIALS, STS_CREDENTIALS }) {
  const rule = '═'.repeat(78);
  return `
${rule}
  Alibaba Cloud Tickets is running in VS Code (code-server), against the local emulator (${seed} tickets).

  Open:  ${url}

  Sign in (F1 → "Alibaba Cloud Tickets: Sign In") with the first demo account:
    AccessKey ID:       ${DEMO_CREDENTIALS.accessKeyId}
    AccessKey Secret:   ${DEMO_CREDENTIALS.accessKeySecret}

  Then try a second account (F1 → "Alibaba Cloud Tickets: Add Account…"), a temporary STS key:
    AccessKey ID:       ${STS_CREDENTIALS.accessKeyId}
    AccessKey Secret:   ${STS_CREDENTIALS.accessKeySecret}
    Security token:     ${STS_CREDENTIALS.securityToken}

  (demo keys: they work only against this emulator, ${emulatorUrl})
  Ctrl-C stops code-server and the emulator.
${rule}
`;
}
