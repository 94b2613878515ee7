/**
 * The head of a 360° card: the main fields of the organisation or contact, empty ones left out
 * (the ICP score has its own block, icp-score.ts). Links are drawn only for http(s) and mail
 * addresses: a `javascript:` URL typed in a cell must stay text.
 */
import type { VNode } from 'preact';
import { getTab } from '../../core/schema/tabs';
import type { FieldDef } from '../../core/schema/types';
import { formatPhone } from '../../core/validation';
import type { RecordDto } from '../../server/api/contract';
import { formatValue } from '../format';
import { html } from '../html';
import type { CardTab } from '../records';

const SUMMARY_FIELDS: Readonly<Record<CardTab, readonly string[]>> = {
  organisations: [
    'type',
    'siren',
    'ville',
    'departement',
    'region',
    'population',
    'effectif',
    'secteur',
    'siteWeb',
    'certificationRse',
    'budgetBiodiversite',
    'budgetConfirme',
    'aoEnCours',
    'temperature',
    'segment',
    'source',
    'owner',
  ],
  contacts: [
    'poste',
    'email',
    'telephone',
    'statut',
    'statutEmail',
    'temperature',
    'segment',
    'optOut',
    'derniereInteraction',
    'prochaineAction',
    'prochaineActionLe',
    'source',
    'owner',
  ],
};

const SAFE_URL = /^https?:\/\/[^\s]+$/i;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function valueNode(field: FieldDef, value: unknown): VNode | string {
  const text = String(value);
  if (field.type === 'url' && SAFE_URL.test(text))
    return html`<a href=${text} target="_blank" rel="noopener noreferrer">${text}</a>`;
  if (field.type === 'email' && EMAIL.test(text))
    return html`<a href=${`mailto:${text}`}>${text}</a>`;
  if (field.type === 'phone') return formatPhone(text);
  return formatValue(field.type, value);
}

function isEmpty(field: FieldDef, value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  // "Opposition : Non" is noise; "Opposition : Oui" is what must be seen.
  return field.type === 'boolean' && value !== true && field.key === 'optOut';
}

export function CardFields(props: { tab: CardTab; record: RecordDto }): VNode {
  const { tab, record } = props;
  const fields = getTab(tab).fields.filter(
    (f) => SUMMARY_FIELDS[tab].includes(f.key) && !isEmpty(f, record[f.key]),
  );
  return html`
    <dl class="fields">
      ${fields.map(
        (f) => html`
          <div key=${f.key} class=${f.key === 'optOut' ? 'field-row bad' : 'field-row'}>
            <dt>${f.header}</dt>
            <dd data-field=${f.key}>${valueNode(f, record[f.key])}</dd>
          </div>
        `,
      )}
    </dl>
  `;
}
