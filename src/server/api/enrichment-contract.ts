/**
 * The enrichment endpoints' data as it crosses google.script.run (issue 6): plain JSON only.
 * Re-exported by contract.ts, which lists the endpoints themselves.
 */
import type {
  CreditStatus,
  DecisionMakerCandidate,
  EnrichmentProgress,
  EnrichmentSource,
  QualifiedRecord,
} from '../../core/enrichment';
import type { RecordDto } from './contract';

export type { CreditStatus, DecisionMakerCandidate, EnrichmentProgress, QualifiedRecord };

export interface EnrichmentFill {
  /** Schema key and French header of the field. */
  readonly field: string;
  readonly header: string;
  readonly value: string | number;
  readonly source: EnrichmentSource;
}

/** A value that differs from the one in the sheet: shown, applied only on the user's click. */
export interface EnrichmentProposal {
  readonly field: string;
  readonly header: string;
  readonly current: string | number;
  readonly proposed: string | number;
  readonly source: EnrichmentSource;
}

export interface EnrichmentResult {
  readonly tab: 'contacts' | 'organisations';
  readonly id: string;
  /** Empty fields filled now (journaled with their source as the action). */
  readonly filled: readonly EnrichmentFill[];
  readonly proposals: readonly EnrichmentProposal[];
  /** Fields of the contact's organisation filled from the same answer (contacts only). */
  readonly organisationFilled: readonly string[];
  /** « Statut email » stored by this enrichment, if any. */
  readonly emailStatus: string | null;
  /** False when Apollo (and Hunter) knew nothing of the record. */
  readonly found: boolean;
  /** Why nothing was asked (enriched less than `enrichissement.delai_jours` ago), else null. */
  readonly skipped: string | null;
  /** Part of the work was not done (Hunter's budget spent after Apollo answered…), else null. */
  readonly warning: string | null;
  /** Remaining monthly budgets after the call. */
  readonly credits: readonly CreditStatus[];
  /** Organisations this enrichment carried over the qualification threshold. */
  readonly qualified: readonly QualifiedRecord[];
}

export interface ApplyEnrichmentResult {
  readonly record: RecordDto;
  readonly applied: readonly EnrichmentProposal[];
  /** The field was changed since the proposal was made: not applied, so nobody's value is lost. */
  readonly stale: readonly EnrichmentProposal[];
  readonly qualified: readonly QualifiedRecord[];
}

export interface EmailVerificationResult {
  readonly contactId: string;
  readonly email: string;
  /** French status (« Valide », « Invalide »…), null while Hunter is still verifying. */
  readonly status: string | null;
  readonly score: number | null;
  readonly verifiedAtIso: string | null;
  /** Hunter answered 202 or 222: try again in a few minutes. */
  readonly pending: boolean;
  /** French sentence for the sidebar. */
  readonly message: string;
  /** Whether the CRM will prepare drafts to this address. */
  readonly canDraft: boolean;
  readonly credits: readonly CreditStatus[];
}

export interface DecisionMakerOption extends DecisionMakerCandidate {
  /** The contact of this organisation it seems to be already, or null. */
  readonly alreadyInCrm: string | null;
}

export interface DecisionMakerList {
  readonly organisationId: string;
  readonly domain: string;
  readonly titles: readonly string[];
  /** Apollo's count of matching people; the list holds the first 25. */
  readonly total: number;
  readonly candidates: readonly DecisionMakerOption[];
}

export interface AddedDecisionMaker {
  readonly contact: RecordDto;
  readonly credits: readonly CreditStatus[];
}

export interface EnrichmentStatus extends EnrichmentProgress {
  readonly credits: readonly CreditStatus[];
  readonly apolloConfigured: boolean;
  readonly hunterConfigured: boolean;
}
