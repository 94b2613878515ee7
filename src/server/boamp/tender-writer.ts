/**
 * Writes a batch of BOAMP notices (issue 5) in one session: new notices appended to Appels_offres
 * in one call, each linked to the Organisations record with the buyer's SIREN (or name) or to a
 * new collectivité created in the same session; a rectification, cancellation or award of a notice
 * already in the tab updates that row instead, journals it, and — when the notice is followed by
 * an open opportunity — proposes closing it as a task for the user. The idweb is the idempotency
 * key: a notice already in the tab is never added twice.
 */
import { isClosed, isStage } from '../../core/pipeline';
import type { TenderDetails } from '../../core/boamp/parse';
import type { RelevanceResult } from '../../core/boamp/relevance';
import type { BoampRecord } from '../../core/boamp/types';
import {
  buyerType,
  linkedIdweb,
  noticeChange,
  tenderRow,
  type TenderRow,
} from '../../core/boamp/watch/tender-row';
import { getTab } from '../../core/schema/tabs';
import type { TabDef } from '../../core/schema/types';
import { foldText } from '../../core/text/fold';
import { validateField } from '../../core/validation';
import { CRM_TIME_ZONE } from '../platform/clock';
import { readKeys, text } from '../records/crm-snapshot';
import { inSession } from '../records/record-session';
import { rowToRecord } from '../records/table-snapshot';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface NoticeToWrite {
  readonly record: BoampRecord;
  readonly details: TenderDetails | null;
  readonly relevance: RelevanceResult;
}

export interface WriteReport {
  /** IDs (AO-…) of the rows added. */
  readonly added: readonly string[];
  /** Rows updated by a later notice (rectification, cancellation, award). */
  readonly updated: number;
  readonly organisationsCreated: number;
  /** Already in the tab: nothing written. */
  readonly skipped: number;
  /** Values from BOAMP left out because they did not pass the CRM's checks. */
  readonly problems: readonly string[];
}

export function writeNotices(
  spreadsheet: Spreadsheet,
  notices: readonly NoticeToWrite[],
): WriteReport {
  if (notices.length === 0) {
    return { added: [], updated: 0, organisationsCreated: 0, skipped: 0, problems: [] };
  }
  const tenderTab = getTab('appelsOffres');
  return inSession(spreadsheet, (session) => {
    const tenders = session.table('appelsOffres');
    const rowOfIdweb = new Map<string, string>();
    for (const row of tenders.rows) {
      const r = rowToRecord(tenders, row);
      if (text(r.idweb) !== '' && text(r.id) !== '') rowOfIdweb.set(text(r.idweb), text(r.id));
    }
    const organisations = readKeys(spreadsheet, 'organisations', ['siren', 'nom', 'etat']);
    const orgBySiren = new Map<string, string>();
    const orgByName = new Map<string, string>();
    for (const o of organisations) {
      if (o.etat === 'Archivé') continue;
      if (text(o.siren) !== '') orgBySiren.set(text(o.siren), text(o.id));
      if (text(o.nom) !== '') orgByName.set(foldText(text(o.nom)), text(o.id));
    }
    const problems: string[] = [];
    let updated = 0;
    let skipped = 0;
    const fresh: Array<{ notice: NoticeToWrite; row: { input: TenderRow; computed: TenderRow } }> =
      [];
    const seen = new Set<string>();
    for (const notice of notices) {
      const idweb = notice.record.idweb;
      if (rowOfIdweb.has(idweb) || seen.has(idweb)) {
        skipped += 1;
        continue;
      }
      seen.add(idweb);
      const original = linkedIdweb(notice.record, notice.details);
      const originalRow = original === null ? undefined : rowOfIdweb.get(original);
      if (originalRow !== undefined) {
        applyChange(notice, originalRow, idweb);
        updated += 1;
        continue;
      }
      fresh.push({ notice, row: tenderRow(notice.record, notice.relevance, notice.details) });
    }

    // Buyers the CRM does not know yet become collectivités, once each.
    const newBuyers = new Map<string, { nom: string; siren: string | null }>();
    const buyerKey = (siren: string | null, name: string) =>
      siren ? `s:${siren}` : `n:${foldText(name)}`;
    for (const { row } of fresh) {
      const name = String(row.input.acheteur ?? '').trim();
      const siren = validSiren(row.input.acheteurSiren);
      if (
        name === '' ||
        (siren && orgBySiren.has(siren)) ||
        (!siren && orgByName.has(foldText(name)))
      )
        continue;
      newBuyers.set(buyerKey(siren, name), { nom: name, siren });
    }
    const createdOrgs = session.createMany(
      'organisations',
      [...newBuyers.values()].map((b) => ({
        input: { nom: b.nom, type: buyerType(b.nom), siren: b.siren, source: 'BOAMP' },
      })),
    );
    for (const org of createdOrgs) {
      if (org.siren) orgBySiren.set(String(org.siren), String(org.id));
      orgByName.set(foldText(String(org.nom ?? '')), String(org.id));
    }

    const added = session.createMany(
      'appelsOffres',
      fresh.map(({ notice, row }) => {
        const name = String(row.input.acheteur ?? '').trim();
        const siren = validSiren(row.input.acheteurSiren);
        const organisationId =
          (siren ? orgBySiren.get(siren) : undefined) ?? orgByName.get(foldText(name)) ?? null;
        const input = lenient(tenderTab, row.input, problems, notice.record.idweb);
        return {
          input: { ...input, ...(organisationId ? { organisationId } : {}) },
          system: Object.fromEntries(Object.entries(row.computed).map(([k, v]) => [k, v ?? ''])),
        };
      }),
    );
    return {
      added: added.map((t) => String(t.id)),
      updated,
      organisationsCreated: createdOrgs.length,
      skipped,
      problems,
    };

    function applyChange(notice: NoticeToWrite, tenderId: string, idweb: string): void {
      const change = noticeChange(notice.record, notice.details);
      const values: Record<string, string | number> = {
        etatAvis:
          change.kind === 'award'
            ? 'Attribué'
            : change.kind === 'cancellation'
              ? 'Annulé'
              : 'Rectifié',
        avisLie: idweb,
      };
      if (change.kind === 'award') {
        if (change.winners) values.attributaire = change.winners;
        if (change.amount !== null) values.montantAttribue = change.amount;
      }
      const deadline = notice.details?.submissionDeadline;
      const input: Record<string, string> = {};
      if (change.kind === 'rectification' && deadline) input.dateLimite = deadline;
      const tender = session.update(
        'appelsOffres',
        tenderId,
        lenient(tenderTab, input, problems, idweb),
        values,
        'Automatique',
      );
      const opportunityId = text(tender.opportuniteId);
      if (opportunityId === '' || change.kind === 'rectification') return;
      const opportunity = session.record('opportunites', opportunityId);
      const stage = text(opportunity.etape);
      if (opportunity.etat === 'Archivé' || (isStage(stage) && isClosed(stage))) return;
      const what =
        change.kind === 'award'
          ? `marché attribué${change.winners ? ` à ${change.winners}` : ''}${change.amount !== null ? ` pour ${change.amount} €` : ''} — Gagné si c’est UTPLA, sinon Perdu`
          : 'procédure annulée — à passer en Perdu';
      session.create(
        'taches',
        {
          titre: `Clore l’opportunité ${opportunityId} : ${what}`.slice(0, 250),
          echeance: Utilities.formatDate(session.at, CRM_TIME_ZONE, 'yyyy-MM-dd'),
          statut: 'À faire',
          priorite: 'Haute',
          origine: 'Automatique',
          opportuniteId: opportunityId,
          appelOffreId: tenderId,
        },
        { regle: change.kind === 'award' ? 'Avis d’attribution' : 'Avis d’annulation' },
      );
    }
  });
}

/** Each value checked alone: one that fails is left out (and reported), not the whole notice. */
function lenient(
  tab: TabDef,
  input: Readonly<Record<string, unknown>>,
  problems: string[],
  idweb: string,
): Record<string, string | number | boolean | null> {
  const kept: Record<string, string | number | boolean | null> = {};
  for (const [key, raw] of Object.entries(input)) {
    const field = tab.fields.find((f) => f.key === key);
    if (!field || raw === null || raw === undefined || raw === '') continue;
    const result = validateField(field, raw, { tab });
    if (result.ok) {
      // The normalised form is what the session validates again and stores.
      kept[key] = result.value;
    } else if (field.required) {
      kept[key] = String(raw);
    } else {
      problems.push(`Avis ${idweb} : ${result.message}`);
    }
  }
  return kept;
}

function validSiren(value: unknown): string | null {
  const digits = String(value ?? '').replace(/\s/g, '');
  return /^\d{9}$/.test(digits) ? digits : null;
}
