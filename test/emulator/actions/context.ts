// What every action handler receives, and the shape of the action table.
import type { Language } from '../model';
import type { EmulatorStore } from '../store';
import type { UploadSigner } from '../uploads';
import type { Outcome } from '../wire';

export interface ActionContext {
  store: EmulatorStore;
  /** Query and body parameters together (body wins on a clash, as the gateway merges them). */
  params: Map<string, string>;
  requestId: string;
  /** Label language: the Language parameter when zh or en, else the emulator's default. */
  language: Language;
  /** Signs the emulator's local attachment URLs. */
  uploads: UploadSigner;
}

export interface ActionDefinition {
  handler: (ctx: ActionContext) => Outcome;
}
