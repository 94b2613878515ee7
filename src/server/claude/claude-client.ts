/**
 * The one client of the Claude Messages API (shared/apis/anthropic.md). It sends, retries and
 * reads; what to send, when to retry and what an answer means are decided in core. Its
 * collaborators are injected — UrlFetchApp, Utilities.sleep, the usage ledger — so the contract
 * tests drive it with recorded responses and no Apps Script at all.
 *
 * The key travels in the `x-api-key` header only, and no log line carries it: failures are
 * logged with the API's `request-id`, which is what Anthropic's support asks for.
 */
import { CrmError } from '../../core/errors';
import { checkStructuredAnswer, type StructuredTask } from '../../core/ai/structured-answer';
import {
  describeHttpFailure,
  describeTransportFailure,
  describeUnusableAnswer,
  type ClaudeFailure,
} from '../../core/claude/failures';
import {
  ANTHROPIC_API_BASE,
  ANTHROPIC_VERSION,
  MESSAGES_PATH,
  buildMessagesBody,
  readMessage,
  readModel,
  type ModelInfo,
  type TokenUsage,
} from '../../core/claude/messages';
import { CLAUDE_RETRY_POLICY } from '../../core/claude/retry';
import { sendRequests, type RawResponse } from '../platform/api-sender';

/** The part of UrlFetchApp the client uses. */
export interface HttpTransport {
  fetch(
    url: string,
    params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions,
  ): {
    getResponseCode(): number;
    getContentText(): string;
    getHeaders(): object;
  };
}

/** Who counts the tokens and says when the month's budget is spent. */
export interface UsageLedger {
  /** Throws a QUOTA CrmError when no call may be made. */
  ensureAvailable(): void;
  record(call: BilledCall): void;
}

export interface BilledCall {
  readonly purpose: string;
  readonly model: string;
  readonly usage: TokenUsage;
  readonly subject?: CallSubject;
}

/** The record a call was about, for its Journal line. */
export interface CallSubject {
  readonly tab: string;
  readonly recordId: string;
}

export interface ClaudeClientDeps {
  readonly apiKey: string;
  readonly model: string;
  readonly transport: HttpTransport;
  /** Utilities.sleep in Apps Script; a recorder in tests. */
  readonly sleep: (ms: number) => void;
  /** Math.random in Apps Script: the backoff's jitter. */
  readonly random: () => number;
  readonly ledger: UsageLedger;
  /** Epoch ms, to read a `retry-after` given as a date. */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export interface ClaudeAnswer<T> {
  readonly value: T;
  /** The resolved model id. */
  readonly model: string;
  readonly usage: TokenUsage;
}

export interface ClaudeClient {
  readonly model: string;
  /** One structured answer, validated; the tokens are counted even when the answer is refused. */
  generate<T>(task: StructuredTask<T>, subject?: CallSubject): ClaudeAnswer<T>;
  /** The model as Anthropic knows it: CONFIG when unknown or unable to answer in JSON. */
  checkModel(model?: string): ModelInfo;
}

export function createClaudeClient(deps: ClaudeClientDeps): ClaudeClient {
  const log = deps.log ?? ((line: string) => console.warn(line));

  const fail = (failure: ClaudeFailure, requestId: string | null): CrmError => {
    log(
      `Claude : ${failure.code} — ${failure.message}${requestId ? ` (request-id ${requestId})` : ''}`,
    );
    return new CrmError(failure.code, failure.message);
  };

  const send = (
    method: 'get' | 'post',
    path: string,
    model: string,
    payload?: string,
  ): RawResponse => {
    const [outcome] = sendRequests(
      [
        {
          url: ANTHROPIC_API_BASE + path,
          method,
          headers: { 'x-api-key': deps.apiKey, 'anthropic-version': ANTHROPIC_VERSION },
          muteHttpExceptions: true,
          ...(payload === undefined ? {} : { contentType: 'application/json', payload }),
        },
      ],
      { ...deps, log },
      {
        service: 'Claude',
        policy: CLAUDE_RETRY_POLICY,
        quotaError: () =>
          new CrmError(
            'QUOTA',
            'Quota Google d’appels externes (UrlFetch) épuisé pour aujourd’hui : Claude sera de nouveau joignable demain.',
          ),
        describe: (raw) => {
          const requestId = raw.header('request-id');
          return requestId ? ` (request-id ${requestId})` : '';
        },
      },
    );
    if (!outcome) throw fail(describeTransportFailure(), null);
    if (outcome.ok) return outcome.raw;
    if (!outcome.raw) throw fail(describeTransportFailure(), null);
    const failure = describeHttpFailure(outcome.raw.status, outcome.raw.text, outcome.stop, model);
    throw fail(failure, failure.requestId ?? outcome.raw.header('request-id') ?? null);
  };

  return {
    model: deps.model,

    generate<T>(task: StructuredTask<T>, subject?: CallSubject): ClaudeAnswer<T> {
      deps.ledger.ensureAvailable();
      const body = JSON.stringify(buildMessagesBody(deps.model, task));
      const response = send('post', MESSAGES_PATH, deps.model, body);
      const requestId = response.header('request-id') ?? null;
      const reading = readMessage(response.text, deps.model);
      // Billed tokens are counted before the answer is judged: a refused answer still costs.
      if (reading.usage) {
        try {
          deps.ledger.record({
            purpose: task.purpose,
            model: reading.model,
            usage: reading.usage,
            ...(subject ? { subject } : {}),
          });
        } catch (error) {
          // The answer is paid for; losing it to a busy document lock would make the user pay
          // twice. The miss is logged for the execution log instead.
          log(`Claude : consommation non enregistrée (${describe(error)}).`);
        }
      }
      if (!reading.ok)
        throw fail(describeUnusableAnswer(reading.problem, reading.refused), requestId);
      const check = checkStructuredAnswer(reading.text, task.validator);
      if (!check.ok) throw fail(describeUnusableAnswer(check.reason, false), requestId);
      return { value: check.value, model: reading.model, usage: reading.usage };
    },

    checkModel(model = deps.model): ModelInfo {
      const id = model.trim();
      if (id === '')
        throw new CrmError(
          'CONFIG',
          'Modèle Claude non renseigné : remplissez « claude.modele » dans Paramètres.',
        );
      const response = send('get', `/v1/models/${encodeURIComponent(id)}`, id);
      const info = readModel(response.text);
      if (!info)
        throw fail(
          {
            code: 'HTTP_5XX',
            message: 'Réponse illisible d’Anthropic sur le modèle Claude : réessayez plus tard.',
            requestId: null,
          },
          response.header('request-id') ?? null,
        );
      if (info.structuredOutputs === false)
        throw new CrmError(
          'CONFIG',
          `Le modèle Claude « ${info.id} » ne sait pas répondre en JSON structuré : choisissez-en un autre dans « claude.modele » (Paramètres).`,
        );
      return info;
    },
  };
}

function describe(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
