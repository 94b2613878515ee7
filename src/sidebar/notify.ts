/**
 * Messages for the user: one dismissible banner for errors (plain French, stays until closed or
 * replaced, because a failed save must not go unnoticed) and a short-lived line for successes.
 * Views reach it through a context instead of threading callbacks through every component.
 */
import { createContext, type VNode } from 'preact';
import { useContext } from 'preact/hooks';
import { html } from './html';

export interface Notifier {
  error(message: string): void;
  success(message: string): void;
}

export interface Notice {
  readonly kind: 'error' | 'success';
  readonly text: string;
}

export const NotifyContext = createContext<Notifier>({
  error: () => undefined,
  success: () => undefined,
});

export function useNotify(): Notifier {
  return useContext(NotifyContext);
}

export function Banner(props: { notice: Notice | null; onDismiss: () => void }): VNode | null {
  const { notice, onDismiss } = props;
  if (!notice) return null;
  if (notice.kind === 'success')
    return html`<div class="banner banner-success" role="status" id="notice">${notice.text}</div>`;
  return html`
    <div class="banner banner-error" role="alert" id="error-banner">
      <span class="banner-text">${notice.text}</span>
      <button
        type="button"
        class="banner-close"
        aria-label="Fermer le message"
        onClick=${onDismiss}
      >
        ×
      </button>
    </div>
  `;
}
