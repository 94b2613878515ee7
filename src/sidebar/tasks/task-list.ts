/**
 * Open tasks with a "Fait" button each: the home view's "Mes tâches du jour" and a card's open
 * tasks. Late tasks (due before today, by the server's clock) are marked, in words and colour.
 */
import type { VNode } from 'preact';
import type { RecordDto } from '../../server/api/contract';
import { today } from '../clock';
import { formatDate } from '../format';
import { useAction } from '../hooks';
import { html } from '../html';
import { useNotify } from '../notify';
import { callServer } from '../rpc';

export interface TaskListProps {
  readonly tasks: readonly RecordDto[];
  /** After completeTask succeeded, with the updated task. */
  readonly onDone: (task: RecordDto) => void;
  /** Opens the card of the task's contact; absent on the contact's own card. */
  readonly onOpenContact?: (contactId: string) => void;
  readonly empty: string;
}

export function TaskList(props: TaskListProps): VNode {
  const { tasks, onDone, onOpenContact, empty } = props;
  if (tasks.length === 0) return html`<p class="muted">${empty}</p>`;
  const day = today();
  return html`
    <ul class="tasks">
      ${tasks.map(
        (task) =>
          html`<${TaskItem}
            key=${String(task.id)}
            task=${task}
            today=${day}
            onDone=${onDone}
            onOpenContact=${onOpenContact}
          />`,
      )}
    </ul>
  `;
}

function TaskItem(props: {
  task: RecordDto;
  today: string;
  onDone: (task: RecordDto) => void;
  onOpenContact?: ((contactId: string) => void) | undefined;
}): VNode {
  const { task, today: day, onDone, onOpenContact } = props;
  const notify = useNotify();
  const [pending, run] = useAction();
  const id = String(task.id);
  const due = typeof task.echeance === 'string' ? task.echeance : '';
  const late = due !== '' && due < day;
  const contactId = typeof task.contactId === 'string' ? task.contactId : '';
  const done = () =>
    run(async () => {
      const updated = await callServer('completeTask', id);
      notify.success(`Tâche « ${String(task.titre ?? id)} » marquée comme faite.`);
      onDone(updated);
    });
  return html`
    <li class=${late ? 'task late' : 'task'} data-testid=${`task-${id}`}>
      <div class="task-main">
        <span class="task-title">${String(task.titre ?? id)}</span>
        <span class="task-meta">
          ${late ? html`<strong class="late-tag">En retard</strong> · ` : null}
          ${due === day ? 'Aujourd’hui' : `Échéance ${formatDate(due)}`}
          ${task.priorite === 'Haute' ? ' · priorité haute' : ''}
        </span>
        ${
          contactId && onOpenContact
            ? html`<button
                type="button"
                class="link small"
                onClick=${() => onOpenContact(contactId)}
              >
                Voir le contact
              </button>`
            : null
        }
      </div>
      <button
        type="button"
        class="secondary done"
        disabled=${pending}
        data-testid=${`done-${id}`}
        aria-label=${`Marquer « ${String(task.titre ?? id)} » comme faite`}
        onClick=${done}
      >
        ${pending ? '…' : 'Fait'}
      </button>
    </li>
  `;
}
