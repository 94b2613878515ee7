/**
 * Accueil: the card of the row the cursor is on (one click), the way to the Segments, Pipeline
 * and Appels d'offres views, and "Mes tâches du jour" — open tasks due today or late, late ones marked, each closed
 * with one click on "Fait" (which has the organisation's score recomputed in the background). The
 * list is fetched again each time the view is shown: a task added on a card meanwhile must be in it.
 */
import type { VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { RecordDto } from '../../server/api/contract';
import { useLoad } from '../hooks';
import { html } from '../html';
import { rescoreAfterSave } from '../rescore';
import { callServer } from '../rpc';
import { TaskList } from '../tasks/task-list';
import type { CardTarget } from './card';

export interface HomeViewProps {
  /** The view is shown (it stays mounted, hidden, while another is). */
  readonly active: boolean;
  readonly refreshToken: number;
  readonly onOpen: (target: CardTarget) => void;
  readonly onSegments: () => void;
  readonly onPipeline: () => void;
  readonly onTenders: () => void;
}

export function HomeView(props: HomeViewProps): VNode {
  const { active, refreshToken, onOpen, onSegments, onPipeline, onTenders } = props;
  const tasks = useLoad(() => callServer('getTodayTasks'), [refreshToken]);
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current && active) tasks.reload();
    mounted.current = true;
  }, [active]);
  const list = tasks.data ?? [];
  const onDone = (done: RecordDto) => {
    tasks.setData(list.filter((t) => t.id !== done.id));
    rescoreAfterSave('taches', done);
  };
  return html`
    <section class="home">
      <button
        type="button"
        class="primary wide"
        id="selected-card"
        onClick=${() => onOpen({ kind: 'selection' })}
      >
        Fiche de la ligne sélectionnée
      </button>
      <p class="muted small">
        Placez le curseur sur une ligne d’Organisations ou de Contacts, puis cliquez.
      </p>
      <div class="home-links">
        <button type="button" class="secondary" id="open-segments" onClick=${onSegments}>
          Segments
        </button>
        <button type="button" class="secondary" id="open-pipeline" onClick=${onPipeline}>
          Pipeline
        </button>
        <button type="button" class="secondary" id="open-tenders" onClick=${onTenders}>
          Appels d’offres
        </button>
      </div>
      <h2>
        Mes tâches du jour
        ${tasks.data ? html`<span class="count" data-testid="today-count">${list.length}</span>` : null}
      </h2>
      ${
        tasks.error
          ? html`<p class="bad" role="alert">${tasks.error}</p>
              <button type="button" class="secondary" onClick=${tasks.reload}>Réessayer</button>`
          : tasks.data
            ? html`<${TaskList}
                tasks=${list}
                empty="Rien d’urgent aujourd’hui."
                onDone=${onDone}
                onOpenContact=${(id: string) => onOpen({ kind: 'record', tab: 'contacts', id })}
              />`
            : html`<p class="muted">Chargement des tâches…</p>`
      }
    </section>
  `;
}
