/**
 * Stand-in for the Claude API (shared/apis/anthropic.md), so that mode démo runs every AI flow
 * offline. It answers with the documented shapes:
 * - `POST /v1/messages`: a `message` whose text block holds JSON fitting the request's
 *   `output_config.format` schema, with a usage estimated from the text (about 4 characters per
 *   token), `request-id` and rate-limit headers; `max_tokens` too small truncates the answer with
 *   `stop_reason: "max_tokens"`;
 * - `GET /v1/models` and `GET /v1/models/{id}` (an alias resolves to its dated id);
 * - errors as `{type:"error", error:{type, message}, request_id}`: no `x-api-key` → 401, a key
 *   starting with `sk-ant-invalid` → 401, no `anthropic-version` → 400, a bad body → 400, an
 *   unknown model → 404, and the 400s that 5.x models return for the non-portable settings
 *   (sampling parameters, forced `tool_choice`, assistant prefill, thinking disabled).
 *
 * The answers are deterministic and French. "Expliquer ce score" (a schema with `explication`
 * and `prochaineAction`) gets an explanation built from the score's reasons found in the
 * prompt's `<score_icp>` block; a tender analysis (`argumentsGo`, `recommandation`) one built
 * from the notice of the `<avis_boamp>` block, its fit read from the words of its object. Both
 * say they are simulated. Any other schema gets a placeholder value of the right type for each
 * property.
 */
import { json, type SandboxRequest, type SandboxResponse, type StandIn } from '../types';

interface ModelEntry {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly displayName: string;
  readonly createdAt: string;
  readonly maxInputTokens: number;
  readonly maxTokens: number;
  /** 5.x models refuse sampling parameters, forced tools, prefill and disabled thinking. */
  readonly strict: boolean;
}

const MODELS: readonly ModelEntry[] = [
  model('claude-haiku-5-5', [], 'Claude Haiku 5.5', '2026-10-07', 1_000_000, 128_000, true),
  model('claude-sonnet-5-5', [], 'Claude Sonnet 5.5', '2026-09-28', 1_000_000, 128_000, true),
  model('claude-sonnet-4-6', [], 'Claude Sonnet 4.6', '2026-02-17', 1_000_000, 64_000, false),
  model(
    'claude-opus-4-5-20251101',
    ['claude-opus-4-5'],
    'Claude Opus 4.5',
    '2025-11-01',
    200_000,
    64_000,
    false,
  ),
  model(
    'claude-haiku-4-5-20251001',
    ['claude-haiku-4-5'],
    'Claude Haiku 4.5',
    '2025-10-01',
    200_000,
    64_000,
    false,
  ),
  model(
    'claude-sonnet-4-5-20250929',
    ['claude-sonnet-4-5'],
    'Claude Sonnet 4.5',
    '2025-09-29',
    200_000,
    64_000,
    false,
  ),
];

function model(
  id: string,
  aliases: string[],
  displayName: string,
  day: string,
  maxInputTokens: number,
  maxTokens: number,
  strict: boolean,
): ModelEntry {
  return {
    id,
    aliases,
    displayName,
    createdAt: `${day}T00:00:00Z`,
    maxInputTokens,
    maxTokens,
    strict,
  };
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ERROR_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request (sandbox).',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API (sandbox).',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'The requested resource could not be found.',
  conflict_error: 'Conflict (sandbox).',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error:
    'Number of request tokens has exceeded your per-minute rate limit (sandbox fault).',
  api_error: 'Internal server error (sandbox fault).',
  timeout_error: 'Request timed out (sandbox fault).',
  overloaded_error: 'Overloaded',
};

let sequence = 0;

function nextRequestId(): string {
  sequence += 1;
  return `req_sandbox${String(sequence).padStart(8, '0')}`;
}

function apiError(status: number, message?: string): SandboxResponse {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  const requestId = nextRequestId();
  return json(
    status,
    {
      type: 'error',
      error: { type, message: message ?? ERROR_MESSAGES[type] ?? 'Error (sandbox).' },
      request_id: requestId,
    },
    { 'request-id': requestId },
  );
}

function findModel(id: string): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id || m.aliases.includes(id));
}

function modelObject(m: ModelEntry): object {
  const supported = { supported: true };
  return {
    type: 'model',
    id: m.id,
    display_name: m.displayName,
    created_at: m.createdAt,
    max_input_tokens: m.maxInputTokens,
    max_tokens: m.maxTokens,
    capabilities: {
      structured_outputs: supported,
      batch: supported,
      citations: supported,
      image_input: supported,
      pdf_input: supported,
    },
  };
}

function rateLimitHeaders(requestId: string): Record<string, string> {
  const reset = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'request-id': requestId,
    'anthropic-organization-id': '00000000-0000-4000-8000-sandbox00000',
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '49',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': '50000',
    'anthropic-ratelimit-input-tokens-remaining': '49000',
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': '10000',
    'anthropic-ratelimit-output-tokens-remaining': '9800',
    'anthropic-ratelimit-output-tokens-reset': reset,
  };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a `system` or message `content`: a string or an array of text blocks. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((b) => (isObject(b) && typeof b.text === 'string' ? b.text : '')).join('\n');
}

function tokensOf(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The 400 a 5.x model returns for a setting outside the portable subset, or null. */
function strictModelRefusal(body: Json, messages: unknown[]): string | null {
  for (const name of ['temperature', 'top_p', 'top_k']) {
    if (body[name] !== undefined && !(name === 'temperature' && body[name] === 1))
      return `${name}: this model does not support setting ${name}.`;
  }
  const choice = isObject(body.tool_choice) ? body.tool_choice.type : undefined;
  if (choice === 'any' || choice === 'tool')
    return 'tool_choice: forced tool use is not supported by this model.';
  const last = messages[messages.length - 1];
  if (isObject(last) && last.role === 'assistant')
    return 'messages: assistant message prefill is not supported by this model.';
  if (isObject(body.thinking) && body.thinking.type === 'disabled')
    return 'thinking: disabling thinking is not supported by this model.';
  return null;
}

function handleMessages(request: SandboxRequest): SandboxResponse {
  let body: unknown;
  try {
    body = JSON.parse(request.bodyText);
  } catch {
    return apiError(400, 'There was an error parsing the body of your request as JSON.');
  }
  if (!isObject(body)) return apiError(400, 'The request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model === '')
    return apiError(400, 'model: Field required');
  const maxTokens = body.max_tokens;
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)
    return apiError(400, 'max_tokens: Field required and must be a positive integer');
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    return apiError(400, 'messages: at least one message is required');
  const entry = findModel(body.model);
  if (!entry) return apiError(404, `model: ${body.model}`);
  if (entry.strict) {
    const refusal = strictModelRefusal(body, messages);
    if (refusal) return apiError(400, refusal);
  }
  let schema: Json | null = null;
  if (body.output_config !== undefined) {
    const format = isObject(body.output_config) ? body.output_config.format : undefined;
    if (format !== undefined) {
      if (!isObject(format) || format.type !== 'json_schema' || !isObject(format.schema))
        return apiError(400, 'output_config.format: expected {type: "json_schema", schema: {...}}');
      schema = format.schema;
    }
  }
  const userText = messages
    .filter((m): m is Json => isObject(m) && m.role === 'user')
    .map((m) => textOf(m.content))
    .join('\n');
  const promptText = `${textOf(body.system)}\n${messages.map((m) => (isObject(m) ? textOf(m.content) : '')).join('\n')}`;
  let answer =
    schema === null
      ? 'Réponse simulée du mode démo : aucun appel n’a été fait à Claude.'
      : JSON.stringify(answerFor(schema, userText));
  let stopReason = 'end_turn';
  if (tokensOf(answer) > maxTokens) {
    answer = answer.slice(0, maxTokens * 4);
    stopReason = 'max_tokens';
  }
  const requestId = nextRequestId();
  return json(
    200,
    {
      id: `msg_sandbox${String(sequence).padStart(8, '0')}`,
      type: 'message',
      role: 'assistant',
      model: entry.id,
      content: [{ type: 'text', text: answer, citations: null }],
      stop_reason: stopReason,
      stop_sequence: null,
      stop_details: null,
      usage: {
        input_tokens: tokensOf(promptText),
        output_tokens: tokensOf(answer),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        service_tier: 'standard',
        server_tool_use: null,
        inference_geo: null,
        output_tokens_details: null,
      },
      container: null,
    },
    rateLimitHeaders(requestId),
  );
}

function answerFor(schema: Json, userText: string): unknown {
  const properties = isObject(schema.properties) ? schema.properties : {};
  if ('argumentsGo' in properties && 'recommandation' in properties) {
    try {
      return tenderAnalysisAnswer(userText);
    } catch {
      // A prompt of another shape: fall back to placeholders of the right types.
    }
  }
  if ('explication' in properties && 'prochaineAction' in properties) {
    try {
      return explainScoreAnswer(userText);
    } catch {
      // A prompt of another shape: fall back to placeholders of the right types.
    }
  }
  return sampleOf(schema);
}

/** A placeholder value fitting a JSON schema of the strict subset. */
function sampleOf(schema: unknown): unknown {
  if (!isObject(schema)) return null;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('null') && types.length > 1) return null;
  switch (types[0]) {
    case 'object': {
      const out: Json = {};
      const props = isObject(schema.properties) ? schema.properties : {};
      for (const [name, sub] of Object.entries(props)) out[name] = sampleOf(sub);
      return out;
    }
    case 'array':
      return [];
    case 'string':
      return 'Réponse simulée du mode démo.';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

interface Dimension {
  readonly label: string;
  readonly points: number;
  readonly reasons: string[];
}

function block(text: string, tag: string): string | null {
  const found = new RegExp(`<${tag}(?: [^>]*)?>\\n([\\s\\S]*?)\\n</${tag}>`).exec(text);
  return found?.[1] ?? null;
}

const NEXT_ACTIONS: Record<string, string> = {
  'Accès au décideur':
    'Identifier le décideur (élu ou responsable biodiversité ou RSE), vérifier son adresse email puis lui proposer un échange de découverte.',
  Relation:
    'Planifier cette semaine un appel de découverte avec le contact principal pour présenter le parrainage de ruches.',
  'Besoin et calendrier':
    'Surveiller les appels d’offres de l’acheteur et proposer un rendez-vous avant le vote du prochain budget.',
  Engagement:
    'Rechercher les engagements biodiversité ou RSE publiés par l’organisation et les noter dans sa fiche.',
  Adéquation:
    'Compléter le type, la population ou l’effectif de l’organisation pour confirmer qu’elle correspond à la cible.',
};

/** "Expliquer ce score" in mode démo: built from the reasons the CRM sent, deterministic. */
function explainScoreAnswer(userText: string): { explication: string; prochaineAction: string } {
  const scoreBlock = block(userText, 'score_icp');
  if (scoreBlock === null) throw new Error('no score block');
  const data = JSON.parse(scoreBlock) as { score?: unknown; raisons?: unknown };
  const score = typeof data.score === 'number' ? data.score : 0;
  const lines = Array.isArray(data.raisons) ? data.raisons.map(String) : [];
  const dimensions: Dimension[] = lines.flatMap((line) => {
    const m = /^(.+?) (\d+)\/20 — (.*)$/.exec(line);
    return m
      ? [{ label: m[1] ?? '', points: Number(m[2]), reasons: (m[3] ?? '').split(' ; ') }]
      : [];
  });
  if (dimensions.length === 0) throw new Error('no dimensions');
  const missing = /\(manque : (.*)\)$/.exec(lines[lines.length - 1] ?? '')?.[1];
  const record = JSON.parse(block(userText, 'fiche_crm') ?? '{}') as Json;
  const interactions = JSON.parse(block(userText, 'interactions_recentes') ?? '[]') as unknown[];
  const name =
    typeof record.Nom === 'string'
      ? record.Nom
      : typeof record.Poste === 'string'
        ? `Ce contact (${record.Poste})`
        : 'Cette fiche';
  const byPoints = [...dimensions].sort((a, b) => b.points - a.points);
  const strong = byPoints.slice(0, 2);
  const weak = [...dimensions].sort((a, b) => a.points - b.points).slice(0, 2);
  const best = strong[0] as Dimension;
  const firstReason = (best.reasons[0] ?? '').replace(/ : (\+\d+|donnée manquante)$/, '');
  const sentences = [
    `${name} obtient ${score}/100 au score ICP calculé par les règles du CRM (explication simulée du mode démo, sans appel à Claude).`,
    `Ses points forts sont ${strong.map((d) => `${d.label.toLowerCase()} (${d.points}/20)`).join(' et ')}, notamment : ${firstReason.toLowerCase()}.`,
    `Le score est freiné par ${weak.map((d) => `${d.label.toLowerCase()} (${d.points}/20)`).join(' et ')}${missing ? ` ; il manque des données : ${missing.toLowerCase()}` : ''}.`,
  ];
  const first = interactions[0];
  const lastDate =
    isObject(first) && typeof first.Date === 'string' ? frenchDate(first.Date) : null;
  sentences.push(
    interactions.length === 0
      ? 'Aucune interaction n’est encore enregistrée dans le CRM.'
      : `La fiche compte ${interactions.length} interaction${interactions.length > 1 ? 's' : ''} récente${interactions.length > 1 ? 's' : ''}${lastDate ? `, la dernière le ${lastDate}` : ''}.`,
  );
  const weakest = weak[0] as Dimension;
  return {
    explication: sentences.join(' '),
    prochaineAction:
      NEXT_ACTIONS[weakest.label] ??
      'Planifier un échange avec le contact principal pour qualifier le besoin.',
  };
}

interface DemoTenderAnalysis {
  resume: string;
  budget: string | null;
  echeances: string[];
  livrables: string[];
  criteres: string[];
  adequation: 'forte' | 'moyenne' | 'faible';
  justification: string;
  argumentsGo: string[];
  argumentsNoGo: string[];
  recommandation: 'Go' | 'No go' | 'À analyser';
}

const FOLD = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The words of an object that say what UTPLA does, does around it, or does not do. */
const CORE_WORDS = /\b(ruche|rucher|abeille|apicult|miel|pollinisat)/;
const HORNET_WORDS = /\bfrelon/;
/** Landscaping and works: UTPLA does not do them, whatever flowers they sow. */
const WORKS_WORDS =
  /\b(gestion differenciee|espaces verts|fauche|tonte|elagage|travaux|desinsectisation)/;
const ADJACENT_WORDS =
  /\b(biodiversite|sensibilisation|animation|atlas|prairie|fleuri|nature|vegetalis|trame verte|pedagog)/;

const FIT_TEXT: Record<DemoTenderAnalysis['adequation'], string> = {
  forte:
    'L’objet relève du cœur de métier d’UTPLA (ruches, abeilles, pollinisateurs) : installation, suivi par un apiculteur du réseau et animations sont au catalogue.',
  moyenne:
    'L’objet touche à la biodiversité sans porter sur les ruches : UTPLA peut apporter ses animations et son réseau d’apiculteurs, probablement en cotraitance.',
  faible:
    'L’objet porte sur des prestations qu’UTPLA ne réalise pas elle-même (travaux, études ou désinsectisation) : une réponse supposerait un partenaire.',
};

/** A tender analysis in mode démo: built from the notice the CRM sent, deterministic. */
function tenderAnalysisAnswer(userText: string): DemoTenderAnalysis {
  const notice = block(userText, 'avis_boamp');
  if (notice === null) throw new Error('no notice block');
  const data = JSON.parse(notice) as Json;
  const field = (name: string) => {
    const value = data[name];
    // A real model does not echo markup either; the CRM would refuse an answer holding a tag.
    return value === undefined || value === null ? '' : String(value).replace(/[<>]/g, ' ').trim();
  };
  const cut = (text: string, max: number) =>
    text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
  const objet = field('Objet');
  const acheteur = field('Acheteur') || 'L’acheteur';
  const folded = FOLD(objet);
  const adequation: DemoTenderAnalysis['adequation'] = CORE_WORDS.test(folded)
    ? 'forte'
    : WORKS_WORDS.test(folded)
      ? 'faible'
      : HORNET_WORDS.test(folded) || ADJACENT_WORDS.test(folded)
        ? 'moyenne'
        : 'faible';
  const lots = field('Lots')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const criteres = field("Critères d'attribution")
    .split(/\s*;\s*/)
    .filter((c) => c.length >= 3)
    .slice(0, 10)
    .map((c) => cut(c, 200));
  const duree = field('Durée');
  const valeur = field('Valeur estimée');
  const deadline = field('Date limite');
  const questions = field('Date limite questions');
  const today = /Date du jour : (\d{4}-\d{2}-\d{2})/.exec(userText)?.[1] ?? null;
  const daysLeft = daysBetween(today, deadline);

  const resume = [
    `Analyse simulée du mode démo, sans appel à Claude : ${acheteur} consulte pour « ${cut(objet, 220)} ».`,
    lots.length > 1
      ? `Le marché est découpé en ${lots.length} lots.`
      : lots.length === 1
        ? 'L’avis décrit un lot unique.'
        : 'L’avis ne mentionne pas d’allotissement.',
    duree ? `Durée annoncée : ${duree}.` : 'La durée du marché n’est pas précisée.',
  ].join(' ');
  const echeances = [
    ...(questions ? [`${questions} — date limite des questions`] : []),
    ...(deadline ? [`${deadline} — remise des offres`] : []),
    ...(duree ? [`Durée du marché : ${duree}`] : []),
  ];
  const livrables = (
    lots.length > 0 ? lots : [`Prestation décrite dans l’objet : ${cut(objet, 180)}`]
  )
    .slice(0, 10)
    .map((l) => cut(l, 240));

  const go: string[] = [];
  const noGo: string[] = [];
  if (adequation === 'forte')
    go.push('Le besoin correspond à l’offre de ruches sur site et d’animations d’UTPLA.');
  if (adequation === 'moyenne')
    go.push('Les animations biodiversité d’UTPLA peuvent former un lot ou une part du marché.');
  if (adequation === 'faible')
    noGo.push('Le cœur du marché est hors du métier d’UTPLA : il faudrait un mandataire.');
  if (lots.length > 1)
    go.push('L’allotissement permet de ne répondre qu’au lot qui correspond à l’offre.');
  if (valeur) go.push(`La valeur estimée (${valeur}) justifie le temps de réponse.`);
  else noGo.push('Le budget n’est pas indiqué : à vérifier dans le dossier de consultation.');
  if (daysLeft !== null && daysLeft < 10)
    noGo.push(
      `Délai court : ${daysLeft} jour${daysLeft > 1 ? 's' : ''} avant la remise des offres.`,
    );
  if (criteres.some((c) => /prix/i.test(c) && /\b([5-9]\d) ?%/.test(c)))
    noGo.push('Le prix pèse lourd dans les critères : la marge sera serrée.');
  if (HORNET_WORDS.test(folded))
    noGo.push('La destruction de nids de frelons demande un désinsectiseur certifié.');

  return {
    resume,
    budget: valeur ? `${valeur} (valeur estimée par l’acheteur dans l’avis).` : null,
    echeances,
    livrables,
    criteres,
    adequation,
    justification: FIT_TEXT[adequation],
    argumentsGo: go.slice(0, 4),
    argumentsNoGo: noGo.slice(0, 4),
    recommandation:
      adequation === 'forte' ? 'Go' : adequation === 'moyenne' ? 'À analyser' : 'No go',
  };
}

/** Days from a `yyyy-MM-dd` day to a `dd/MM/yyyy…` date, or null. */
function daysBetween(today: string | null, date: string): number | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(date);
  if (!today || !m) return null;
  return Math.round(
    (Date.parse(`${m[3]}-${m[2]}-${m[1]}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
      86_400_000,
  );
}

function frenchDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : null;
}

export function handleClaude(request: SandboxRequest): SandboxResponse {
  const key = request.headers['x-api-key'] ?? '';
  if (key.trim() === '') return apiError(401, 'x-api-key header is required');
  if (key.startsWith('sk-ant-invalid')) return apiError(401, 'invalid x-api-key');
  if ((request.headers['anthropic-version'] ?? '') === '')
    return apiError(400, 'anthropic-version: header is required');
  if (request.path === '/v1/messages') {
    if (request.method !== 'POST') return apiError(405, 'Method not allowed.');
    return handleMessages(request);
  }
  if (request.method === 'GET' && request.path === '/v1/models') {
    const data = MODELS.map(modelObject) as Array<{ id: string }>;
    return json(
      200,
      { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
      rateLimitHeaders(nextRequestId()),
    );
  }
  const modelPath = /^\/v1\/models\/([^/]+)$/.exec(request.path);
  if (request.method === 'GET' && modelPath) {
    const found = findModel(decodeURIComponent(modelPath[1] ?? ''));
    if (!found) return apiError(404, `model: ${decodeURIComponent(modelPath[1] ?? '')}`);
    return json(200, modelObject(found), rateLimitHeaders(nextRequestId()));
  }
  return apiError(404, `Not found: ${request.method} ${request.path}`);
}

export const claudeStandIn: StandIn = {
  name: 'claude',
  matches: (host) => host === 'api.anthropic.com',
  handle: handleClaude,
  errorResponse: (status) =>
    status === 413
      ? {
          status,
          headers: { 'content-type': 'text/html' },
          // Cloudflare answers a too-large body before the API, in HTML (anthropic.md §5).
          body: '<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>cloudflare</center></body></html>',
        }
      : apiError(status),
  reset: () => {
    sequence = 0;
  },
};
