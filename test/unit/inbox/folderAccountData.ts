// AccountData over real account folders in a temporary directory, with the account shown given by the test. As
// Accounts does, the folder of an account is made when it becomes the one shown (signed in, switched to), and only
// then: account documents are written only into a folder that is there.
import { mkdirSync } from 'fs';
import { accountStorageDir } from '../../../src/common/accountScope';
import { AccountFolders, type AccountData } from '../../../src/tickets/accountFiles';

export function folderAccountData(dir: string, activeId: () => string | undefined): AccountData {
  const folders = new AccountFolders(dir);
  let shown: string | undefined;
  const current = () => {
    const id = activeId();
    if (id && id !== shown) mkdirSync(accountStorageDir(dir, id), { recursive: true });
    shown = id;
    return id;
  };
  return {
    activeId: current,
    documents: (id) => (current(), folders.documents(id)),
    removeAccount: (id) => folders.removeAccount(id),
    storedAccounts: () => folders.storedAccounts(),
  };
}
