// The vscode edge of the team file (teamFile.ts): read from each workspace folder's `.vscode/aliyun-tickets.json`
// through the workspace's file system (virtual workspaces too), and a file with problems reported once per content,
// through the notification surface's rule, with a button that opens it.
import * as vscode from 'vscode';
import { t } from '../../common/l10n';
import { notificationText } from '../../common/untrustedText';
import { EMPTY_TEAM_FILE, parseTeamFile, TEAM_FILE_LIMITS, TEAM_FILE_PATH, type TeamFile } from './teamFile';

export interface ReadTeamFile {
  uri: vscode.Uri;
  file: TeamFile;
}

async function readOne(folder: vscode.WorkspaceFolder): Promise<ReadTeamFile | undefined> {
  const uri = vscode.Uri.joinPath(folder.uri, TEAM_FILE_PATH);
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > TEAM_FILE_LIMITS.bytes) return { uri, file: parseTeamFile('x'.repeat(TEAM_FILE_LIMITS.bytes + 1)) };
    const bytes = await vscode.workspace.fs.readFile(uri);
    return { uri, file: parseTeamFile(new TextDecoder('utf-8').decode(bytes)) };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    return { uri, file: { ...EMPTY_TEAM_FILE, problems: [t('It could not be read.')] } };
  }
}

/** Problems already shown this session, by file and problem text: a file is reported again only once it changed. */
const reported = new Set<string>();

function report(read: ReadTeamFile): void {
  if (!read.file.problems.length) return;
  const key = `${read.uri.toString()}\n${read.file.problems.join('\n')}`;
  if (reported.has(key)) return;
  reported.add(key);
  const shown = read.file.problems.slice(0, 3).join(' ');
  const more = read.file.problems.length > 3 ? ` ${t('({0} more)', read.file.problems.length - 3)}` : '';
  const open = t('Open File');
  void vscode.window
    .showWarningMessage(
      t(
        'The team file {0} has problems; the rest of it is used. {1}',
        notificationText(vscode.workspace.asRelativePath(read.uri, true), 200),
        notificationText(shown + more, 600),
      ),
      open,
    )
    .then((choice) => (choice === open ? vscode.window.showTextDocument(read.uri) : undefined));
}

/** Every workspace folder's team file that exists, in folder order; problems are reported. */
export async function readTeamFiles(): Promise<ReadTeamFile[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const reads = (await Promise.all(folders.map(readOne))).filter((r): r is ReadTeamFile => !!r);
  reads.forEach(report);
  return reads;
}

/** Items from all folders, the first of each name kept (a name picks one item). */
export function mergeByName<T extends { name: string }>(lists: T[][]): T[] {
  const seen = new Set<string>();
  return lists.flat().filter((item) => !seen.has(item.name) && !!seen.add(item.name));
}
