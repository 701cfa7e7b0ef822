// After a reply whose fate is unknown (the server took it, or not: a timeout, a dropped connection): the reloaded
// conversation is searched for it, and the user is told what that means for sending again. No vscode import.
import { errorText } from '../../common/errorText';
import { t } from '../../common/l10n';

export type ArrivalCheck = { arrived: true; notice: string } | { arrived: false; notice: string };

/** find: the reply in the conversation now (undefined: not there); error: what the send ended with. */
export async function checkReplyArrived(find: () => PromiseLike<unknown>, error: unknown): Promise<ArrivalCheck> {
  try {
    if (await find())
      return {
        arrived: true,
        notice: t('Your reply arrived (checked in the reloaded conversation), although the server did not confirm it.'),
      };
    return {
      arrived: false,
      notice: t(
        '{0} The conversation was reloaded and your reply is not in it, so it is safe to send it again. Your text and attachments are kept.',
        errorText(error),
      ),
    };
  } catch (checkError) {
    return {
      arrived: false,
      notice: t(
        '{0} Checking the conversation failed too ({1}). Refresh and look for your reply before sending it again; your text and attachments are kept.',
        errorText(error),
        errorText(checkError),
      ),
    };
  }
}
