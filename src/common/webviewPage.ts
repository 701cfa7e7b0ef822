// The vscode side of pageAssets.ts: what a webview panel of ours needs to render its page (the CSP source, a fresh
// nonce, the page's files in media/ as webview URIs, and their text to carry in the document when it can be read).
import * as vscode from 'vscode';
import { createNonce, readPageAssets, type PageName, type PageResources } from './pageAssets';

export function pageResources(webview: vscode.Webview, extensionUri: vscode.Uri, page: PageName): PageResources {
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(media, file)).toString();
  return {
    cspSource: webview.cspSource,
    nonce: createNonce(),
    styleUri: uri(`${page}.css`),
    scriptUri: uri(`${page}.js`),
    inline: media.scheme === 'file' ? readPageAssets(media.fsPath, page) : undefined,
  };
}
