/**
 * The Claude Messages API as plain data (shared/apis/anthropic.md): the request body the CRM
 * sends and the reading of the answer. Only the portable subset is used, the one every current
 * model accepts: no `temperature`/`top_p`/`top_k`, no assistant prefill, no forced
 * `tool_choice`, no `thinking` field; JSON through `output_config.format`; content blocks read by
 * type, because a `thinking` block may come before the text.
 */
import type { StructuredTask } from '../ai/structured-answer';

export const ANTHROPIC_API_BASE = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';
export const MESSAGES_PATH = '/v1/messages';

/**
 * Explanations and e-mail drafts run well on a Haiku (anthropic.md §6). The alias follows the
 * latest Haiku 4.5 snapshot; a user may pin another id in Parametres, checked by `GET /v1/models`.
 */
export const DEFAULT_CLAUDE_MODEL = 'claude-haiku-4-5';

export function buildMessagesBody(model: string, task: StructuredTask<unknown>): object {
  return {
    model,
    max_tokens: task.maxTokens,
    system: task.system,
    messages: [{ role: 'user', content: task.user }],
    output_config: { format: { type: 'json_schema', schema: task.jsonSchema } },
  };
}

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheCreationInputTokens: number;
  readonly cacheReadInputTokens: number;
}

/** Every token billed for a call: input of all kinds plus output (which includes thinking). */
export function totalTokens(usage: TokenUsage): number {
  return (
    usage.inputTokens +
    usage.cacheCreationInputTokens +
    usage.cacheReadInputTokens +
    usage.outputTokens
  );
}

export type MessageReading =
  | {
      readonly ok: true;
      readonly text: string;
      /** The resolved model id: an alias comes back dated. */
      readonly model: string;
      readonly usage: TokenUsage;
    }
  | {
      readonly ok: false;
      /** What went wrong, in French, for the user. */
      readonly problem: string;
      readonly refused: boolean;
      /** Tokens are billed even for an answer we cannot use; null when the body had no usage. */
      readonly usage: TokenUsage | null;
      readonly model: string;
    };

/** Reads a 200 answer of `POST /v1/messages`: the first text block, the usage and the model. */
export function readMessage(bodyText: string, requestedModel: string): MessageReading {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return failure('la réponse n’est pas du JSON lisible', null, requestedModel);
  }
  if (!isObject(body) || body.type !== 'message' || !Array.isArray(body.content)) {
    return failure('la réponse n’a pas la forme d’un message', null, requestedModel);
  }
  const usage = readUsage(body.usage);
  const model = typeof body.model === 'string' && body.model !== '' ? body.model : requestedModel;
  if (body.stop_reason === 'max_tokens') {
    return failure('la réponse a été tronquée (limite de jetons atteinte)', usage, model);
  }
  if (body.stop_reason === 'refusal') {
    return { ok: false, problem: 'Claude a refusé de répondre', refused: true, usage, model };
  }
  if (body.stop_reason === 'model_context_window_exceeded') {
    return failure('les données dépassent la taille que le modèle accepte', usage, model);
  }
  const block = body.content.find(
    (b): b is { type: 'text'; text: string } =>
      isObject(b) && b.type === 'text' && typeof b.text === 'string',
  );
  if (!block) return failure('la réponse ne contient aucun texte', usage, model);
  if (usage === null) return failure('la réponse ne dit pas les jetons consommés', null, model);
  return { ok: true, text: block.text, model, usage };
}

export function readUsage(value: unknown): TokenUsage | null {
  if (!isObject(value)) return null;
  const input = count(value.input_tokens);
  const output = count(value.output_tokens);
  if (input === null || output === null) return null;
  return {
    inputTokens: input,
    outputTokens: output,
    // Nullable in the API: absent means none were used (anthropic.md §4).
    cacheCreationInputTokens: count(value.cache_creation_input_tokens) ?? 0,
    cacheReadInputTokens: count(value.cache_read_input_tokens) ?? 0,
  };
}

export interface ModelInfo {
  readonly id: string;
  readonly displayName: string;
  /** From `capabilities`, which older snapshots of the model object lack: null when unknown. */
  readonly structuredOutputs: boolean | null;
}

/** Reads a model object of `GET /v1/models/{id}`. */
export function readModel(bodyText: string): ModelInfo | null {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return null;
  }
  if (!isObject(body) || typeof body.id !== 'string' || body.id === '') return null;
  const capabilities = isObject(body.capabilities) ? body.capabilities : null;
  const structured =
    capabilities && isObject(capabilities.structured_outputs)
      ? capabilities.structured_outputs.supported
      : undefined;
  return {
    id: body.id,
    displayName: typeof body.display_name === 'string' ? body.display_name : body.id,
    structuredOutputs: typeof structured === 'boolean' ? structured : null,
  };
}

/** The API's error body `{type:"error", error:{type, message}, request_id}`, when it is one. */
export function readApiError(
  bodyText: string,
): { readonly type: string; readonly message: string; readonly requestId: string | null } | null {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // A 413 comes from Cloudflare before the API, and may not be JSON at all.
    return null;
  }
  if (!isObject(body) || !isObject(body.error)) return null;
  return {
    type: typeof body.error.type === 'string' ? body.error.type : '',
    message: typeof body.error.message === 'string' ? body.error.message : '',
    requestId: typeof body.request_id === 'string' ? body.request_id : null,
  };
}

function failure(problem: string, usage: TokenUsage | null, model: string): MessageReading {
  return { ok: false, problem, refused: false, usage, model };
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.round(value)
    : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
