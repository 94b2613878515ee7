/**
 * The collectivités import in core: the bundled Etalab data decoded, the dialog's filters checked
 * and applied, and the plan that adds only what Organisations does not hold — archived records
 * included — with fast-check properties: an import never adds a SIREN twice, never adds one
 * already held, and a second import of the same filters adds nothing.
 */
import fc from 'fast-check';
import { isCrmError } from '../../src/core/errors';
import {
  BUNDLED_DATA_INFO,
  BUNDLED_TERRITORIES,
  bundledUniverse,
  collectiviteFields,
  decodeUniverse,
  describeFilters,
  describeImport,
  matchesFilters,
  parseCollectivitesFilters,
  planCollectivitesImport,
  previewOf,
  sirenKey,
  type Collectivite,
  type CollectivitesFilters,
  type Territories,
} from '../../src/core/collectivites';
import { isLuhnValid } from '../../src/core/validation';

const TERRITORIES: Territories = {
  regions: [
    ['53', 'Bretagne'],
    ['52', 'Pays de la Loire'],
  ],
  departements: [
    ['29', 'Finistère', '53'],
    ['56', 'Morbihan', '53'],
    ['44', 'Loire-Atlantique', '52'],
  ],
};

const EPCI_ROWS = '242900314;209143;29;Brest Métropole|200067932;170000;56;Golfe du Morbihan';
const COMMUNE_ROWS = [
  '212900195;139926;29;0;29200;Brest',
  '215602608;54947;56;1;56000;Vannes',
  '212900427;2100;29;;29160;Crozon',
  '214401846;72300;44;;44600;Saint-Nazaire',
].join('|');

const universe = decodeUniverse(EPCI_ROWS, COMMUNE_ROWS, TERRITORIES);
const ALL: CollectivitesFilters = {
  minPopulation: 0,
  regions: [],
  departements: [],
  types: ['Commune', 'EPCI'],
};

function refusal(run: () => unknown): { code: string; field?: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isCrmError(error)) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

describe('decodeUniverse', () => {
  it('reads EPCI and communes, with the région of the département and the EPCI by name', () => {
    expect(universe).toHaveLength(6);
    expect(universe[0]).toEqual({
      kind: 'EPCI',
      siren: '242900314',
      nom: 'Brest Métropole',
      population: 209143,
      departement: '29',
      region: '53',
      epci: '',
      codePostal: '',
    });
    expect(universe.find((c) => c.nom === 'Vannes')).toMatchObject({
      kind: 'Commune',
      epci: 'Golfe du Morbihan',
      region: '53',
      codePostal: '56000',
    });
    expect(universe.find((c) => c.nom === 'Crozon')?.epci).toBe('');
  });

  it('refuses rows it cannot read rather than importing nonsense', () => {
    expect(() => decodeUniverse('', '212900195;many;29;;29200;Brest', TERRITORIES)).toThrow(
      /Nombre illisible/,
    );
    expect(() => decodeUniverse('', '212900195;10;99;;29200;Brest', TERRITORIES)).toThrow(
      /Département inconnu/,
    );
    expect(() => decodeUniverse('', '212900195;10;29;7;29200;Brest', TERRITORIES)).toThrow(
      /EPCI inconnu/,
    );
  });
});

describe('the bundled Etalab data', () => {
  const bundled = bundledUniverse();

  it('holds every EPCI and the communes above its floor, each with a valid, unique SIREN', () => {
    const communes = bundled.filter((c) => c.kind === 'Commune');
    expect(bundled.filter((c) => c.kind === 'EPCI')).toHaveLength(BUNDLED_DATA_INFO.epci);
    expect(communes).toHaveLength(BUNDLED_DATA_INFO.communes);
    expect(Math.min(...communes.map((c) => c.population))).toBeGreaterThanOrEqual(
      BUNDLED_DATA_INFO.communeFloor,
    );
    expect(new Set(bundled.map((c) => c.siren)).size).toBe(bundled.length);
    expect(bundled.every((c) => /^\d{9}$/.test(c.siren) && isLuhnValid(c.siren))).toBe(true);
  });

  it('has the 2,280 communes over 5,000 inhabitants of the package, less the 29 without SIREN', () => {
    expect(BUNDLED_DATA_INFO.communesOver5000).toBe(2280);
    expect(BUNDLED_DATA_INFO.communesOver5000WithoutSiren).toBe(29);
    const over5000 = bundled.filter((c) => c.kind === 'Commune' && c.population > 5000);
    expect(over5000).toHaveLength(2280 - 29);
  });

  it('knows real places: Brest in Finistère, its EPCI, Bretagne', () => {
    const brest = bundled.find((c) => c.kind === 'Commune' && c.nom === 'Brest');
    expect(brest).toMatchObject({ departement: '29', region: '53', epci: 'Brest Métropole' });
    expect(brest?.population).toBeGreaterThan(100_000);
  });
});

describe('parseCollectivitesFilters', () => {
  it('accepts the dialog’s filters, dropping repeated codes and ordering the kinds', () => {
    expect(
      parseCollectivitesFilters(
        {
          minPopulation: '5 000',
          regions: ['53', '53'],
          departements: ['44'],
          types: ['EPCI', 'Commune'],
        },
        TERRITORIES,
      ),
    ).toEqual({
      minPopulation: 5000,
      regions: ['53'],
      departements: ['44'],
      types: ['Commune', 'EPCI'],
    });
  });

  it('takes both kinds and all of France when only a minimum is given', () => {
    expect(parseCollectivitesFilters({ minPopulation: 2000 }, TERRITORIES)).toEqual({
      ...ALL,
      minPopulation: 2000,
    });
  });

  it('refuses each bad part with a French message naming it', () => {
    expect(refusal(() => parseCollectivitesFilters({ minPopulation: -5 }, TERRITORIES))).toEqual({
      code: 'VALIDATION',
      field: 'minPopulation',
      message: 'Population minimale : « -5 » n’est pas un nombre entier d’habitants.',
    });
    expect(
      refusal(() => parseCollectivitesFilters({ minPopulation: 12.5 }, TERRITORIES)).field,
    ).toBe('minPopulation');
    expect(refusal(() => parseCollectivitesFilters({ regions: ['99'] }, TERRITORIES))).toEqual({
      code: 'VALIDATION',
      field: 'regions',
      message: 'Régions : « 99 » est inconnu.',
    });
    expect(
      refusal(() => parseCollectivitesFilters({ departements: '29' }, TERRITORIES)).message,
    ).toBe('Départements : une liste est attendue, pas « 29 ».');
    expect(refusal(() => parseCollectivitesFilters({ types: [] }, TERRITORIES)).message).toBe(
      'Type : choisissez les communes, les EPCI, ou les deux.',
    );
    expect(
      refusal(() => parseCollectivitesFilters({ types: ['Région'] }, TERRITORIES)).message,
    ).toBe('Type : « Région » est inconnu.');
  });

  it('never throws anything but a CrmError, whatever it is sent', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        try {
          parseCollectivitesFilters(raw, TERRITORIES);
        } catch (error) {
          expect(isCrmError(error)).toBe(true);
        }
      }),
    );
  });
});

describe('matchesFilters', () => {
  const names = (filters: CollectivitesFilters) =>
    universe.filter((c) => matchesFilters(c, filters)).map((c) => c.nom);

  it('applies the minimum to communes and EPCI alike, inclusively', () => {
    expect(names({ ...ALL, minPopulation: 72300 })).toEqual([
      'Brest Métropole',
      'Golfe du Morbihan',
      'Brest',
      'Saint-Nazaire',
    ]);
  });

  it('admits a collectivité in a chosen région or in a chosen département', () => {
    expect(names({ ...ALL, departements: ['29'] })).toEqual(['Brest Métropole', 'Brest', 'Crozon']);
    expect(names({ ...ALL, regions: ['52'], departements: ['56'] })).toEqual([
      'Golfe du Morbihan',
      'Vannes',
      'Saint-Nazaire',
    ]);
  });

  it('keeps only the chosen kinds', () => {
    expect(names({ ...ALL, types: ['EPCI'] })).toEqual(['Brest Métropole', 'Golfe du Morbihan']);
  });

  it('describes the filters in French for the Journal', () => {
    expect(
      describeFilters(
        { ...ALL, minPopulation: 5000, regions: ['53'], departements: ['44'] },
        TERRITORIES,
      ),
    ).toBe('communes et EPCI d’au moins 5\u202f000 habitants — Bretagne ; 44 Loire-Atlantique');
    expect(describeFilters({ ...ALL, types: ['EPCI'] }, TERRITORIES)).toBe(
      'EPCI — toute la France',
    );
  });
});

describe('planCollectivitesImport', () => {
  it('adds what is missing, EPCI first then communes largest first, per département', () => {
    const plan = planCollectivitesImport(universe, ALL, []);
    expect(plan.toAdd.map((c) => c.nom)).toEqual([
      'Brest Métropole',
      'Brest',
      'Crozon',
      'Saint-Nazaire',
      'Golfe du Morbihan',
      'Vannes',
    ]);
    expect(plan).toMatchObject({ matching: 6, alreadyPresent: 0, skippedByFilter: 0 });
  });

  it('matches SIRENs however they were typed or stored, and never re-adds an archived one', () => {
    const plan = planCollectivitesImport(universe, ALL, [
      { siren: '212 900 195', archived: false },
      { siren: 215602608, archived: true },
      { siren: '242900314', archived: true },
      { siren: '242900314', archived: false },
      { siren: 'pas un SIREN', archived: false },
      { siren: '', archived: false },
    ]);
    expect(plan.toAdd.map((c) => c.nom)).toEqual(['Crozon', 'Saint-Nazaire', 'Golfe du Morbihan']);
    expect(plan).toMatchObject({ matching: 6, alreadyPresent: 3, alreadyArchived: 1 });
  });

  it('counts what the filters leave out', () => {
    const plan = planCollectivitesImport(universe, { ...ALL, departements: ['44'] }, []);
    expect(plan).toMatchObject({ matching: 1, skippedByFilter: 5 });
    expect(previewOf(plan, 'x', 2000)).toEqual({
      matching: 1,
      toAdd: 1,
      toAddCommunes: 1,
      toAddEpci: 0,
      alreadyPresent: 0,
      alreadyArchived: 0,
      skippedByFilter: 5,
      communeFloor: 2000,
      filters: 'x',
    });
  });

  const existingRows = fc.array(
    fc.record({
      siren: fc.oneof(
        fc.constantFrom(...universe.map((c) => c.siren)),
        fc.constantFrom(...universe.map((c) => Number(c.siren))),
        fc.string(),
      ),
      archived: fc.boolean(),
    }),
    { maxLength: 10 },
  );
  const anyFilters = fc.record({
    minPopulation: fc.nat(250_000),
    regions: fc.subarray(['53', '52']),
    departements: fc.subarray(['29', '56', '44']),
    types: fc.constantFrom<Array<Collectivite['kind']>>(['Commune'], ['EPCI'], ['Commune', 'EPCI']),
  });

  it('never adds a SIREN twice or one already held, and loses no selected collectivité', () => {
    fc.assert(
      fc.property(anyFilters, existingRows, (filters, existing) => {
        const plan = planCollectivitesImport(universe, filters, existing);
        const held = new Set(existing.map((e) => sirenKey(e.siren)));
        const added = plan.toAdd.map((c) => c.siren);
        expect(new Set(added).size).toBe(added.length);
        expect(added.filter((s) => held.has(s))).toEqual([]);
        expect(plan.toAdd.every((c) => matchesFilters(c, filters))).toBe(true);
        expect(plan.toAdd.length + plan.alreadyPresent).toBe(plan.matching);
        expect(plan.matching + plan.skippedByFilter).toBe(universe.length);
      }),
    );
  });

  it('adds nothing the second time', () => {
    fc.assert(
      fc.property(anyFilters, existingRows, (filters, existing) => {
        const first = planCollectivitesImport(universe, filters, existing);
        const after = [
          ...existing,
          ...first.toAdd.map((c) => ({ siren: c.siren, archived: false })),
        ];
        const second = planCollectivitesImport(universe, filters, after);
        expect(second.toAdd).toEqual([]);
        expect(second.alreadyPresent).toBe(second.matching);
      }),
    );
  });
});

describe('collectiviteFields', () => {
  it('maps a commune and an EPCI to Organisations fields, source Import', () => {
    const brest = universe.find((c) => c.nom === 'Brest') as Collectivite;
    const metropole = universe.find((c) => c.nom === 'Brest Métropole') as Collectivite;
    expect(collectiviteFields(brest, TERRITORIES, 'note')).toEqual({
      nom: 'Brest',
      type: 'Commune',
      siren: '212900195',
      population: 139926,
      ville: 'Brest',
      codePostal: '29200',
      departement: '29',
      region: 'Bretagne',
      epci: 'Brest Métropole',
      source: 'Import',
      notes: 'note',
    });
    expect(collectiviteFields(metropole, TERRITORIES, 'note')).toMatchObject({
      type: 'EPCI',
      epci: 'Brest Métropole',
      ville: '',
      codePostal: '',
      region: 'Bretagne',
    });
  });

  it('sums an import up in one French line', () => {
    const plan = planCollectivitesImport(universe, ALL, [{ siren: '215602608', archived: true }]);
    const line = describeImport({
      ...previewOf(plan, describeFilters(ALL, TERRITORIES), 2000),
      added: 5,
      scored: 5,
      firstId: 'ORG-000001',
      lastId: 'ORG-000005',
    });
    expect(line).toBe(
      'Import des collectivités (communes et EPCI — toute la France) : 5 ajoutée(s) (3 communes, ' +
        '2 EPCI, ORG-000001 à ORG-000005), 5 notée(s) ; 1 déjà présente(s), dont 1 archivée(s) ; 0 hors filtres.',
    );
  });
});

describe('the bundled territories', () => {
  it('offers only régions and départements that hold a collectivité', () => {
    const bundled = bundledUniverse();
    const regions = new Set(bundled.map((c) => c.region));
    const departements = new Set(bundled.map((c) => c.departement));
    expect(BUNDLED_TERRITORIES.regions.map(([code]) => code).sort()).toEqual([...regions].sort());
    expect(BUNDLED_TERRITORIES.departements.map(([code]) => code).sort()).toEqual(
      [...departements].sort(),
    );
  });
});
