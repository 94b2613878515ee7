/**
 * Stand-in for Apollo.io (shared/apis/apollo.md), so that mode démo enriches offline. It answers
 * with the documented shapes:
 * - `POST /api/v1/people/match` → `{person, request_id}` (person null on a miss);
 * - `POST /api/v1/people/bulk_match` → `{status, matches, credits_consumed, …}`, matches in the
 *   order of `details`; more than 10 details → 422 `RECORD_LIMIT_EXCEEDED`, none → 400
 *   `INVALID_REQUEST`;
 * - `GET /api/v1/organizations/enrich?domain=` → `{organization}` (`{}` for an unknown domain);
 * - `POST /api/v1/mixed_people/api_search` → `{total_entries, people}` with obfuscated last names
 *   and ids that `people/match` accepts;
 * - `GET /api/v1/auth/health` → `{healthy, is_logged_in}` (a free call to test a key);
 * - the rate headers (`x-minute-requests-left`…) on every answer, counted per window.
 *
 * Errors: no `x-api-key` (or a key sent as Bearer, or one starting with `invalid`) → 401 in
 * **plain text**; a key starting with `free` → 403 `API_INACCESSIBLE` on the search. Injected
 * faults answer with Apollo's body for the status (429's "maximum number of api calls" message,
 * 422 `UNKNOWN_ERROR`…); 402 answers an insufficient-credits body, a shape Apollo does not
 * document [invented].
 *
 * All data is invented and deterministic: only domains under `example.*` (and `.example`) are
 * known; about one person in ten is not found, some e-mails come back locked
 * (`email_not_unlocked@domain.com`), the e-mail status varies. Every match costs one credit,
 * counted with the people billed for tests (`POST /__sandbox/apollo/usage`).
 */
import { json, text, type SandboxRequest, type SandboxResponse, type StandIn } from '../types';

type Json = Record<string, unknown>;

const TITLES = [
  'Directrice RSE',
  'Responsable RSE',
  'Directeur développement durable',
  'Chargée de mission biodiversité',
  'Directeur des espaces verts',
  'Responsable environnement',
  'Directrice générale des services',
  'Responsable achats',
  'Chargé de communication',
  'Office manager',
];
const INDUSTRIES = [
  'environmental services',
  'government administration',
  'food & beverages',
  'retail',
  'construction',
  'hospitality',
  'banking',
  'information technology & services',
];
const CITIES: ReadonlyArray<readonly [string, string, string]> = [
  ['Lyon', '69002', 'Auvergne-Rhône-Alpes'],
  ['Nantes', '44000', 'Pays de la Loire'],
  ['Bordeaux', '33000', 'Nouvelle-Aquitaine'],
  ['Lille', '59000', 'Hauts-de-France'],
  ['Rennes', '35000', 'Bretagne'],
  ['Toulouse', '31000', 'Occitanie'],
  ['Paris', '75011', 'Île-de-France'],
];
const FIRST_NAMES = ['Claire', 'Julien', 'Sophie', 'Karim', 'Élodie', 'Thomas', 'Nadia', 'Hugo'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Garnier', 'Roux', 'Fabre'];

const EXAMPLE_DOMAIN = /(^|\.)example(\.(com|org|net|fr))?$/;

interface Limits {
  minute: number;
  hourly: number;
  daily: number;
}

const DEFAULT_LIMITS: Limits = { minute: 1000, hourly: 60_000, daily: 600_000 };

interface State {
  limits: Limits;
  windows: { minute: [number, number]; hourly: [number, number]; daily: [number, number] };
  credits: number;
  requests: number;
  /** One key per person billed, in order: a person billed twice appears twice. */
  billed: string[];
}

function freshState(): State {
  return {
    limits: { ...DEFAULT_LIMITS },
    windows: { minute: [0, 0], hourly: [0, 0], daily: [0, 0] },
    credits: 0,
    requests: 0,
    billed: [],
  };
}

let state = freshState();

/** FNV-1a: the same identifiers always give the same invented person. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function pick<T>(list: readonly T[], seed: number): T {
  return list[seed % list.length] as T;
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function capitalise(slug: string): string {
  return slug
    .split(/[-.]/)
    .filter((w) => w !== '')
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join(' ');
}

export function isExampleDomain(domain: string): boolean {
  return EXAMPLE_DOMAIN.test(domain.toLowerCase());
}

function organisationFor(domain: string): Json {
  const seed = hash(domain);
  const [city, postalCode, region] = pick(CITIES, seed >>> 3);
  const label = domain.split('.')[0] ?? domain;
  return {
    id: `org${seed.toString(16).padStart(8, '0')}`,
    name: capitalise(label),
    website_url: `http://www.${domain}`,
    primary_domain: domain,
    linkedin_url: `http://www.linkedin.com/company/${label}`,
    industry: pick(INDUSTRIES, seed),
    industries: [pick(INDUSTRIES, seed)],
    keywords: ['rse', 'biodiversité'],
    estimated_num_employees: 20 + (seed % 2000),
    founded_year: 1950 + (seed % 70),
    street_address: `${1 + (seed % 120)} rue de l’Exemple`,
    raw_address: `${1 + (seed % 120)} rue de l’Exemple, ${postalCode} ${city}, France`,
    city,
    postal_code: postalCode,
    state: region,
    country: 'France',
    phone: null,
    short_description: 'Organisation fictive du bac à sable (données inventées).',
  };
}

interface Who {
  first: string;
  last: string;
  domain: string;
  email: string | null;
}

/** The person the identifiers point to, or null (unknown domain, or one of the misses). */
function resolve(details: Json): Who | null {
  const str = (key: string) =>
    typeof details[key] === 'string' ? (details[key] as string).trim() : '';
  if (str('id') !== '') return fromSearchId(str('id'));
  const email = str('email').toLowerCase();
  const linkedin = str('linkedin_url');
  let first = str('first_name');
  let last = str('last_name');
  let domain = str('domain')
    .toLowerCase()
    .replace(/^www\./, '');
  if (domain === '' && email.includes('@')) domain = email.split('@')[1] ?? '';
  if ((first === '' || last === '') && email.includes('@')) {
    const [a = '', b = ''] = (email.split('@')[0] ?? '').split(/[._-]/);
    if (first === '') first = capitalise(a);
    if (last === '') last = capitalise(b);
  }
  if ((first === '' || last === '') && linkedin !== '') {
    const slug = /\/in\/([^/?#]+)/.exec(linkedin)?.[1] ?? '';
    const [a = '', b = ''] = slug.split('-');
    if (first === '') first = capitalise(a);
    if (last === '') last = capitalise(b);
    if (domain === '') domain = 'linkedin-only.example.com';
  }
  if (first === '' || last === '' || domain === '' || !isExampleDomain(domain)) return null;
  if (hash(`${ascii(first)}|${ascii(last)}|${domain}`) % 10 === 0) return null;
  return { first, last, domain, email: email === '' ? null : email };
}

function personFor(who: Who): Json {
  const seed = hash(`${ascii(who.first)}|${ascii(who.last)}|${who.domain}`);
  const built = `${ascii(who.first)}.${ascii(who.last)}@${who.domain}`.replace(/-/g, '');
  const locked = who.email === null && seed % 7 === 0;
  return {
    id: `p${seed.toString(16).padStart(8, '0')}`,
    first_name: who.first,
    last_name: who.last,
    name: `${who.first} ${who.last}`,
    title: pick(TITLES, seed >>> 5),
    headline: `${pick(TITLES, seed >>> 5)} (profil fictif)`,
    email: locked ? 'email_not_unlocked@domain.com' : (who.email ?? built),
    email_status: pick(['verified', 'unverified', 'extrapolated'], seed >>> 7),
    extrapolated_email_confidence: null,
    linkedin_url: `http://www.linkedin.com/in/${ascii(who.first)}-${ascii(who.last)}-${(seed % 1_000_000).toString().padStart(6, '0')}`,
    photo_url: null,
    twitter_url: null,
    github_url: null,
    facebook_url: null,
    city: (organisationFor(who.domain).city as string) ?? null,
    country: 'France',
    organization_id: organisationFor(who.domain).id,
    organization: organisationFor(who.domain),
    seniority: 'director',
    departments: ['master_operations'],
    is_likely_to_engage: true,
    revealed_for_current_team: true,
  };
}

/**
 * Search results carry 24-hex IDs like Apollo's; the stand-in remembers which person each names
 * (kept across resets, so an ID shown before a test's reset still resolves).
 */
const searchIds = new Map<string, { domain: string; index: string }>();

function searchId(domain: string, index: number): string {
  const a = hash(`${domain}|${index}`).toString(16).padStart(8, '0');
  const b = hash(`${index}|${domain}`).toString(16).padStart(8, '0');
  const c = hash(`${domain}#${index}#id`).toString(16).padStart(8, '0');
  const id = `${a}${b}${c}`;
  searchIds.set(id, { domain, index: String(index) });
  return id;
}

function fromSearchId(id: string): Who | null {
  const found = searchIds.get(id);
  if (!found) return null;
  const { domain, index } = found;
  if (!isExampleDomain(domain) || !/^\d+$/.test(index)) return null;
  const seed = hash(`${domain}#${index}`);
  return {
    first: pick(FIRST_NAMES, seed),
    last: pick(LAST_NAMES, seed >>> 4),
    domain,
    email: null,
  };
}

function bill(who: Who): void {
  state.credits += 1;
  state.billed.push(`${ascii(who.first)}|${ascii(who.last)}|${who.domain}`);
}

function rateHeaders(): Record<string, string> {
  const now = Date.now();
  const count = (key: keyof State['windows'], size: number) => {
    const window = Math.floor(now / size);
    const slot = state.windows[key];
    if (slot[0] !== window) state.windows[key] = [window, 0];
    state.windows[key][1] += 1;
    return state.windows[key][1];
  };
  const minute = count('minute', 60_000);
  const hourly = count('hourly', 3_600_000);
  const daily = count('daily', 86_400_000);
  const { limits } = state;
  return {
    'x-rate-limit-minute': String(limits.minute),
    'x-minute-usage': String(minute),
    'x-minute-requests-left': String(Math.max(0, limits.minute - minute)),
    'x-rate-limit-hourly': String(limits.hourly),
    'x-hourly-usage': String(hourly),
    'x-hourly-requests-left': String(Math.max(0, limits.hourly - hourly)),
    'x-rate-limit-24-hour': String(limits.daily),
    'x-24-hour-usage': String(daily),
    'x-24-hour-requests-left': String(Math.max(0, limits.daily - daily)),
  };
}

const UNAUTHORIZED =
  'Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate.';

function body(request: SandboxRequest): Json | null {
  if (request.bodyText.trim() === '') return {};
  try {
    const parsed = JSON.parse(request.bodyText) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Json)
      : null;
  } catch {
    return null;
  }
}

function requestId(): number {
  // A large integer, as Apollo sends (apollo.md §2): JSON readers must not rely on it.
  return 1039995589705121900 + state.requests;
}

export function handleApollo(request: SandboxRequest): SandboxResponse {
  const path = request.path.replace(/^\/api\/v1/, '/v1');
  const key = request.headers['x-api-key'] ?? '';
  if (key === '' || key.startsWith('invalid')) return text(401, UNAUTHORIZED);
  state.requests += 1;
  const headers = rateHeaders();
  const over = (['minute', 'hourly', 'daily'] as const).find(
    (w) => state.windows[w][1] > state.limits[w],
  );
  if (over) {
    const size = { minute: 60_000, hourly: 3_600_000, daily: 86_400_000 }[over];
    const wait = Math.ceil((size - (Date.now() % size)) / 1000);
    const per = { minute: 'minute', hourly: 'hour', daily: 'day' }[over];
    return json(
      429,
      {
        message: `The maximum number of api calls allowed for api${path} is ${state.limits[over]} times per ${per}. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.`,
      },
      { ...headers, 'retry-after': String(wait) },
    );
  }
  const route = `${request.method} ${path}`;
  if (route === 'GET /v1/auth/health')
    return json(200, { healthy: true, is_logged_in: true }, headers);
  if (route === 'POST /v1/people/match') {
    const details = { ...request.query, ...(body(request) ?? {}) };
    const who = resolve(details);
    if (who) bill(who);
    return json(200, { person: who ? personFor(who) : null, request_id: requestId() }, headers);
  }
  if (route === 'POST /v1/people/bulk_match') {
    const parsed = body(request);
    const details = parsed?.details;
    if (!Array.isArray(details) || details.length === 0)
      return json(
        400,
        {
          status: 'failed',
          error_code: 'INVALID_REQUEST',
          error_message: 'invalid request, missing details',
        },
        headers,
      );
    if (details.length > 10)
      return json(
        422,
        {
          status: 'failed',
          error_code: 'RECORD_LIMIT_EXCEEDED',
          error_message: 'cannot enrich more than 10 in a single request',
        },
        headers,
      );
    const people = details.map((d) =>
      typeof d === 'object' && d !== null ? resolve(d as Json) : null,
    );
    for (const who of people) if (who) bill(who);
    const found = people.filter((p) => p !== null).length;
    return json(
      200,
      {
        status: 'success',
        error_code: null,
        error_message: null,
        total_requested_enrichments: details.length,
        unique_enriched_records: found,
        missing_records: details.length - found,
        credits_consumed: found,
        matches: people.map((who) => (who ? personFor(who) : null)),
      },
      headers,
    );
  }
  if (route === 'GET /v1/organizations/enrich') {
    const domain = (request.query.domain ?? '').toLowerCase().replace(/^www\./, '');
    if (domain === '')
      return json(
        422,
        { error: 'Please provide a domain, name, linkedin_url or website' },
        headers,
      );
    if (!isExampleDomain(domain)) return json(200, {}, headers);
    state.credits += 1;
    state.billed.push(`organisation|${domain}`);
    return json(200, { organization: organisationFor(domain) }, headers);
  }
  if (route === 'POST /v1/mixed_people/api_search') {
    if (key.startsWith('free'))
      return json(
        403,
        {
          error:
            'api/v1/mixed_people/api_search is not accessible with this access token on a free plan. Please upgrade your plan from https://app.apollo.io/.',
          error_code: 'API_INACCESSIBLE',
        },
        headers,
      );
    const parsed = body(request) ?? {};
    const domains = Array.isArray(parsed.q_organization_domains_list)
      ? (parsed.q_organization_domains_list as unknown[]).filter(
          (d): d is string => typeof d === 'string',
        )
      : [];
    const titles = Array.isArray(parsed.person_titles)
      ? (parsed.person_titles as unknown[]).filter((t): t is string => typeof t === 'string')
      : [];
    const people = domains.filter(isExampleDomain).flatMap((domain) => {
      const count = 2 + (hash(domain) % 4);
      return Array.from({ length: count }, (_, i) => {
        const who = fromSearchId(searchId(domain, i)) as Who;
        const last = who.last;
        return {
          id: searchId(domain, i),
          first_name: who.first,
          last_name_obfuscated: `${last.slice(0, 2)}***${last.slice(-1)}`,
          title: titles.length > 0 ? pick(titles, hash(`${domain}#${i}`)) : pick(TITLES, i),
          last_refreshed_at: '2026-11-04T23:20:32.690+00:00',
          has_email: i % 3 !== 2,
          has_city: true,
          has_state: true,
          has_country: true,
          has_direct_phone: 'Maybe: please request direct dial via people/bulk_match',
          organization: {
            name: organisationFor(domain).name,
            has_industry: true,
            has_employee_count: true,
            has_phone: false,
          },
        };
      });
    });
    return json(200, { total_entries: people.length, people }, headers);
  }
  return json(404, { error: `sandbox: no Apollo route for ${route}` }, headers);
}

const ERRORS: Record<number, () => SandboxResponse> = {
  400: () =>
    json(400, {
      status: 'failed',
      error_code: 'INVALID_REQUEST',
      error_message: 'invalid request (sandbox fault)',
    }),
  401: () => text(401, UNAUTHORIZED),
  402: () =>
    json(402, {
      error:
        'You have insufficient credits to perform this action. Please upgrade your plan (sandbox fault).',
      error_code: 'INSUFFICIENT_CREDITS',
    }),
  403: () =>
    json(403, {
      error: 'api/v1/people/bulk_match is not accessible with this access token on a free plan.',
      error_code: 'API_INACCESSIBLE',
    }),
  422: () =>
    json(422, {
      status: 'failed',
      error_code: 'UNKNOWN_ERROR',
      error_message: 'Unprocessable entity (sandbox fault).',
    }),
  429: () =>
    json(429, {
      message:
        'The maximum number of api calls allowed for api/v1/people/bulk_match is 600 times per hour. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.',
    }),
};

export const apolloStandIn: StandIn = {
  name: 'apollo',
  matches: (host) => host === 'api.apollo.io',
  handle: handleApollo,
  errorResponse: (status) =>
    ERRORS[status]?.() ?? (status >= 500 ? text(status, 'Internal Server Error') : undefined),
  reset: () => {
    state = freshState();
  },
  /**
   * `usage`: credits billed, requests served, people billed (a person billed twice appears
   * twice). `limits` `{minute, hourly, daily}`: the plan's windows (e.g. the free plan's 50/min).
   */
  control: (action, input) => {
    if (action === 'usage')
      return json(200, { credits: state.credits, requests: state.requests, billed: state.billed });
    if (action === 'limits') {
      const given = (typeof input === 'object' && input !== null ? input : {}) as Partial<Limits>;
      state.limits = { ...state.limits, ...given };
      return json(200, { limits: state.limits });
    }
    return json(404, { error: `Unknown Apollo sandbox control: ${action}` });
  },
};
