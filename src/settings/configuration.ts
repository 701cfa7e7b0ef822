// The settings of settings.ts in VS Code: read one (typed, with its default), learn when some change, open one in the
// Settings editor, write one. The only module that names our settings to vscode.workspace.
import * as vscode from 'vscode';
import { BuiltinCommands } from '../common/commands';
import { SETTINGS, settingId, SETTINGS_SECTION, type SettingName, type Settings } from './settings';

/** The setting's value, or its default when unset. The type is the declared one; callers still clamp numbers. */
export function getSetting<K extends SettingName>(name: K): Settings[K] {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<Settings[K]>(name, SETTINGS[name].default);
}

/** Whether a configuration change touches any of the settings named. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent, names: readonly SettingName[]): boolean {
  return names.some((name) => event.affectsConfiguration(settingId(name)));
}

/** Calls `listener` after any of the named settings changed. */
export function onDidChangeSettings(names: readonly SettingName[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (affectsSettings(event, names)) listener();
  });
}

/** Opens the Settings editor at the setting. */
export function openSetting(name: SettingName): Thenable<unknown> {
  return vscode.commands.executeCommand(BuiltinCommands.openSettings, settingId(name));
}

/** Writes a setting where it is set: a workspace value overrides the user's, so it is changed there; else the user's. */
export function updateSetting<K extends SettingName>(name: K, value: Settings[K]): Thenable<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const inWorkspace = config.inspect(name)?.workspaceValue !== undefined;
  return config.update(
    name,
    value,
    inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global,
  );
}
