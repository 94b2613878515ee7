import { mapHeaders, requireColumns } from '../../src/core/schema/header-map';
import { describeAction, planStructure } from '../../src/core/schema/structure-plan';
import { getTab, TABS } from '../../src/core/schema/tabs';

const contacts = getTab('contacts');

describe('schema', () => {
  it('has one tab per table of the design, with unique keys and headers', () => {
    expect(TABS.map((t) => t.name)).toEqual([
      'Organisations',
      'Contacts',
      'Opportunites',
      'Interactions',
      'Appels_offres',
      'Taches',
      'Journal',
      'Parametres',
      'Tableau_de_bord',
    ]);
    for (const tab of TABS) {
      expect(new Set(tab.fields.map((f) => f.key)).size).toBe(tab.fields.length);
      expect(new Set(tab.fields.map((f) => f.header)).size).toBe(tab.fields.length);
      for (const f of tab.fields)
        if (f.type === 'enum') expect(f.values?.length).toBeGreaterThan(0);
    }
  });

  it('gives every record tab an ID column and a distinct prefix', () => {
    const records = TABS.filter((t) => t.kind === 'records');
    expect(records.every((t) => t.fields[0]?.key === 'id')).toBe(true);
    expect(new Set(records.map((t) => t.idPrefix)).size).toBe(records.length);
  });
});

describe('mapHeaders', () => {
  it('finds columns by folded header wherever users moved them, and keeps their own columns', () => {
    const headers = ['  email', 'Mon commentaire', 'ID', 'NOM', '', 'prenom'];
    const map = mapHeaders(contacts, headers);
    expect(map.columnOf.get('email')).toBe(0);
    expect(map.columnOf.get('id')).toBe(2);
    expect(map.columnOf.get('nom')).toBe(3);
    expect(map.columnOf.get('prenom')).toBe(5);
    expect(map.extra).toEqual(['Mon commentaire']);
    expect(map.width).toBe(6);
    expect(map.missing.map((f) => f.key)).toContain('telephone');
  });

  it('names the missing column and the repair in French', () => {
    const map = mapHeaders(contacts, ['ID', 'Nom']);
    expect(() => requireColumns(contacts, map, ['email'])).toThrow(
      "Colonne « Email » introuvable dans l'onglet Contacts — lancez CRM UTPLA › Installer / réparer la structure.",
    );
  });
});

describe('planStructure', () => {
  it('creates every tab of an empty workbook', () => {
    const plan = planStructure(TABS, [{ name: 'Feuille 1', headers: [] }]);
    expect(plan.map((a) => a.kind)).toEqual(TABS.map(() => 'createTab'));
  });

  it('appends only the missing columns after the last used column', () => {
    const headers = contacts.fields
      .filter((f) => f.key !== 'linkedin' && f.key !== 'notes')
      .map((f) => f.header);
    headers.push('Colonne perso');
    const plan = planStructure([contacts], [{ name: 'Contacts', headers }]);
    expect(plan).toHaveLength(1);
    const action = plan[0];
    expect(action?.kind).toBe('addColumns');
    if (action?.kind === 'addColumns') {
      expect(action.fields.map((f) => f.key)).toEqual(['linkedin', 'notes']);
      expect(action.startColumn).toBe(headers.length + 1);
      expect(describeAction(action)).toBe(
        'Onglet « Contacts » : colonnes ajoutées « LinkedIn », « Notes ».',
      );
    }
  });

  it('plans nothing for an up-to-date workbook', () => {
    const existing = TABS.map((t) => ({ name: t.name, headers: t.fields.map((f) => f.header) }));
    expect(planStructure(TABS, existing)).toEqual([]);
  });
});
