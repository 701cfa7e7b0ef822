// AccountData over real account folders in a temporary directory, with the account shown given by the test.
import { AccountFolders, type AccountData } from '../../../src/tickets/accountFiles';

export function folderAccountData(dir: string, activeId: () => string | undefined): AccountData {
  const folders = new AccountFolders(dir);
  return {
    activeId,
    documents: (id) => folders.documents(id),
    removeAccount: (id) => folders.removeAccount(id),
    storedAccounts: () => folders.storedAccounts(),
  };
}
