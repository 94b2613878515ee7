/**
 * Stand-in for Hunter.io v2 (shared/apis/hunter.md), so that mode démo verifies and finds
 * addresses offline:
 * - `GET /v2/email-verifier?email=` → `{data:{status, result, score, …}, meta}`; statuses are
 *   decided by the address: webmail hosts → `webmail`, throw-away hosts → `disposable`, the word
 *   `invalide` in the local part → `invalid`, `lent` → 202 on the first request then the answer,
 *   `smtp` → 222; other `example.*` addresses → `valid`, `accept_all` or `unknown` by a hash;
 *   any other domain → `unknown`;
 * - `GET /v2/email-finder?domain=&first_name=&last_name=` → `{data:{email, score, …}}`, `email`
 *   null for a miss (one in five) or a domain outside `example.*`;
 * - `GET /v2/account` → the plan and what is left (a free call to test a key).
 *
 * The key is read from `X-API-KEY` (or `api_key`); none, or one starting with `invalid`, → 401.
 * Errors use Hunter's envelope `{errors:[{id, code, details}]}`, with its own codes for injected
 * faults: 403 = rate limit, 429 = credits exhausted, 451 = personal data restricted. Verifications
 * (0.5 credit) and addresses found (1 credit) are counted for tests (`POST
 * /__sandbox/hunter/usage`).
 */
import { json, type SandboxRequest, type SandboxResponse, type StandIn } from '../types';
import { hash, isExampleDomain } from './apollo';

const WEBMAIL = /^(gmail\.com|yahoo\.fr|hotmail\.fr|outlook\.fr|orange\.fr|free\.fr|laposte\.net)$/;
const DISPOSABLE = /^(mailinator\.com|yopmail\.com|trashmail\.com|jetable\.org)$/;

interface State {
  credits: number;
  verifications: number;
  found: number;
  /** Addresses whose verification is "still running": the first request got 202. */
  slow: Set<string>;
  verified: string[];
}

function freshState(): State {
  return { credits: 0, verifications: 0, found: 0, slow: new Set(), verified: [] };
}

let state = freshState();

function error(status: number, id: string, details: string): SandboxResponse {
  return json(status, { errors: [{ id, code: status, details }] });
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function verification(email: string, status: string, score: number): object {
  const domain = email.split('@')[1] ?? '';
  const result =
    status === 'valid' ? 'deliverable' : status === 'invalid' ? 'undeliverable' : 'risky';
  return {
    data: {
      status,
      result,
      score,
      email,
      regexp: true,
      gibberish: false,
      disposable: status === 'disposable',
      webmail: status === 'webmail',
      mx_records: status !== 'invalid',
      smtp_server: status !== 'invalid',
      smtp_check: status === 'valid',
      accept_all: status === 'accept_all',
      block: false,
      sources: isExampleDomain(domain)
        ? [
            {
              domain,
              uri: `https://${domain}/equipe`,
              extracted_on: '2025-03-02',
              last_seen_on: '2026-09-14',
              still_on_page: true,
            },
          ]
        : [],
    },
    meta: { params: { email } },
  };
}

function verify(email: string): SandboxResponse {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    return error(400, 'wrong_params', 'The email parameter is invalid.');
  const [local = '', domain = ''] = email.split('@');
  // Markers are whole words of the local part: « valentin » is not « lent ».
  const marked = (word: string) => new RegExp(`(^|[._+-])${word}([._+-]|$)`).test(local);
  if (marked('smtp'))
    return json(222, {
      errors: [
        { id: 'verification_failed', code: 222, details: 'The SMTP server answered unexpectedly.' },
      ],
    });
  if (marked('lent') && !state.slow.has(email)) {
    state.slow.add(email);
    return json(202, { data: { status: 'unknown', email }, meta: { params: { email } } });
  }
  const seed = hash(email);
  let status: string;
  let score: number;
  if (WEBMAIL.test(domain)) [status, score] = ['webmail', 50];
  else if (DISPOSABLE.test(domain)) [status, score] = ['disposable', 0];
  else if (marked('invalide')) [status, score] = ['invalid', 0];
  else if (!isExampleDomain(domain)) [status, score] = ['unknown', 0];
  else {
    const r = seed % 10;
    [status, score] =
      r < 6
        ? ['valid', 90 + (seed % 10)]
        : r < 9
          ? ['accept_all', 70 + (seed % 15)]
          : ['unknown', 40];
  }
  state.credits += 0.5;
  state.verifications += 1;
  state.verified.push(email);
  return json(200, verification(email, status, score));
}

function find(query: Record<string, string>): SandboxResponse {
  const domain = (query.domain ?? '').toLowerCase();
  const first = query.first_name ?? '';
  const last = query.last_name ?? '';
  if (domain === '' && (query.company ?? '') === '')
    return error(400, 'wrong_params', 'You are missing the domain parameter.');
  if ((first === '' || last === '') && (query.full_name ?? '') === '')
    return error(400, 'wrong_params', 'You are missing the first_name or last_name parameter.');
  const seed = hash(`${ascii(first)}|${ascii(last)}|${domain}`);
  const miss = !isExampleDomain(domain) || seed % 5 === 0;
  const email = miss ? null : `${ascii(first)}.${ascii(last)}@${domain}`;
  if (email) {
    state.credits += 1;
    state.found += 1;
  }
  return json(200, {
    data: {
      first_name: first,
      last_name: last,
      email,
      score: email ? 80 + (seed % 20) : null,
      domain,
      accept_all: false,
      position: null,
      company: null,
      twitter: null,
      linkedin_url: null,
      phone_number: null,
      sources: [],
      verification: { date: null, status: null },
    },
    meta: {
      params: {
        first_name: first,
        last_name: last,
        domain,
        company: null,
        max_duration: query.max_duration ?? null,
      },
    },
  });
}

export function handleHunter(request: SandboxRequest): SandboxResponse {
  const key = request.headers['x-api-key'] ?? request.query.api_key ?? '';
  if (key === '' || key.startsWith('invalid'))
    return error(401, 'authentication_failed', 'No user found for the API key supplied');
  const path = request.path.replace(/\/+$/, '');
  if (request.method !== 'GET') return error(405, 'method_not_allowed', 'Use GET.');
  if (path === '/v2/email-verifier')
    return verify((request.query.email ?? '').trim().toLowerCase());
  if (path === '/v2/email-finder') return find(request.query);
  if (path === '/v2/account')
    return json(200, {
      data: {
        first_name: 'Bac',
        last_name: 'à sable',
        email: 'sandbox@example.com',
        plan_name: 'Sandbox',
        plan_level: 1,
        reset_date: '2026-12-31',
        team_id: 0,
        requests: {
          searches: { used: state.found, available: 1000 },
          verifications: { used: state.verifications, available: 1000 },
          credits: { used: state.credits, available: 2000 },
        },
      },
    });
  return error(404, 'not_found', `sandbox: no Hunter route for ${path}`);
}

const ERRORS: Record<number, () => SandboxResponse> = {
  400: () => error(400, 'wrong_params', 'A parameter is invalid (sandbox fault).'),
  401: () => error(401, 'authentication_failed', 'No user found for the API key supplied'),
  403: () => error(403, 'too_many_requests', 'You have reached the rate limit.'),
  404: () => error(404, 'not_found', 'The requested resource was not found.'),
  429: () =>
    error(
      429,
      'too_many_requests',
      'You have reached your usage limit. Upgrade your plan if necessary.',
    ),
  451: () =>
    error(451, 'unavailable_for_legal_reasons', 'This person asked for their data to be removed.'),
  202: () => json(202, { data: { status: 'unknown' }, meta: {} }),
  222: () =>
    json(222, {
      errors: [
        { id: 'verification_failed', code: 222, details: 'The SMTP server answered unexpectedly.' },
      ],
    }),
};

export const hunterStandIn: StandIn = {
  name: 'hunter',
  matches: (host) => host === 'api.hunter.io',
  handle: handleHunter,
  errorResponse: (status) =>
    ERRORS[status]?.() ??
    (status >= 500
      ? error(status, 'internal_error', 'Internal server error (sandbox fault).')
      : undefined),
  reset: () => {
    state = freshState();
  },
  /** `usage`: credits billed, verifications, addresses found, the addresses verified in order. */
  control: (action) => {
    if (action === 'usage')
      return json(200, {
        credits: state.credits,
        verifications: state.verifications,
        found: state.found,
        verified: state.verified,
      });
    return json(404, { error: `Unknown Hunter sandbox control: ${action}` });
  },
};
