// Who polls: one window per account holds a lease (in a file every window of the profile can read) and renews it with
// a heartbeat; the others follow its published snapshot. Pure decisions over a clock, unit-tested with a fake one.

export interface Lease {
  /** The window (watcher instance) that polls. */
  owner: string;
  /** Last heartbeat, epoch ms. */
  heartbeatAt: number;
  /** After this the lease is free for anyone (the owner stopped, crashed or hangs). */
  expiresAt: number;
  /** Whether the owner's window had the focus at its last heartbeat. */
  focused: boolean;
}

export type LeaseDecision = 'acquire' | 'renew' | 'follow';

/**
 * What this instance does now. A free or expired lease is taken; the owner renews it; a focused window takes it over
 * from an unfocused owner, so that notifications appear in the window the user is looking at. Everyone else follows.
 */
export function decideLease(current: Lease | undefined, me: string, now: number, focused: boolean): LeaseDecision {
  if (!current || !isLease(current) || current.expiresAt <= now) return 'acquire'; // l10n-exempt: a decision
  if (current.owner === me) return 'renew'; // l10n-exempt: a decision
  if (focused && !current.focused) return 'acquire'; // l10n-exempt: a decision
  return 'follow'; // l10n-exempt: a decision
}

/** The lease this instance writes when it acquires or renews: valid for `ttlMs` from now. */
export function leaseFor(me: string, now: number, ttlMs: number, focused: boolean): Lease {
  return { owner: me, heartbeatAt: now, expiresAt: now + ttlMs, focused };
}

/** A lease as read from a file written by any version of the extension: checked field by field. */
export function isLease(value: unknown): value is Lease {
  if (!value || typeof value !== 'object') return false;
  const lease = value as Record<string, unknown>;
  return (
    typeof lease.owner === 'string' &&
    typeof lease.heartbeatAt === 'number' &&
    typeof lease.expiresAt === 'number' &&
    Number.isFinite(lease.expiresAt) &&
    typeof lease.focused === 'boolean'
  );
}
