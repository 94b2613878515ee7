/** Temperature, segment cells and saved segments end to end on dist/Code.js. */
import type { RecordDto, SavedSegment, SegmentMembers } from '../../src/server/api/contract';
import { callApi, freshRuntime } from './helpers';

function setup() {
  const runtime = freshRuntime({ inMemory: true, now: new Date('2026-11-28T10:00:00Z') });
  callApi(runtime, 'setupStructure');
  const vannes = callApi<RecordDto>(runtime, 'createRecord', 'organisations', {
    nom: 'Commune de Vannes',
    type: 'Commune',
    population: 54947,
    region: 'Bretagne',
  });
  const village = callApi<RecordDto>(runtime, 'createRecord', 'organisations', {
    nom: 'Commune de Locoal-Mendon',
    type: 'Commune',
    population: 3400,
    region: 'Bretagne',
  });
  const contact = callApi<RecordDto>(runtime, 'createRecord', 'contacts', {
    nom: 'Le Goff',
    organisationId: String(vannes.id),
  });
  return { runtime, vannes, village, contact };
}

describe('segments', () => {
  it('stores temperature and segment, and lists the members of saved segments', () => {
    const { runtime, vannes, contact } = setup();
    callApi(runtime, 'logInteraction', {
      contactId: String(contact.id),
      type: 'Email reçu',
      direction: 'Entrant',
      objet: 'Demande de devis',
    });
    callApi(runtime, 'rescoreIcp');
    expect(
      callApi<RecordDto>(runtime, 'getRecord', 'organisations', String(vannes.id)),
    ).toMatchObject({
      temperature: 'Chaud',
      segment: 'Commune · 20\u202f000–99\u202f999 hab.',
    });
    const saved = callApi<SavedSegment[]>(runtime, 'listSegments');
    expect(saved.map((s) => s.name)).toContain('Leads chauds');
    expect(saved.every((s) => s.error === null)).toBe(true);
    const big = callApi<SegmentMembers>(
      runtime,
      'getSegmentMembers',
      'Collectivités de plus de 5 000 habitants',
    );
    expect(big.organisations.map((o) => o.title)).toEqual(['Commune de Vannes']);
    expect(big.totalContacts).toBe(1);
    const hot = callApi<SegmentMembers>(runtime, 'getSegmentMembers', 'Leads chauds');
    expect(hot.contacts.map((c) => c.id)).toEqual([String(contact.id)]);
  });

  it('refuses an unknown segment in French', () => {
    const { runtime } = setup();
    const result = runtime.run({
      functionName: 'getSegmentMembers',
      args: ['Rien'],
      kind: 'sidebar',
    });
    expect(result.value).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
