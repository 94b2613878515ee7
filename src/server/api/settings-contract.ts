/**
 * The types « Paramètres et clés… » exchanges with the server (google.script.run): plain JSON,
 * and never a stored secret in full — `masked` is all the dialog gets back.
 */
import type { SecretGroup, SecretKind } from '../../core/settings/secret-keys';

export interface SecretState {
  /** The script property, e.g. `CLAUDE_API_KEY`, `MAKE_WEBHOOK_URL_OPPORTUNITE_GAGNEE`. */
  readonly id: string;
  readonly group: SecretGroup;
  readonly kind: SecretKind;
  readonly label: string;
  readonly help: string;
  readonly testable: boolean;
  readonly configured: boolean;
  /** `••••abcd` (last 4 characters), or null when nothing is stored. */
  readonly masked: string | null;
}

export interface SettingsKeysState {
  readonly keys: readonly SecretState[];
  /** `claude.modele` of Parametres: what « Tester » checks the Claude key against. */
  readonly claudeModel: string;
  /** Event types Slack announces (`slack.evenements`). */
  readonly slackEvents: readonly string[];
  /** The deployed web app's URL for Make (doPost), null while it is not deployed. */
  readonly webAppUrl: string | null;
}

export interface KeyTestResult {
  readonly ok: boolean;
  /** French: works, or why not and what to do. */
  readonly message: string;
  readonly testedAt?: string;
}

export interface GeneratedSecret {
  /** Shown once, to paste into the Make scenario; never sent again. */
  readonly secret: string;
  readonly state: SecretState;
}
