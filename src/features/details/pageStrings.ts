// The details page's own changing words (PageStrings of protocol.ts) in the display language: built here with t() and
// sent with the acting part ('actingPart'), so the page script carries no text of its own.
import { t } from '../../common/l10n';
import type { PageStrings } from './protocol';

export function pageStrings(): PageStrings {
  return {
    sendReply: t('Send Reply'),
    sending: t('Sending…'),
    checking: t('Checking…'),
    reopenTicket: t('Reopen Ticket'),
    reopening: t('Reopening…'),
    sendRating: t('Send Rating'),
    closeTicket: t('Close Ticket…'),
    closing: t('Closing…'),
    uploadingPercent: t('uploading {0}%'),
    notUploaded: t('not uploaded: {0}'),
    uploadFailed: t('failed'),
    uploadingFile: t('Uploading {0}'),
    remove: t('Remove'),
    removeFile: t('Remove {0}'),
    sayWhetherSolved: t('Say whether the problem was solved.'),
    sayWhyReopen: t('Say why the ticket is reopened: the reason is sent to support.'),
    chooseScore: t('Choose a score from 1 to 5 stars.'),
    fileTooLarge: t('"{0}" is {1} MB: attachments can be at most {2} MB.'),
  };
}
