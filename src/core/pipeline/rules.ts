/**
 * The transition rules of the pipeline (DESIGN.md §4), each switchable in Parametres. A move is
 * checked against the rule of every stage it enters or skips over, so skipping a stage never
 * skips its rule; a refusal lists every rule that failed, in French, for the sidebar to show.
 */
import { normalizePercent } from '../validation/numbers';
import {
  DEFAULT_PROBABILITIES,
  isClosed,
  LOST,
  OPEN_STAGES,
  stageRank,
  WON,
  type Stage,
} from './stages';
import { PIPELINE_STAGES } from '../schema/enums';

export interface PipelineRules {
  readonly qualifiedNeedsScore: boolean;
  readonly qualifiedScoreMin: number;
  readonly qualifiedNeedsBudgetOrTender: boolean;
  readonly contactedNeedsOutbound: boolean;
  readonly proposalNeedsAmount: boolean;
  readonly lostNeedsReason: boolean;
  readonly skippingAllowed: boolean;
  readonly reopeningAllowed: boolean;
  readonly probabilities: Readonly<Record<Stage, number>>;
}

/** Parametres keys of the rules; the defaults live with the other settings. */
export const RULE_KEYS = {
  qualifiedNeedsScore: 'pipeline.regle_qualifie_score_icp',
  qualifiedScoreMin: 'icp.seuil_qualifie',
  qualifiedNeedsBudgetOrTender: 'pipeline.regle_qualifie_budget_ou_ao',
  contactedNeedsOutbound: 'pipeline.regle_contacte_interaction_sortante',
  proposalNeedsAmount: 'pipeline.regle_proposition_montant',
  lostNeedsReason: 'pipeline.regle_perdu_raison',
  skippingAllowed: 'pipeline.sauts_etapes_autorises',
  reopeningAllowed: 'pipeline.reouverture_autorisee',
} as const;

export function probabilityKey(stage: Stage): string {
  return `pipeline.probabilite.${stage}`;
}

export const DEFAULT_RULES: PipelineRules = {
  qualifiedNeedsScore: true,
  qualifiedScoreMin: 70,
  qualifiedNeedsBudgetOrTender: true,
  contactedNeedsOutbound: true,
  proposalNeedsAmount: true,
  lostNeedsReason: true,
  skippingAllowed: true,
  reopeningAllowed: false,
  probabilities: DEFAULT_PROBABILITIES,
};

/** Reads the rules from the settings map; an unreadable value keeps its default. */
export function rulesFromSettings(settings: ReadonlyMap<string, string>): PipelineRules {
  const flag = (key: string, fallback: boolean): boolean => {
    const value = (settings.get(key) ?? '').trim().toLowerCase();
    if (['oui', 'o', 'vrai', 'true', '1', 'yes'].includes(value)) return true;
    if (['non', 'n', 'faux', 'false', '0', 'no'].includes(value)) return false;
    return fallback;
  };
  const scoreText = (settings.get(RULE_KEYS.qualifiedScoreMin) ?? '').trim();
  const score = Number(scoreText);
  const probabilities = { ...DEFAULT_PROBABILITIES };
  for (const stage of PIPELINE_STAGES) {
    const raw = settings.get(probabilityKey(stage));
    if (raw === undefined || raw.trim() === '') continue;
    // A bare "20" in this setting means 20 %, as the description says.
    const parsed = normalizePercent(/%/.test(raw) ? raw : `${raw.trim()} %`);
    if (parsed.ok) probabilities[stage] = parsed.value;
  }
  return {
    qualifiedNeedsScore: flag(RULE_KEYS.qualifiedNeedsScore, DEFAULT_RULES.qualifiedNeedsScore),
    qualifiedScoreMin:
      scoreText !== '' && Number.isFinite(score) && score >= 0 && score <= 100
        ? score
        : DEFAULT_RULES.qualifiedScoreMin,
    qualifiedNeedsBudgetOrTender: flag(
      RULE_KEYS.qualifiedNeedsBudgetOrTender,
      DEFAULT_RULES.qualifiedNeedsBudgetOrTender,
    ),
    contactedNeedsOutbound: flag(
      RULE_KEYS.contactedNeedsOutbound,
      DEFAULT_RULES.contactedNeedsOutbound,
    ),
    proposalNeedsAmount: flag(RULE_KEYS.proposalNeedsAmount, DEFAULT_RULES.proposalNeedsAmount),
    lostNeedsReason: flag(RULE_KEYS.lostNeedsReason, DEFAULT_RULES.lostNeedsReason),
    skippingAllowed: flag(RULE_KEYS.skippingAllowed, DEFAULT_RULES.skippingAllowed),
    reopeningAllowed: flag(RULE_KEYS.reopeningAllowed, DEFAULT_RULES.reopeningAllowed),
    probabilities,
  };
}

/** What the rules look at, gathered by the server from the opportunity and its neighbours. */
export interface MoveFacts {
  readonly from: Stage;
  readonly amount: number | null;
  /** The organisation's ICP score, null when not computed yet. */
  readonly icpScore: number | null;
  readonly budgetConfirmed: boolean;
  /** A tender linked to the opportunity, or an open one of its organisation. */
  readonly openTender: boolean;
  /** An outbound interaction logged for the opportunity or one of its organisation's contacts. */
  readonly outboundInteraction: boolean;
}

export interface RuleFailure {
  /** The Parametres key that switches the rule off. */
  readonly rule: string;
  readonly message: string;
  /** The opportunity field the user can fill to satisfy the rule, if any. */
  readonly field?: string;
}

export type MoveCheck =
  { readonly ok: true } | { readonly ok: false; readonly failures: readonly RuleFailure[] };

export function checkMove(
  rules: PipelineRules,
  facts: MoveFacts,
  to: Stage,
  reason: string | null,
): MoveCheck {
  const from = facts.from;
  const fail = (rule: string, message: string, field?: string): MoveCheck => ({
    ok: false,
    failures: [{ rule, message, ...(field ? { field } : {}) }],
  });
  if (from === to) return fail('', `L’opportunité est déjà à l’étape « ${to} ».`);
  if (isClosed(from) && !rules.reopeningAllowed) {
    return fail(
      RULE_KEYS.reopeningAllowed,
      `L’opportunité est close (« ${from} ») : elle ne change plus d’étape. ` +
        `Un administrateur peut autoriser la réouverture dans l’onglet Parametres.`,
    );
  }
  if (to === LOST) {
    return rules.lostNeedsReason && (reason ?? '').trim() === ''
      ? fail(RULE_KEYS.lostNeedsReason, 'Perdu : indiquez la raison de la perte.', 'raisonPerte')
      : { ok: true };
  }
  const fromRank = isClosed(from) ? -1 : stageRank(from);
  const toRank = stageRank(to);
  // Going back (a deal that cools down) or reopening needs no rule: nothing is claimed.
  if (toRank <= fromRank || isClosed(from)) return { ok: true };
  const entered = [...OPEN_STAGES, WON].slice(fromRank + 1, toRank + 1);
  if (!rules.skippingAllowed && entered.length > 1) {
    return fail(
      RULE_KEYS.skippingAllowed,
      `Passez d’abord par l’étape « ${entered[0] ?? ''} » : le pipeline avance d’une étape à la fois.`,
    );
  }
  const failures = entered.flatMap((stage) => failuresEntering(rules, facts, stage));
  return failures.length === 0 ? { ok: true } : { ok: false, failures };
}

function failuresEntering(rules: PipelineRules, facts: MoveFacts, stage: Stage): RuleFailure[] {
  const failures: RuleFailure[] = [];
  if (stage === 'Qualifié') {
    if (rules.qualifiedNeedsScore && (facts.icpScore ?? -1) < rules.qualifiedScoreMin) {
      const actual =
        facts.icpScore === null ? 'score non calculé' : `score actuel : ${facts.icpScore}`;
      failures.push({
        rule: RULE_KEYS.qualifiedNeedsScore,
        message: `Qualifié : le score ICP de l’organisation doit atteindre ${rules.qualifiedScoreMin} (${actual}).`,
      });
    }
    if (rules.qualifiedNeedsBudgetOrTender && !facts.budgetConfirmed && !facts.openTender) {
      failures.push({
        rule: RULE_KEYS.qualifiedNeedsBudgetOrTender,
        message:
          'Qualifié : il faut un budget confirmé (case « Budget confirmé » de l’organisation) ' +
          'ou un appel d’offres ouvert.',
      });
    }
  }
  if (stage === 'Contacté' && rules.contactedNeedsOutbound && !facts.outboundInteraction) {
    failures.push({
      rule: RULE_KEYS.contactedNeedsOutbound,
      message:
        'Contacté : aucune interaction sortante enregistrée (email envoyé, appel, réunion) — ' +
        'journalisez-la d’abord.',
    });
  }
  if (
    stage === 'Proposition envoyée' &&
    rules.proposalNeedsAmount &&
    !(facts.amount !== null && facts.amount > 0)
  ) {
    failures.push({
      rule: RULE_KEYS.proposalNeedsAmount,
      message: 'Proposition envoyée : indiquez d’abord le montant de l’opportunité.',
      field: 'montant',
    });
  }
  return failures;
}

/** The refusal as one French text: the first line says what was refused, then one rule per line. */
export function describeRefusal(from: Stage, to: Stage, failures: readonly RuleFailure[]): string {
  const lines = failures.map((f) => `• ${f.message}`);
  return [`Passage de « ${from} » à « ${to} » refusé :`, ...lines].join('\n');
}
