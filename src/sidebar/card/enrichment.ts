/**
 * Apollo / Hunter from a card. On a contact: "Enrichir" (empty fields filled by the server, the
 * differing values shown as proposals applied only on "Appliquer la sélection") and "Vérifier
 * l’email". On an organisation: the same "Enrichir", and "Trouver des décideurs": Apollo's
 * candidates, each added as a contact only on its own "Ajouter" click. Every message is the
 * server's French text; after any change the card reloads (`onChanged`).
 */
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type {
  CreditStatus,
  DecisionMakerCandidate,
  DecisionMakerList,
  DecisionMakerOption,
  EmailVerificationResult,
  EnrichmentProposal,
  EnrichmentResult,
  QualifiedRecord,
} from '../../server/api/contract';
import { formatCount } from '../format';
import { html } from '../html';
import { callServer, errorText } from '../rpc';

export interface EnrichmentPanelProps {
  readonly tab: 'contacts' | 'organisations';
  readonly id: string;
  /** Something was written to the sheet: reload the card (and rescore). */
  readonly onChanged: () => void;
}

function creditsText(credits: readonly CreditStatus[]): string {
  return credits
    .map(
      (c) =>
        `${c.service === 'apollo' ? 'Apollo' : 'Hunter'} : ${formatCount(c.remaining)} restants sur ${formatCount(c.budget)}`,
    )
    .join(' · ');
}

function qualifiedText(q: QualifiedRecord): string {
  return `« ${q.name} » passe le seuil de qualification (${q.before ?? '—'} → ${q.after}, seuil ${q.threshold}).`;
}

function Credits(props: { credits: readonly CreditStatus[] }): VNode | null {
  if (props.credits.length === 0) return null;
  return html`<p class="muted small" data-testid="enrich-credits">
    Crédits du mois — ${creditsText(props.credits)}
  </p>`;
}

const key = (p: EnrichmentProposal) => `${p.field}\u0000${String(p.proposed)}`;

/** What "Enrichir" did, and its proposals with a checkbox each. */
function EnrichmentOutcome(props: {
  result: EnrichmentResult;
  onApplied: (message: string, stale: readonly EnrichmentProposal[]) => void;
}): VNode {
  const { result, onApplied } = props;
  const [selected, setSelected] = useState<ReadonlySet<string>>(
    () => new Set(result.proposals.map(key)),
  );
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const apply = async () => {
    const chosen = result.proposals.filter((p) => selected.has(key(p)));
    if (chosen.length === 0 || pending) return;
    setPending(true);
    setError(null);
    try {
      const applied = await callServer('applyEnrichment', result.tab, result.id, chosen);
      setDone(true);
      const parts = [
        applied.applied.length === 1
          ? '1 valeur appliquée.'
          : `${applied.applied.length} valeurs appliquées.`,
        ...applied.qualified.map(qualifiedText),
      ];
      onApplied(parts.join(' '), applied.stale);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPending(false);
    }
  };

  const toggle = (k: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(k);
      else next.delete(k);
      return next;
    });

  return html`<div class="enrich-result" data-testid="enrich-result">
    ${result.skipped ? html`<p class="warn" data-testid="enrich-skipped">${result.skipped}</p>` : null}
    ${
      !result.skipped && !result.found
        ? html`<p class="muted" data-testid="enrich-not-found">
            Apollo ne connaît pas cette fiche : rien à compléter.
          </p>`
        : null
    }
    ${result.warning ? html`<p class="warn" data-testid="enrich-warning">${result.warning}</p>` : null}
    ${
      result.filled.length > 0
        ? html`<div data-testid="enrich-filled">
            <p class="ok">Champs complétés :</p>
            <ul class="enrich-list">
              ${result.filled.map(
                (f) =>
                  html`<li key=${f.field}>
                    <strong>${f.header}</strong> : ${String(f.value)}
                    <span class="muted small"> (${f.source})</span>
                  </li>`,
              )}
            </ul>
          </div>`
        : null
    }
    ${
      result.organisationFilled.length > 0
        ? html`<p class="muted small">
            Organisation complétée : ${result.organisationFilled.join(', ')}.
          </p>`
        : null
    }
    ${result.emailStatus ? html`<p>Statut email : <strong>${result.emailStatus}</strong></p>` : null}
    ${result.qualified.map((q) => html`<p class="ok" key=${q.id}>${qualifiedText(q)}</p>`)}
    ${
      !result.skipped &&
      result.found &&
      !result.emailStatus &&
      result.filled.length === 0 &&
      result.proposals.length === 0
        ? html`<p class="muted">Rien de nouveau : la fiche est déjà à jour.</p>`
        : null
    }
    ${
      result.proposals.length > 0 && !done
        ? html`<fieldset class="enrich-proposals" data-testid="enrich-proposals">
            <legend>Propositions (${result.proposals.length})</legend>
            ${result.proposals.map((p, i) => {
              const k = key(p);
              const inputId = `proposal-${result.id}-${i}`;
              return html`<div class="proposal" key=${k} data-testid="proposal">
                <input
                  type="checkbox"
                  id=${inputId}
                  checked=${selected.has(k)}
                  disabled=${pending}
                  onChange=${(e: Event) => toggle(k, (e.currentTarget as HTMLInputElement).checked)}
                />
                <label for=${inputId}>
                  <strong>${p.header}</strong>
                  <span class="proposal-values">
                    <s class="muted">${String(p.current) || '(vide)'}</s> → ${String(p.proposed)}
                  </span>
                  <span class="muted small">${p.source}</span>
                </label>
              </div>`;
            })}
            <button
              type="button"
              class="primary"
              data-testid="apply-enrichment"
              disabled=${pending || selected.size === 0}
              onClick=${() => void apply()}
            >
              ${pending ? 'Application…' : 'Appliquer la sélection'}
            </button>
          </fieldset>`
        : null
    }
    ${error ? html`<p class="bad" role="alert">${error}</p>` : null}
    <${Credits} credits=${result.credits} />
  </div>`;
}

function candidateName(c: DecisionMakerOption): string {
  return [c.firstName, c.lastNameHint].filter((s) => s.trim() !== '').join(' ') || 'Sans nom';
}

/** Apollo's candidates; each one added only on its own click. */
function DecisionMakers(props: {
  list: DecisionMakerList;
  organisationId: string;
  onAdded: () => void;
}): VNode {
  const { list, organisationId, onAdded } = props;
  const [adding, setAdding] = useState<string | null>(null);
  const [added, setAdded] = useState<Readonly<Record<string, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [credits, setCredits] = useState<readonly CreditStatus[]>([]);

  const add = async (c: DecisionMakerOption) => {
    if (adding) return;
    setAdding(c.apolloId);
    setError(null);
    try {
      // The candidate as the server sent it, without the sidebar's extra field.
      const candidate: DecisionMakerCandidate = {
        apolloId: c.apolloId,
        firstName: c.firstName,
        lastNameHint: c.lastNameHint,
        title: c.title,
        organisationName: c.organisationName,
        hasEmail: c.hasEmail,
      };
      const result = await callServer('addDecisionMaker', organisationId, candidate);
      const name = [result.contact.prenom, result.contact.nom]
        .map((v) => String(v ?? '').trim())
        .filter((v) => v !== '')
        .join(' ');
      setAdded((a) => ({ ...a, [c.apolloId]: name || String(result.contact.id) }));
      setCredits(result.credits);
      onAdded();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setAdding(null);
    }
  };

  return html`<div class="enrich-result" data-testid="decision-makers">
    <p class="muted small">
      ${
        list.candidates.length === 0
          ? `Aucun décideur trouvé pour ${list.domain}.`
          : `${formatCount(list.total)} personne(s) chez ${list.domain}${list.total > list.candidates.length ? ` — les ${list.candidates.length} premières` : ''}.`
      }
    </p>
    <ul class="candidates">
      ${list.candidates.map((c) => {
        const done = added[c.apolloId];
        return html`<li key=${c.apolloId} class="candidate" data-testid="candidate">
          <div class="candidate-main">
            <strong>${candidateName(c)}</strong>
            <div class="muted small">${c.title || 'Poste inconnu'}</div>
            <div class="small">
              ${c.hasEmail ? 'Email disponible' : html`<span class="muted">Pas d’email connu</span>`}
              ${c.alreadyInCrm ? html`<span class="warn"> · déjà dans le CRM (${c.alreadyInCrm})</span>` : null}
            </div>
          </div>
          ${
            done
              ? html`<span class="ok small" data-testid="candidate-added">Ajouté : ${done}</span>`
              : html`<button
                  type="button"
                  class="secondary"
                  data-testid="add-decision-maker"
                  disabled=${adding !== null}
                  onClick=${() => void add(c)}
                >
                  ${adding === c.apolloId ? '…' : 'Ajouter'}
                </button>`
          }
        </li>`;
      })}
    </ul>
    ${error ? html`<p class="bad" role="alert">${error}</p>` : null}
    <${Credits} credits=${credits} />
  </div>`;
}

export function EnrichmentPanel(props: EnrichmentPanelProps): VNode {
  const { tab, id, onChanged } = props;
  const isContact = tab === 'contacts';
  const [busy, setBusy] = useState<'enrich' | 'verify' | 'find' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<EnrichmentResult | null>(null);
  const [applied, setApplied] = useState<{
    message: string;
    stale: readonly EnrichmentProposal[];
  } | null>(null);
  const [verification, setVerification] = useState<EmailVerificationResult | null>(null);
  const [people, setPeople] = useState<DecisionMakerList | null>(null);

  // Another card: nothing of the previous one stays.
  useEffect(() => {
    setResult(null);
    setApplied(null);
    setVerification(null);
    setPeople(null);
    setError(null);
  }, [tab, id]);

  const run = async <T>(what: 'enrich' | 'verify' | 'find', call: () => Promise<T>) => {
    if (busy) return undefined;
    setBusy(what);
    setError(null);
    try {
      return await call();
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setBusy(null);
    }
  };

  const enrich = async () => {
    const answer = await run('enrich', () =>
      isContact ? callServer('enrichContact', id) : callServer('enrichOrganisation', id),
    );
    if (!answer) return;
    setApplied(null);
    setResult(answer);
    if (answer.filled.length > 0 || answer.organisationFilled.length > 0 || answer.emailStatus)
      onChanged();
  };
  const verify = async () => {
    const answer = await run('verify', () => callServer('verifyEmail', id));
    if (!answer) return;
    setVerification(answer);
    if (answer.status) onChanged();
  };
  const find = async () => {
    const answer = await run('find', () => callServer('findDecisionMakers', id));
    if (answer) setPeople(answer);
  };

  return html`<section class="enrich" data-testid="enrichment">
    <h3>Enrichissement</h3>
    <div class="actions">
      <button
        type="button"
        class="secondary"
        data-testid="enrich"
        disabled=${busy !== null}
        onClick=${() => void enrich()}
      >
        ${busy === 'enrich' ? 'Enrichissement…' : 'Enrichir'}
      </button>
      ${
        isContact
          ? html`<button
              type="button"
              class="secondary"
              data-testid="verify-email"
              disabled=${busy !== null}
              onClick=${() => void verify()}
            >
              ${busy === 'verify' ? 'Vérification…' : 'Vérifier l’email'}
            </button>`
          : html`<button
              type="button"
              class="secondary"
              data-testid="find-decision-makers"
              disabled=${busy !== null}
              onClick=${() => void find()}
            >
              ${busy === 'find' ? 'Recherche…' : 'Trouver des décideurs'}
            </button>`
      }
    </div>
    ${error ? html`<p class="bad" role="alert" data-testid="enrich-error">${error}</p>` : null}
    ${
      verification
        ? html`<div class="enrich-result" data-testid="email-verification">
            <p class=${verification.canDraft ? '' : 'warn'}>
              ${verification.status ? html`<strong>${verification.status}</strong> — ` : null}${verification.message}
            </p>
            <${Credits} credits=${verification.credits} />
          </div>`
        : null
    }
    ${
      result
        ? html`<${EnrichmentOutcome}
            key=${JSON.stringify(result.proposals.map(key))}
            result=${result}
            onApplied=${(message: string, stale: readonly EnrichmentProposal[]) => {
              setApplied({ message, stale });
              onChanged();
            }}
          />`
        : null
    }
    ${
      applied
        ? html`<div data-testid="enrich-applied">
            <p class="ok">${applied.message}</p>
            ${
              applied.stale.length > 0
                ? html`<p class="warn">
                    Non appliqué, la fiche a changé entre-temps :
                    ${applied.stale.map((p) => p.header).join(', ')}.
                  </p>`
                : null
            }
          </div>`
        : null
    }
    ${
      people
        ? html`<${DecisionMakers}
            key=${people.candidates.map((c) => c.apolloId).join(',')}
            list=${people}
            organisationId=${id}
            onAdded=${onChanged}
          />`
        : null
    }
  </section>`;
}
