/**
 * The plain facts the ICP score looks at (DESIGN.md §4), gathered by the server from the
 * organisation's row, its contacts, interactions, tenders and opportunities. Unknown is `null`
 * or '' — never a guessed zero — so that a dimension can say its data is missing.
 */
export interface ContactFacts {
  readonly id: string;
  readonly name: string;
  readonly poste: string;
  readonly email: string;
  /** Hunter's verdict in French ("Valide", "Invalide"…), '' when never checked. */
  readonly emailStatus: string;
  readonly phone: string;
  readonly linkedin: string;
  readonly optOut: boolean;
}

export interface InteractionFacts {
  readonly contactId: string;
  /** `yyyy-MM-dd` */
  readonly day: string;
  readonly type: string;
  readonly direction: string;
}

export interface OrganisationFacts {
  readonly type: string;
  readonly population: number | null;
  readonly effectif: number | null;
  readonly epci: string;
  readonly certificationRse: string;
  readonly bcorp: string;
  readonly iso26000: string;
  readonly labelLucie: string;
  readonly csrd: string;
  readonly csrdFirstYear: number | null;
  readonly engagementsRse: string;
  readonly engagementsBiodiversite: string;
  readonly budgetBiodiversite: number | null;
  readonly budgetConfirme: boolean;
  /** Tenders of this buyer still open (deadline not passed, not "No go"). */
  readonly openTenders: number;
  /** The free-text "AO en cours" column, for tenders followed outside the CRM. */
  readonly tendersNote: string;
  /** Open opportunities at Qualifié or beyond. */
  readonly advancedOpportunities: number;
  readonly wonOpportunities: number;
  readonly contacts: readonly ContactFacts[];
  readonly interactions: readonly InteractionFacts[];
}

/**
 * The facts of an organisation nobody knows anything about: a contact linked to no organisation
 * is scored with them (and its own interactions), a new record starts from them.
 */
export const NO_ORGANISATION_FACTS: OrganisationFacts = {
  type: '',
  population: null,
  effectif: null,
  epci: '',
  certificationRse: '',
  bcorp: '',
  iso26000: '',
  labelLucie: '',
  csrd: '',
  csrdFirstYear: null,
  engagementsRse: '',
  engagementsBiodiversite: '',
  budgetBiodiversite: null,
  budgetConfirme: false,
  openTenders: 0,
  tendersNote: '',
  advancedOpportunities: 0,
  wonOpportunities: 0,
  contacts: [],
  interactions: [],
};

export type DimensionKey = 'fit' | 'commitment' | 'need' | 'access' | 'relationship';

export interface DimensionScore {
  readonly key: DimensionKey;
  /** French label: Adéquation, Engagement, Besoin et calendrier, Accès au décideur, Relation. */
  readonly label: string;
  /** 0–20 */
  readonly points: number;
  /** One French line per rule that gave (or refused) points. */
  readonly reasons: readonly string[];
  /** What the dimension could not look at; empty when its data was complete. */
  readonly missing: readonly string[];
}

export interface IcpScore {
  /** 0–100 */
  readonly score: number;
  /** Share of the dimensions whose data was complete, 0–1. */
  readonly confidence: number;
  readonly dimensions: readonly DimensionScore[];
}

/** Today, as the server reads it in the CRM's time zone. */
export interface ScoringDay {
  /** `yyyy-MM-dd` */
  readonly day: string;
}

export const DIMENSION_MAX = 20;
