/**
 * The 360° card of an organisation or a contact: main fields and ICP score, its contacts or its
 * organisation, open opportunities with the pipeline move, the actions (log an interaction, add
 * a next action), the timeline and the open tasks. Opened from a search hit, a segment, "the row
 * the cursor is on", or another card. The record shows as soon as getCard answers; the timeline
 * and the tasks follow with getActivity (use-card.ts). Every change made here reloads both, then
 * the organisation's score is recomputed in the background and the score redrawn if it moved.
 */
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CardActivity, RecordDto, StageMoveResult } from '../../server/api/contract';
import { EnrichmentPanel } from '../card/enrichment';
import { IcpScore } from '../card/icp-score';
import { InteractionForm } from '../card/interaction-form';
import type { RawValues } from '../forms/fields';
import { Opportunities } from '../card/opportunities';
import { CardFields } from '../card/summary';
import { TaskForm } from '../card/task-form';
import { Timeline } from '../card/timeline';
import { useCard, type ActivityState, type CardTarget } from '../card/use-card';
import { html } from '../html';
import { useNotify } from '../notify';
import { recordTitle } from '../records';
import { rescoreInBackground, useRescoreStatus } from '../rescore';
import { TaskList } from '../tasks/task-list';

export type { CardTarget };

export interface CardViewProps {
  readonly target: CardTarget;
  /** Bumped by the header's "Actualiser". */
  readonly refreshToken: number;
  readonly onOpen: (target: CardTarget) => void;
  /** `back` is this card, by ID, to return to after the form. */
  readonly onEdit: (
    tab: 'organisations' | 'contacts' | 'opportunites',
    record: RecordDto,
    back: CardTarget,
  ) => void;
  /** A new record linked to this card (prefilled organisation, and contact on a contact's card). */
  readonly onCreate: (
    tab: 'contacts' | 'opportunites',
    defaults: RawValues,
    back: CardTarget,
  ) => void;
  readonly onBack: () => void;
}

/** The part of a card that waits for getActivity: loading, its error with "Réessayer", or it. */
function ActivitySection(props: {
  activity: ActivityState;
  what: 'tasks' | 'timeline';
  onRetry: () => void;
  render: (data: CardActivity) => VNode;
}): VNode {
  const { activity, what, onRetry, render } = props;
  const testId = `activity-${what}`;
  if (activity.error)
    // Told once, under the first of the two sections; the second only says it is missing.
    return what === 'tasks'
      ? html`<div data-testid=${testId}>
          <p class="bad" role="alert" data-testid="activity-error">
            Tâches et historique non chargés : ${activity.error}
          </p>
          <button type="button" class="secondary" onClick=${onRetry}>Réessayer</button>
        </div>`
      : html`<p class="muted" data-testid=${testId}>Historique non chargé (voir ci-dessus).</p>`;
  if (!activity.data)
    return html`<p class="muted" role="status" data-testid=${testId} data-loading="true">
      ${what === 'tasks' ? 'Chargement des tâches…' : 'Chargement de l’historique…'}
    </p>`;
  return html`<div data-testid=${testId} aria-busy=${activity.loading ? 'true' : 'false'}>
    ${render(activity.data)}
  </div>`;
}

export function CardView(props: CardViewProps): VNode {
  const { target, refreshToken, onOpen, onEdit, onCreate, onBack } = props;
  const notify = useNotify();
  const loaded = useCard(target);
  const [panel, setPanel] = useState<'none' | 'interaction' | 'task'>('none');
  /** The title the task form starts with (a suggested next action), if any. */
  const [taskTitle, setTaskTitle] = useState<string | undefined>(undefined);
  const card = loaded.card ?? null;
  const highlight = loaded.highlight;
  const organisationId = card
    ? String((card.tab === 'organisations' ? card.record.id : card.record.organisationId) ?? '')
    : '';
  const rescore = useRescoreStatus(organisationId || null);

  /** The card and its activity again, by ID (the cursor may have moved since "ligne sélectionnée"). */
  const refresh = () => void loaded.refresh();
  /** After a save that moves the organisation's score: in the background, never awaited. */
  const rescoreCard = (id: string = organisationId) => rescoreInBackground(id);

  const firstToken = useRef(refreshToken);
  useEffect(() => {
    if (refreshToken !== firstToken.current) refresh();
  }, [refreshToken]);
  useEffect(() => setPanel('none'), [target]);
  // A rescore of this card's organisation wrote something: the score shown is out of date.
  const seenVersion = useRef(rescore.version);
  useEffect(() => {
    if (rescore.version === seenVersion.current) return;
    seenVersion.current = rescore.version;
    void loaded.refreshRecord();
  }, [rescore.version]);

  const back = html`<button type="button" class="link back" onClick=${onBack}>← Retour</button>`;
  if (loaded.error)
    return html`<section>
      ${back}
      <p class="bad" role="alert">${loaded.error}</p>
      <button type="button" class="secondary" onClick=${loaded.reload}>Réessayer</button>
    </section>`;
  if (loaded.card === undefined)
    return html`<section>
      ${back}
      <p class="muted" role="status" data-testid="card-loading">Chargement de la fiche…</p>
    </section>`;
  if (!card)
    return html`<section>
      ${back}
      <p class="warn" role="status" id="no-selection">
        La ligne sélectionnée n’est ni une organisation ni un contact. Placez le curseur sur une
        ligne de l’onglet Organisations ou Contacts, puis réessayez.
      </p>
      <button type="button" class="secondary" onClick=${loaded.reload}>Réessayer</button>
    </section>`;

  const record = card.record;
  const id = String(record.id);
  const isOrg = card.tab === 'organisations';
  const self: CardTarget = { kind: 'record', tab: card.tab, id };
  const onMoved = (result: StageMoveResult) => {
    notify.success(
      `« ${String(result.opportunity.titre ?? result.opportunity.id)} » : ${result.from} → ${result.to}.`,
    );
    refresh();
    rescoreCard(String(result.opportunity.organisationId ?? '') || organisationId);
  };
  const openTaskForm = (title?: string) => {
    setTaskTitle(title);
    setPanel('task');
  };

  return html`
    <article
      class="card"
      data-testid="card"
      data-id=${id}
      aria-busy=${loaded.loading || loaded.activity.loading ? 'true' : 'false'}
    >
      ${back}
      <header class="card-head">
        <div class="card-title-row">
          <h2 data-testid="card-title">${recordTitle(card.tab, record)}</h2>
          <button
            type="button"
            class="link"
            id="edit-record"
            onClick=${() => onEdit(card.tab, record, self)}
          >
            Modifier
          </button>
        </div>
        <div class="muted small">${isOrg ? 'Organisation' : 'Contact'} · ${id}</div>
        ${
          !isOrg && card.organisation
            ? html`<button
                type="button"
                class="link"
                data-testid="card-organisation"
                onClick=${() =>
                  onOpen({
                    kind: 'record',
                    tab: 'organisations',
                    id: String(card.organisation?.id),
                  })}
              >
                ${recordTitle('organisations', card.organisation)}
              </button>`
            : null
        }
      </header>

      <div class="card-actions">
        <button
          type="button"
          class=${panel === 'interaction' ? 'primary' : 'secondary'}
          id="open-interaction"
          aria-expanded=${panel === 'interaction'}
          onClick=${() => setPanel(panel === 'interaction' ? 'none' : 'interaction')}
        >
          Noter un échange
        </button>
        <button
          type="button"
          class=${panel === 'task' ? 'primary' : 'secondary'}
          id="open-task"
          aria-expanded=${panel === 'task'}
          onClick=${() => (panel === 'task' ? setPanel('none') : openTaskForm())}
        >
          Ajouter une action
        </button>
      </div>

      ${
        panel === 'interaction'
          ? isOrg && card.contacts.length === 0
            ? html`<p class="warn">
                Ajoutez d’abord un contact : un échange se note avec une personne.
              </p>`
            : html`<${InteractionForm}
                card=${card}
                opportunityId=${highlight}
                onCancel=${() => setPanel('none')}
                onLogged=${(_i: RecordDto, taskCreated: boolean) => {
                  setPanel('none');
                  notify.success(
                    taskCreated
                      ? 'Échange enregistré, prochaine action ajoutée aux tâches.'
                      : 'Échange enregistré.',
                  );
                  refresh();
                  rescoreCard();
                }}
              />`
          : null
      }
      ${
        panel === 'task'
          ? html`<${TaskForm}
              key=${taskTitle ?? ''}
              card=${card}
              opportunityId=${highlight}
              title=${taskTitle}
              onCancel=${() => setPanel('none')}
              onCreated=${(task: RecordDto) => {
                setPanel('none');
                notify.success(`Action « ${String(task.titre ?? '')} » ajoutée.`);
                refresh();
              }}
            />`
          : null
      }

      <${EnrichmentPanel}
        tab=${card.tab}
        id=${id}
        onChanged=${() => {
          refresh();
          rescoreCard();
        }}
      />

      <${IcpScore}
        tab=${card.tab}
        record=${record}
        rescore=${rescore}
        onRetryRescore=${() => rescoreCard()}
        onUseNextAction=${(title: string) => openTaskForm(title)}
      />
      <${CardFields} tab=${card.tab} record=${record} />
      ${record.notes ? html`<p class="notes">${String(record.notes)}</p>` : null}
      ${
        isOrg
          ? html`<section>
              <h3>Contacts (${card.contacts.length})</h3>
              ${card.contacts.length === 0 ? html`<p class="muted">Aucun contact.</p>` : null}
              <ul class="links">
                ${card.contacts.map(
                  (c) =>
                    html`<li key=${String(c.id)}>
                      <button
                        type="button"
                        class="link"
                        onClick=${() => onOpen({ kind: 'record', tab: 'contacts', id: String(c.id) })}
                      >
                        ${recordTitle('contacts', c)}
                      </button>
                      ${c.poste ? html`<span class="muted small"> · ${String(c.poste)}</span>` : null}
                    </li>`,
                )}
              </ul>
              <button
                type="button"
                class="link"
                onClick=${() => onCreate('contacts', { organisationId: id }, self)}
              >
                + Nouveau contact
              </button>
            </section>`
          : null
      }

      <section>
        <h3>Opportunités</h3>
        <${Opportunities}
          opportunities=${card.opportunities}
          highlight=${highlight}
          onMoved=${onMoved}
          onEdit=${(o: RecordDto) => onEdit('opportunites', o, { ...self, highlight: String(o.id) })}
        />
        <button
          type="button"
          class="link"
          onClick=${() =>
            onCreate(
              'opportunites',
              isOrg
                ? { organisationId: id }
                : { organisationId: String(record.organisationId ?? ''), contactId: id },
              self,
            )}
        >
          + Nouvelle opportunité
        </button>
      </section>

      <section>
        <h3>Tâches ouvertes</h3>
        <${ActivitySection}
          activity=${loaded.activity}
          what="tasks"
          onRetry=${loaded.retryActivity}
          render=${(activity: CardActivity) =>
            html`<${TaskList}
              tasks=${activity.tasks}
              empty="Aucune tâche ouverte."
              onDone=${() => {
                refresh();
                rescoreCard();
              }}
              onOpenContact=${
                isOrg
                  ? (contactId: string) =>
                      onOpen({ kind: 'record', tab: 'contacts', id: contactId })
                  : undefined
              }
            />`}
        />
      </section>

      <section>
        <h3>Historique</h3>
        <${ActivitySection}
          activity=${loaded.activity}
          what="timeline"
          onRetry=${loaded.retryActivity}
          render=${(activity: CardActivity) =>
            html`<${Timeline} interactions=${activity.interactions} contacts=${card.contacts} />`}
        />
      </section>
    </article>
  `;
}
