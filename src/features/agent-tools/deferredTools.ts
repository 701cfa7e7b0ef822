// Registers the agent tools with VS Code at activation (vscode.lm.registerTool needs them then) and loads their code
// (registerAgentTools.ts, in dist/features.js) on the first call VS Code makes to one of them.
import * as vscode from 'vscode';
import { TOOL_NAMES } from './toolNames';

type Tools = Record<string, vscode.LanguageModelTool<unknown>>;

/**
 * Registers every tool; `create` builds the real ones once, on first use. Returns them by name (built on access) and
 * the registrations to dispose.
 */
export function registerDeferredAgentTools(create: () => Tools): {
  tools: () => Tools;
  disposables: vscode.Disposable[];
} {
  let tools: Tools | undefined;
  const loaded = () => (tools ??= create());
  const disposables: vscode.Disposable[] = [];
  for (const name of Object.values(TOOL_NAMES)) {
    const tool: vscode.LanguageModelTool<unknown> = {
      prepareInvocation: (options, token) => loaded()[name].prepareInvocation?.(options, token),
      invoke: (options, token) => loaded()[name].invoke(options, token),
    };
    disposables.push(vscode.lm.registerTool(name, tool));
  }
  return { tools: loaded, disposables };
}
