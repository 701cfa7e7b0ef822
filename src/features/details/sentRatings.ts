// The ratings the user sent, per account: the API has no action that reads a rating back, so a ticket rated here is
// not offered Rate again (the panel says what was sent instead) until it is reopened. Only the choice is kept (solved,
// score), never the comment. In the account's memento: removed with the account. No vscode import.
import type { ScopedMemento } from '../../common/accountScope';
import { t } from '../../common/l10n';

export interface SentRating {
  solved: boolean;
  /** 1..5 */
  score: number;
}

/** The scope's key of a ticket's sent rating. */
export const RATING_KEY_PREFIX = 'rating.';

export interface AccountRatings {
  get(ticketId: string): SentRating | undefined;
  /** undefined forgets it (the ticket was reopened: a new rating is wanted when it is done again). */
  remember(ticketId: string, rating: SentRating | undefined): PromiseLike<void>;
}

/** The ratings of the account whose memento this is (undefined: signed out, nothing is kept). */
export function accountRatings(memento: ScopedMemento | undefined): AccountRatings {
  return {
    get: (ticketId) => parseRating(memento?.get(RATING_KEY_PREFIX + ticketId)),
    remember: (ticketId, rating) =>
      memento?.update(RATING_KEY_PREFIX + ticketId, rating && { solved: rating.solved, score: rating.score }) ??
      Promise.resolve(),
  };
}

/** What the panel says in place of Rate once a rating was sent. */
export function ratedText(rating: SentRating | undefined): string | undefined {
  if (!rating) return undefined;
  return rating.solved
    ? t('You rated this ticket {0} of 5 and said the problem was solved.', rating.score)
    : t('You rated this ticket {0} of 5 and said the problem was not solved.', rating.score);
}

function parseRating(raw: unknown): SentRating | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { solved, score } = raw as Record<string, unknown>;
  const scoreOk = typeof score === 'number' && Number.isInteger(score) && score >= 1 && score <= 5;
  return typeof solved === 'boolean' && scoreOk ? { solved, score } : undefined;
}
