/**
 * The sandbox's Claude stand-in on its own (src/local/sandbox/stand-ins/claude.ts): the
 * documented shapes, the refusals of the non-portable settings on 5.x models, answers that fit
 * any strict schema, and truncation at `max_tokens`.
 */
import { buildMessagesBody } from '../../src/core/claude/messages';
import { buildExplainScoreTask } from '../../src/core/ai/explain-score';
import { checkStructuredAnswer } from '../../src/core/ai/structured-answer';
import { claudeStandIn, handleClaude } from '../../src/local/sandbox/stand-ins/claude';
import type { SandboxRequest } from '../../src/local/sandbox/types';

const HEADERS = { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' };

function request(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = HEADERS,
): SandboxRequest {
  const bodyText = body === undefined ? '' : JSON.stringify(body);
  return {
    method,
    host: 'api.anthropic.com',
    path,
    query: {},
    headers,
    body: Buffer.from(bodyText),
    bodyText,
  };
}

interface Answer {
  status: number;
  body: Record<string, unknown> & {
    error?: { type: string; message: string };
    content?: Array<{ type: string; text: string }>;
  };
}

function call(req: SandboxRequest): Answer {
  return handleClaude(req) as unknown as Answer;
}

const task = buildExplainScoreTask({
  kind: 'organisations',
  today: '2026-11-28',
  score: 52,
  reasons: [
    'Adéquation 14/20 — Commune de 6 200 habitants (≥ 5 000) : +14',
    'Engagement 0/20 — Budget et engagements biodiversité : donnée manquante',
    'Besoin et calendrier 4/20 — Aucun appel d’offres ouvert : +0 ; Période de préparation budgétaire (septembre–mars) : +4',
    'Accès au décideur 16/20 — le contact, Maire : décideur : +10 ; Email vérifié : +6',
    'Relation 8/20 — Dernière interaction il y a 3 jours : +8',
    'Confiance : 80 % (manque : Budget et engagements biodiversité)',
  ],
  record: { nom: 'Commune de Plouha', type: 'Commune' },
  organisation: null,
  interactions: [{ date: '2026-11-25T09:00:00.000Z', type: 'Appel', direction: 'Sortant' }],
});

beforeEach(() => claudeStandIn.reset?.());

describe('Claude stand-in', () => {
  it('explains a score in French from the reasons it was sent, in the schema’s shape', () => {
    const { status, body } = call(
      request('POST', '/v1/messages', buildMessagesBody('claude-haiku-4-5', task)),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5-20251001',
      stop_reason: 'end_turn',
    });
    const text = body.content?.[0]?.text ?? '';
    const check = checkStructuredAnswer(text, task.validator);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.value.explication).toContain('Commune de Plouha obtient 52/100');
    expect(check.value.explication).toContain('engagement (0/20)');
    expect(check.value.explication).toContain('la dernière le 25/11/2026');
    expect(check.value.prochaineAction).toMatch(/^Rechercher les engagements biodiversité/);
    // Deterministic: the same request gets the same answer.
    claudeStandIn.reset?.();
    const again = call(
      request('POST', '/v1/messages', buildMessagesBody('claude-haiku-4-5', task)),
    );
    expect(again.body).toEqual(body);
  });

  it('fills any other strict schema with values of the right types', () => {
    const { body } = call(
      request('POST', '/v1/messages', {
        model: 'claude-sonnet-4-5',
        max_tokens: 500,
        messages: [{ role: 'user', content: '<avis>…</avis>' }],
        output_config: {
          format: {
            type: 'json_schema',
            schema: {
              type: 'object',
              properties: {
                decision: { type: 'string', enum: ['go', 'no_go', 'a_etudier'] },
                budget_eur: { type: ['number', 'null'] },
                arguments: { type: 'array', items: { type: 'string' } },
                resume: { type: 'string' },
              },
              required: ['decision', 'budget_eur', 'arguments', 'resume'],
              additionalProperties: false,
            },
          },
        },
      }),
    );
    expect(JSON.parse(body.content?.[0]?.text ?? '')).toEqual({
      decision: 'go',
      budget_eur: null,
      arguments: [],
      resume: 'Réponse simulée du mode démo.',
    });
  });

  it('truncates at max_tokens as the API does', () => {
    const { body } = call(
      request('POST', '/v1/messages', {
        ...buildMessagesBody('claude-haiku-4-5', task),
        max_tokens: 20,
      }),
    );
    expect(body.stop_reason).toBe('max_tokens');
    expect(body.content?.[0]?.text).toHaveLength(80);
  });

  it.each([
    [{ temperature: 0.2 }, /temperature/],
    [{ tool_choice: { type: 'tool', name: 'x' } }, /forced tool use/],
    [{ thinking: { type: 'disabled' } }, /disabling thinking/],
  ])('refuses the non-portable %j on a 5.x model', (extra, message) => {
    const { status, body } = call(
      request('POST', '/v1/messages', {
        model: 'claude-sonnet-5-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Bonjour' }],
        ...extra,
      }),
    );
    expect(status).toBe(400);
    expect(body.error?.type).toBe('invalid_request_error');
    expect(body.error?.message).toMatch(message);
  });

  it('refuses an assistant prefill on a 5.x model, and accepts it on Haiku 4.5', () => {
    const prefill = (model: string) =>
      call(
        request('POST', '/v1/messages', {
          model,
          max_tokens: 100,
          messages: [
            { role: 'user', content: 'Bonjour' },
            { role: 'assistant', content: '{' },
          ],
        }),
      ).status;
    expect(prefill('claude-haiku-5-5')).toBe(400);
    expect(prefill('claude-haiku-4-5')).toBe(200);
  });

  it('answers errors in the API’s shape', () => {
    expect(call(request('POST', '/v1/messages', {}, {})).body).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', message: 'x-api-key header is required' },
      request_id: expect.stringMatching(/^req_sandbox/) as unknown,
    });
    expect(
      call(request('POST', '/v1/messages', {}, { 'x-api-key': 'k' })).body.error?.message,
    ).toBe('anthropic-version: header is required');
    const unknown = call(
      request('POST', '/v1/messages', {
        model: 'claude-9',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect([unknown.status, unknown.body.error?.type]).toEqual([404, 'not_found_error']);
    const overloaded = claudeStandIn.errorResponse?.(529) as unknown as Answer;
    expect(overloaded.body.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
  });

  it('lists models and resolves an alias', () => {
    const list = call(request('GET', '/v1/models')).body as { data: Array<{ id: string }> };
    expect(list.data.map((m) => m.id)).toContain('claude-haiku-4-5-20251001');
    expect(call(request('GET', '/v1/models/claude-sonnet-4-5')).body).toMatchObject({
      type: 'model',
      id: 'claude-sonnet-4-5-20250929',
      capabilities: { structured_outputs: { supported: true } },
    });
  });
});
