/**
 * The tender card: the notice (object, buyer, level and the words that matched, score, dates with
 * the countdown, value, lots, criteria, links), Claude's analysis, and the Go / No go decision.
 *
 * The analysis is plain text from the « Analyse IA » cell, drawn as text (Preact escapes it): a
 * capitalised line becomes a heading, nothing is ever parsed as markup. Without a Claude key the
 * card says « Clé Claude absente — Paramètres » next to the button before anyone clicks.
 *
 * Go opens a deal (a Qualifié opportunity with the deadlines as tasks), so it asks for a
 * confirmation; No go only records the choice and can be changed back, so it does not. After Go
 * the card shows the opportunity and offers the buyer's card, where the deal now lives.
 */
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  RecordDto,
  TenderAnalysisResult,
  TenderDecision,
  TenderView,
} from '../../server/api/contract';
import { formatAmount, formatDate, formatDateTime } from '../format';
import { useAction, useLoad } from '../hooks';
import { html } from '../html';
import { useNotify } from '../notify';
import { callServer, errorText } from '../rpc';
import { analysisParts, boampLabel, countdown, levelClass } from '../tenders/tender-format';

export interface TenderCardViewProps {
  readonly id: string;
  readonly refreshToken: number;
  readonly onBack: () => void;
  /** The organisation's card, the opportunity highlighted when there is one. */
  readonly onOpenOrganisation: (organisationId: string, opportunityId?: string) => void;
}

const SAFE_URL = /^https?:\/\/[^\s]+$/i;

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value).trim();

function Row(props: { label: string; field: string; children: unknown }): VNode {
  return html`<div class="field-row">
    <dt>${props.label}</dt>
    <dd data-field=${props.field}>${props.children}</dd>
  </div>`;
}

function Deadline(props: { iso: string }): VNode {
  const left = countdown(props.iso);
  return html`<span>
    ${formatDateTime(props.iso)}
    ${left ? html` <span class=${`countdown ${left.tone}`} data-testid="card-countdown">${left.label}</span>` : null}
  </span>`;
}

function NoticeFields(props: { tender: RecordDto; buyer: VNode | string }): VNode {
  const t = props.tender;
  const rows: VNode[] = [
    html`<${Row} key="acheteur" label="Acheteur" field="acheteur">${props.buyer}<//>`,
  ];
  const add = (label: string, field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return;
    rows.push(html`<${Row} key=${field} label=${label} field=${field}>${value}<//>`);
  };
  add(
    'Date limite',
    'dateLimite',
    t.dateLimite ? html`<${Deadline} iso=${String(t.dateLimite)} />` : null,
  );
  add(
    'Questions avant le',
    'dateLimiteQuestions',
    t.dateLimiteQuestions ? formatDateTime(String(t.dateLimiteQuestions)) : null,
  );
  add(
    'Publication',
    'datePublication',
    t.datePublication ? formatDate(String(t.datePublication)) : null,
  );
  add(
    'Valeur estimée',
    'valeurEstimee',
    t.valeurEstimee === null ? null : formatAmount(t.valeurEstimee),
  );
  add('Durée', 'duree', text(t.duree));
  add('Procédure', 'procedure', t.procedure ? boampLabel(text(t.procedure)) : null);
  add('Type d’avis', 'typeAvis', t.typeAvis ? boampLabel(text(t.typeAvis)) : null);
  add('État de l’avis', 'etatAvis', text(t.etatAvis));
  add('Départements', 'departements', text(t.departements));
  add('Codes CPV', 'cpv', text(t.cpv));
  add('Descripteurs', 'descripteurs', text(t.descripteurs));
  add('Attributaire', 'attributaire', text(t.attributaire));
  add(
    'Montant attribué',
    'montantAttribue',
    t.montantAttribue === null ? null : formatAmount(t.montantAttribue),
  );
  return html`<dl class="fields">${rows}</dl>`;
}

function LongText(props: { title: string; value: unknown; testId: string }): VNode | null {
  const value = text(props.value);
  if (value === '') return null;
  return html`<section>
    <h3>${props.title}</h3>
    <p class="notes" data-testid=${props.testId}>${value}</p>
  </section>`;
}

function Links(props: { tender: RecordDto }): VNode | null {
  const links = [
    { label: 'Voir l’avis', url: text(props.tender.url), id: 'tender-url' },
    { label: 'Dossier de consultation', url: text(props.tender.lienDce), id: 'tender-dce' },
  ].filter((l) => SAFE_URL.test(l.url));
  if (links.length === 0) return null;
  return html`<ul class="links tender-links">
    ${links.map(
      (l) =>
        html`<li key=${l.id}>
          <a href=${l.url} target="_blank" rel="noopener noreferrer" data-testid=${l.id}
            >${l.label}</a
          >
        </li>`,
    )}
  </ul>`;
}

function AnalysisText(props: { value: string }): VNode {
  return html`<div class="analysis" data-testid="tender-analysis">
    ${analysisParts(props.value).map(
      (part, i) =>
        html`<div key=${i} class="analysis-part">
          ${part.heading ? html`<h4 class="analysis-heading">${part.heading}</h4>` : null}
          ${part.body ? html`<p class="analysis-body">${part.body}</p>` : null}
        </div>`,
    )}
  </div>`;
}

function Analysis(props: {
  view: TenderView;
  onAnalysed: (result: TenderAnalysisResult) => void;
}): VNode {
  const { view, onAnalysed } = props;
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [usage, setUsage] = useState<TenderAnalysisResult | null>(null);
  const current = text(view.tender.analyseIa);
  const analyse = async () => {
    if (pending) return;
    setPending(true);
    setRefusal(null);
    try {
      const result = await callServer('analyseTender', String(view.tender.id));
      setUsage(result);
      onAnalysed(result);
    } catch (error) {
      setRefusal(errorText(error));
    } finally {
      setPending(false);
    }
  };
  return html`<section class="tender-analysis" data-testid="tender-analysis-section">
    <h3>Analyse IA</h3>
    ${
      current
        ? html`<${AnalysisText} value=${current} />`
        : html`<p class="muted" data-testid="no-analysis">
            Pas encore d’analyse : Claude lit l’avis et en tire budget, échéances, livrables,
            critères et arguments pour décider.
          </p>`
    }
    <div class="analyse-row">
      <button
        type="button"
        class=${current ? 'secondary' : 'primary'}
        data-testid="analyse-tender"
        disabled=${pending}
        onClick=${analyse}
      >
        ${pending ? 'Analyse en cours…' : current ? 'Analyser à nouveau' : 'Analyser avec Claude'}
      </button>
      ${
        !view.claudeConfigured && !refusal
          ? html`<span class="bad small" role="note" data-testid="analysis-config"
              >Clé Claude absente — Paramètres</span
            >`
          : null
      }
    </div>
    ${
      refusal
        ? html`<p class="bad small explain-refusal" role="alert" data-testid="analysis-error">
            ${refusal}
          </p>`
        : null
    }
    ${
      usage
        ? html`<p class="muted small" data-testid="analysis-model">
            ${`Analyse du modèle ${usage.model} (${usage.usage.inputTokens} jetons lus, ${usage.usage.outputTokens} écrits), enregistrée dans la colonne « Analyse IA ».`}
          </p>`
        : null
    }
  </section>`;
}

function OpportunityBox(props: {
  opportunity: RecordDto;
  organisation: TenderView['organisation'];
  onOpenOrganisation: TenderCardViewProps['onOpenOrganisation'];
}): VNode {
  const { opportunity: o, organisation, onOpenOrganisation } = props;
  const organisationId = text(o.organisationId) || organisation?.id || '';
  return html`<div class="opp highlight" data-testid="tender-opportunity">
    <div class="opp-head">
      <span class="opp-title">${text(o.titre) || text(o.id)}</span>
    </div>
    <div class="opp-meta">
      <span class="stage">${text(o.etape)}</span>
      ${o.montant !== null && o.montant !== undefined ? html`<span class="amount">${formatAmount(o.montant)}</span>` : null}
      <span class="muted small">${text(o.id)}</span>
    </div>
    ${
      organisationId
        ? html`<button
            type="button"
            class="secondary"
            data-testid="open-tender-organisation"
            onClick=${() => onOpenOrganisation(organisationId, text(o.id))}
          >
            Ouvrir la fiche ${organisation ? `de ${organisation.nom}` : 'de l’organisation'}
          </button>`
        : null
    }
  </div>`;
}

function Decision(props: {
  view: TenderView;
  onDecided: (result: TenderDecision) => void;
  onOpenOrganisation: TenderCardViewProps['onOpenOrganisation'];
}): VNode {
  const { view, onDecided, onOpenOrganisation } = props;
  const notify = useNotify();
  const [pending, run] = useAction();
  const [confirming, setConfirming] = useState(false);
  const decision = text(view.tender.decision);
  const decide = (wanted: 'Go' | 'No go') =>
    run(async () => {
      const result = await callServer('decideTender', String(view.tender.id), wanted);
      setConfirming(false);
      onDecided(result);
      notify.success(
        wanted === 'Go'
          ? result.opportunity
            ? `Go : opportunité « ${text(result.opportunity.titre)} » ouverte au stade ${text(result.opportunity.etape)}${result.tasks.length > 0 ? `, ${result.tasks.length} échéance${result.tasks.length > 1 ? 's' : ''} en tâche` : ''}.`
            : 'Décision Go enregistrée.'
          : 'Décision No go enregistrée.',
      );
    });
  return html`<section class="tender-decision" data-testid="tender-decision-section">
    <h3>Go / No go</h3>
    <p data-testid="current-decision">
      ${decision ? html`Décision : <strong>${decision}</strong>` : 'Aucune décision prise.'}
    </p>
    ${
      view.opportunity
        ? html`<${OpportunityBox}
            opportunity=${view.opportunity}
            organisation=${view.organisation}
            onOpenOrganisation=${onOpenOrganisation}
          />`
        : null
    }
    ${
      !view.organisation && !view.opportunity
        ? html`<p class="warn small" data-testid="no-buyer">
            L’avis n’est rattaché à aucune organisation : renseignez la colonne « Organisation »
            avant de décider Go.
          </p>`
        : null
    }
    ${
      confirming
        ? html`<div class="panel-form" data-testid="go-confirm">
            <p>
              Go ouvre une opportunité au stade Qualifié
              ${view.organisation ? ` chez ${view.organisation.nom}` : ''}, avec la date limite en
              tâche. Confirmer ?
            </p>
            <div class="actions">
              <button
                type="button"
                class="primary"
                data-testid="confirm-go"
                disabled=${pending}
                onClick=${() => decide('Go')}
              >
                ${pending ? 'Enregistrement…' : 'Confirmer Go'}
              </button>
              <button type="button" class="secondary" onClick=${() => setConfirming(false)}>
                Annuler
              </button>
            </div>
          </div>`
        : html`<div class="card-actions">
            <button
              type="button"
              class=${decision === 'Go' ? 'primary' : 'secondary'}
              data-testid="decide-go"
              disabled=${pending || (decision === 'Go' && view.opportunity !== null)}
              onClick=${() => setConfirming(true)}
            >
              Go
            </button>
            <button
              type="button"
              class=${decision === 'No go' ? 'primary' : 'secondary'}
              data-testid="decide-no-go"
              disabled=${pending || decision === 'No go'}
              onClick=${() => decide('No go')}
            >
              No go
            </button>
          </div>`
    }
  </section>`;
}

export function TenderCardView(props: TenderCardViewProps): VNode {
  const { id, refreshToken, onBack, onOpenOrganisation } = props;
  const loaded = useLoad(() => callServer('getTender', id), [id]);
  const firstToken = useRef(refreshToken);
  useEffect(() => {
    if (refreshToken !== firstToken.current) loaded.reload();
  }, [refreshToken]);
  const back = html`<button type="button" class="link back" onClick=${onBack}>
    ← Appels d’offres
  </button>`;
  if (loaded.error && !loaded.data)
    return html`<section>
      ${back}
      <p class="bad" role="alert">${loaded.error}</p>
      <button type="button" class="secondary" onClick=${loaded.reload}>Réessayer</button>
    </section>`;
  const view = loaded.data;
  if (!view)
    return html`<section>
      ${back}
      <p class="muted" role="status">Chargement de l’appel d’offres…</p>
    </section>`;
  const t = view.tender;
  const matched = text(t.motsTrouves);
  return html`
    <article class="card tender-card" data-testid="tender-card" data-id=${text(t.id)}>
      ${back}
      <header class="card-head">
        <div class="tender-tags">
          <span class=${levelClass(text(t.niveau) || null)} data-testid="card-level"
            >${text(t.niveau) || 'Sans niveau'}</span
          >
          ${
            typeof t.score === 'number'
              ? html`<span class="muted small" data-testid="card-score">score ${t.score}</span>`
              : null
          }
        </div>
        <h2 data-testid="tender-title">${text(t.objet) || text(t.id)}</h2>
        <div class="muted small">Appel d’offres · ${text(t.id)} · avis ${text(t.idweb)}</div>
        ${matched ? html`<p class="small tender-words" data-testid="card-words">Mots trouvés : ${matched}</p>` : null}
      </header>
      <${NoticeFields}
        tender=${t}
        buyer=${
          view.organisation
            ? html`<button
                type="button"
                class="link"
                data-testid="tender-buyer"
                onClick=${() => onOpenOrganisation(view.organisation?.id ?? '')}
              >
                ${text(t.acheteur) || view.organisation.nom}
              </button>`
            : text(t.acheteur) || '—'
        }
      />
      <${Links} tender=${t} />
      <${LongText} title="Lots" value=${t.lots} testId="tender-lots" />
      <${LongText} title="Critères d’attribution" value=${t.criteres} testId="tender-criteria" />
      <${Analysis}
        view=${view}
        onAnalysed=${(result: TenderAnalysisResult) => loaded.setData({ ...view, tender: result.tender })}
      />
      <${Decision}
        view=${view}
        onDecided=${(result: TenderDecision) =>
          loaded.setData({
            ...view,
            tender: result.tender,
            opportunity: result.opportunity ?? view.opportunity,
          })}
        onOpenOrganisation=${onOpenOrganisation}
      />
    </article>
  `;
}
