/**
 * The web app's doPost end to end on dist/Code.js, called as Apps Script calls it for a POST to
 * the deployed URL (runtime.runWebApp): no secret set, a wrong secret, an unreadable body and a
 * bad record write nothing; a good request creates or updates through the sidebar's record
 * session, journaled as « Make.com »; an upsert finds a contact by email and an organisation by
 * SIREN; an interaction updates its contact; a replayed requestId gets the first answer.
 */
import type { RecordDto } from '../../src/server/api/contract';
import type { LocalRuntime } from '../../src/local/runtime/runtime';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { callApi, freshRuntime } from './helpers';
import { journal, setScriptProperties } from './webhook-helpers';

const SECRET = 'Q2hvY29sYXQtbWllbC1ydWNoZXMtYWJlaWxsZXMtMjAyNg';

interface Answer {
  ok: boolean;
  version: number;
  code?: string;
  message?: string;
  action?: string;
  type?: string;
  id?: string;
  record?: RecordDto;
  fieldErrors?: Array<{ field: string; message: string }>;
  requestId: string | null;
}

function setup(secret: string | null = SECRET): LocalRuntime {
  const runtime = freshRuntime({ inMemory: true, now: new Date('2026-11-27T10:00:00Z') });
  callApi(runtime, 'setupStructure');
  setScriptProperties(runtime, { INCOMING_WEBHOOK_SECRET: secret });
  return runtime;
}

function post(runtime: LocalRuntime, body: unknown): Answer & { logs: string[] } {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const result = runtime.runWebApp('doPost', { body: text });
  expect(result.ok).toBe(true);
  expect(result.response?.mimeType).toBe('JSON');
  return { ...(JSON.parse(result.response?.content ?? '{}') as Answer), logs: result.logs };
}

function rows(runtime: LocalRuntime, tab: string): string[][] {
  return readSheetValues(runtime, tab, true) as string[][];
}

const contact = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  secret: SECRET,
  action: 'create',
  type: 'contact',
  fields,
  ...extra,
});

describe('doPost (Make.com → CRM)', () => {
  it('refuses everything while no secret is set', () => {
    const runtime = setup(null);
    expect(post(runtime, contact({ nom: 'Martin' }))).toMatchObject({
      ok: false,
      version: 1,
      code: 'NOT_CONFIGURED',
      message: expect.stringMatching(/Paramètres et clés/),
    });
  });

  it('refuses a wrong or missing secret, writes nothing, and logs no secret', () => {
    const runtime = setup();
    const before = rows(runtime, 'Contacts');
    for (const secret of ['wrong', `${SECRET}x`, SECRET.slice(0, -1), undefined]) {
      const answer = post(runtime, { ...contact({ nom: 'Martin' }), secret });
      expect(answer).toMatchObject({
        ok: false,
        code: 'UNAUTHORIZED',
        message: 'Secret invalide : la requête est refusée.',
      });
      expect(answer.logs.join('\n')).not.toContain(SECRET.slice(0, 12));
    }
    expect(rows(runtime, 'Contacts')).toEqual(before);
  });

  it('answers a malformed request with BAD_REQUEST in French, and writes nothing', () => {
    const runtime = setup();
    expect(post(runtime, '{ pas du json')).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: /JSON valide/,
    });
    expect(
      post(runtime, { secret: SECRET, action: 'delete', type: 'contact', fields: {} }),
    ).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: /Action « delete » inconnue/,
    });
    // The shape is only described to a caller that knows the secret.
    expect(
      post(runtime, { secret: 'wrong', action: 'delete', type: 'contact', fields: {} }).code,
    ).toBe('UNAUTHORIZED');
    expect(rows(runtime, 'Contacts')).toHaveLength(1);
  });

  it('refuses a record the schema refuses, with every field error, and writes nothing at all', () => {
    const runtime = setup();
    const contacts = rows(runtime, 'Contacts');
    const journalLines = rows(runtime, 'Journal').length;
    const answer = post(
      runtime,
      contact({
        nom: '',
        email: 'pas-une-adresse',
        telephone: '12',
        organisationId: 'ORG-999999',
        couleur: 'bleu',
      }),
    );
    expect(answer).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(answer.fieldErrors?.map((e) => e.field).sort()).toEqual(
      ['couleur', 'email', 'nom', 'telephone'].sort(),
    );
    expect(answer.fieldErrors?.find((e) => e.field === 'email')?.message).toMatch(/Email/);
    const missingOrg = post(runtime, contact({ nom: 'Martin', organisationId: 'ORG-999999' }));
    expect(missingOrg).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: /ORG-999999.*introuvable/,
    });
    expect(rows(runtime, 'Contacts')).toEqual(contacts);
    expect(rows(runtime, 'Journal')).toHaveLength(journalLines);
  });

  it('creates a contact, journaled as Make.com, with headers or keys as field names', () => {
    const runtime = setup();
    const org = post(runtime, {
      secret: SECRET,
      action: 'create',
      type: 'organisation',
      fields: { Nom: 'Commune de Vannes', Type: 'Commune', SIREN: '215 602 608' },
    });
    expect(org).toMatchObject({
      ok: true,
      action: 'created',
      type: 'organisation',
      id: 'ORG-000001',
    });
    const created = post(
      runtime,
      contact({
        Prénom: 'Annaïg',
        nom: 'Le Goff',
        email: 'A.LeGoff@Example.org',
        organisationId: org.id,
      }),
    );
    expect(created).toMatchObject({
      ok: true,
      version: 1,
      action: 'created',
      type: 'contact',
      id: 'CT-000001',
      record: {
        prenom: 'Annaïg',
        email: 'a.legoff@example.org',
        organisationId: 'ORG-000001',
        owner: null,
      },
    });
    const lines = journal(runtime).filter((l) => l.ID === 'CT-000001' && l.Action === 'Création');
    expect(lines.map((l) => l.Utilisateur)).toEqual(['Make.com']);
    // The write was followed by the organisation's rescoring, as after a sidebar save.
    expect(journal(runtime).some((l) => l.ID === 'ORG-000001' && l.Action === 'Automatique')).toBe(
      true,
    );
  });

  it('upserts a contact by email and an organisation by SIREN: updated, then unchanged', () => {
    const runtime = setup();
    const org = callApi<RecordDto>(runtime, 'createRecord', 'organisations', {
      nom: 'Commune de Vannes',
      type: 'Commune',
      siren: '215602608',
    });
    const first = post(runtime, {
      secret: SECRET,
      action: 'upsert',
      type: 'contact',
      fields: { nom: 'Le Goff', email: 'a.legoff@example.org', organisationId: org.id },
    });
    expect(first).toMatchObject({ ok: true, action: 'created', id: 'CT-000001' });
    const update = {
      secret: SECRET,
      action: 'upsert',
      type: 'contact',
      fields: { email: 'A.LEGOFF@example.org', poste: 'Adjointe à l’environnement' },
    };
    expect(post(runtime, update)).toMatchObject({
      ok: true,
      action: 'updated',
      id: 'CT-000001',
      record: { nom: 'Le Goff', poste: 'Adjointe à l’environnement' },
    });
    expect(post(runtime, update)).toMatchObject({ ok: true, action: 'unchanged', id: 'CT-000001' });
    const bySiren = post(runtime, {
      secret: SECRET,
      action: 'update',
      type: 'organisation',
      fields: { siren: '215602608', population: 54947 },
    });
    expect(bySiren).toMatchObject({
      ok: true,
      action: 'updated',
      id: org.id,
      record: { population: 54947 },
    });
    const change = journal(runtime).find((l) => l.ID === 'CT-000001' && l.Champ === 'Poste');
    expect(change).toMatchObject({ Utilisateur: 'Make.com', Action: 'Modification' });
    expect(
      post(runtime, {
        secret: SECRET,
        action: 'update',
        type: 'contact',
        fields: { email: 'inconnu@example.org' },
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND', message: /upsert/ });
    expect(rows(runtime, 'Contacts')).toHaveLength(2);
  });

  it('refuses a second contact with the same email (CONFLICT)', () => {
    const runtime = setup();
    expect(post(runtime, contact({ nom: 'Un', email: 'meme@example.org' })).ok).toBe(true);
    expect(post(runtime, contact({ nom: 'Deux', email: 'meme@example.org' }))).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: /existe déjà/,
    });
  });

  it('logs an interaction as the sidebar does: the contact follows', () => {
    const runtime = setup();
    const created = post(runtime, contact({ nom: 'Le Goff', email: 'a.legoff@example.org' }));
    const answer = post(runtime, {
      secret: SECRET,
      action: 'create',
      type: 'interaction',
      fields: {
        contactId: created.id,
        type: 'Email reçu',
        direction: 'Entrant',
        date: '2026-11-26T15:00:00+01:00',
        objet: 'Réponse au devis',
        prochaineAction: 'Rappeler',
      },
    });
    expect(answer).toMatchObject({
      ok: true,
      action: 'created',
      type: 'interaction',
      id: 'INT-000001',
    });
    const updated = callApi<RecordDto>(runtime, 'getRecord', 'contacts', String(created.id));
    expect(updated).toMatchObject({
      derniereInteraction: '2026-11-26',
      prochaineAction: 'Rappeler',
    });
    expect(
      journal(runtime)
        .filter((l) => l.ID === 'INT-000001')
        .map((l) => l.Utilisateur),
    ).toEqual(['Make.com']);
  });

  it('gives a replayed requestId the first answer, and writes once', () => {
    const runtime = setup();
    const request = contact({ nom: 'Martin' }, { requestId: 'make-exec-8842' });
    const first = post(runtime, request);
    const again = post(runtime, request);
    expect(again).toEqual({ ...first, logs: again.logs });
    expect(first).toMatchObject({ ok: true, requestId: 'make-exec-8842' });
    expect(rows(runtime, 'Contacts')).toHaveLength(2);
  });

  it('answers a GET with a hint in JSON', () => {
    const runtime = setup();
    const result = runtime.runWebApp('doGet', { query: { x: '1' } });
    expect(JSON.parse(result.response?.content ?? '{}')).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/POST/),
    });
  });
});
