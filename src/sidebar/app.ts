/**
 * The sidebar's shell: header, the top navigation (Accueil · Rechercher · Nouveau · Système),
 * the progress line shown while any server call is in flight, the message banner (the three stay
 * at the top while a long card scrolls, so a refusal is never out of sight), and the navigation
 * between views. The four main views stay mounted once visited (hidden when another
 * is shown), so a half-typed form or a list of results survives a detour; cards, forms, and the
 * Segments, Pipeline and Appels d'offres views opened from Accueil form a small back stack (a
 * fifth tab would not fit in 300 px). A saved record has its organisation's score recomputed in the background.
 */
import type { VNode } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { RecordDto, SearchHit } from '../server/api/contract';
import { syncClock } from './clock';
import type { RawValues } from './forms/fields';
import { useLoad } from './hooks';
import { html } from './html';
import { Banner, NotifyContext, type Notice, type Notifier } from './notify';
import { rescoreAfterSave } from './rescore';
import { callServer, onPendingChange } from './rpc';
import { CardView, type CardTarget } from './views/card';
import { createdMessage, CreateView, type CreatableTab } from './views/create';
import { HomeView } from './views/home';
import { PipelineView } from './views/pipeline';
import { RecordEditView, type FormTab } from './views/record-edit';
import { SearchView } from './views/search';
import { SegmentMembersView, SegmentsView } from './views/segments';
import { TenderCardView } from './views/tender';
import { TendersView } from './views/tenders';
import { needsSetup, SystemView } from './views/system';

type MainView = 'home' | 'search' | 'new' | 'system';

type Route =
  | { readonly view: MainView }
  | { readonly view: 'segments' }
  | { readonly view: 'segment'; readonly name: string }
  | { readonly view: 'pipeline' }
  | { readonly view: 'tenders' }
  | { readonly view: 'tender'; readonly id: string }
  | { readonly view: 'card'; readonly target: CardTarget }
  | {
      readonly view: 'form';
      readonly tab: FormTab;
      readonly record?: RecordDto;
      readonly defaults?: RawValues;
      readonly back: CardTarget;
    };

const NAV: ReadonlyArray<{ view: MainView; label: string }> = [
  { view: 'home', label: 'Accueil' },
  { view: 'search', label: 'Rechercher' },
  { view: 'new', label: 'Nouveau' },
  { view: 'system', label: 'Système' },
];

/** Deep enough for organisation → contact → form and back, small enough to never matter. */
const MAX_STACK = 20;
const SUCCESS_MS = 5000;

function isMain(route: Route): route is { view: MainView } {
  return NAV.some((n) => n.view === route.view);
}

/** The views opened from Accueil keep its tab lit. */
const UNDER_HOME: ReadonlySet<Route['view']> = new Set([
  'segments',
  'segment',
  'pipeline',
  'tenders',
  'tender',
]);

function isCurrent(route: Route, view: MainView): boolean {
  return route.view === view || (view === 'home' && UNDER_HOME.has(route.view));
}

export function App(): VNode {
  const [stack, setStack] = useState<readonly Route[]>([{ view: 'home' }]);
  const [visited, setVisited] = useState<ReadonlySet<MainView>>(new Set(['home']));
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, setPending] = useState(0);
  const [refreshToken, setRefreshToken] = useState(0);
  const route = stack[stack.length - 1] ?? { view: 'home' };

  useEffect(() => onPendingChange(setPending), []);
  useEffect(() => {
    if (notice?.kind !== 'success') return undefined;
    const timer = setTimeout(() => setNotice(null), SUCCESS_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const notifier = useMemo<Notifier>(
    () => ({
      error: (text) => setNotice({ kind: 'error', text }),
      success: (text) => setNotice({ kind: 'success', text }),
    }),
    [],
  );

  const state = useLoad(async () => {
    const s = await callServer('getSidebarState');
    syncClock(s.generatedAtIso);
    return s;
  }, [refreshToken]);

  const goMain = useCallback((view: MainView) => {
    setVisited((v) => (v.has(view) ? v : new Set([...v, view])));
    setStack([{ view }]);
  }, []);
  // A new view starts at its top, not where the previous one was scrolled to.
  useEffect(() => window.scrollTo(0, 0), [route]);

  const push = useCallback((next: Route) => setStack((s) => [...s, next].slice(-MAX_STACK)), []);
  const back = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);

  // A workbook without the CRM structure: the only useful thing is the setup, in Système.
  const [checkedSetup, setCheckedSetup] = useState(false);
  useEffect(() => {
    if (checkedSetup || !state.data) return;
    setCheckedSetup(true);
    if (needsSetup(state.data) && stack.length === 1 && route.view === 'home') goMain('system');
  }, [state.data]);

  const openCard = (target: CardTarget) => push({ view: 'card', target });
  const openHit = (hit: SearchHit) =>
    openCard(
      hit.tab === 'opportunites'
        ? { kind: 'opportunity', id: hit.id }
        : { kind: 'record', tab: hit.tab, id: hit.id },
    );
  const cardOf = (tab: CreatableTab, record: RecordDto): CardTarget =>
    tab === 'opportunites'
      ? {
          kind: 'record',
          tab: 'organisations',
          id: String(record.organisationId ?? ''),
          highlight: String(record.id),
        }
      : { kind: 'record', tab, id: String(record.id) };

  const main = (view: MainView, content: () => VNode) =>
    visited.has(view)
      ? html`<div
          class="view"
          id=${`view-${view}`}
          hidden=${!(isMain(route) && route.view === view)}
        >
          ${content()}
        </div>`
      : null;

  return html`
    <${NotifyContext.Provider} value=${notifier}>
      <header class="top">
        <h1>CRM UTPLA</h1>
        <button
          type="button"
          class="link"
          id="refresh"
          onClick=${() => setRefreshToken((t) => t + 1)}
        >
          Actualiser
        </button>
      </header>
      <div class="sticky-top">
        <nav class="nav" aria-label="Navigation du panneau">
          ${NAV.map(
            (n) => html`
              <button
                type="button"
                id=${`nav-${n.view}`}
                class=${isCurrent(route, n.view) ? 'nav-item active' : 'nav-item'}
                aria-current=${isCurrent(route, n.view) ? 'page' : undefined}
                onClick=${() => goMain(n.view)}
              >
                ${n.label}
              </button>
            `,
          )}
        </nav>
        <div
          class=${pending > 0 ? 'progress active' : 'progress'}
          role="progressbar"
          aria-hidden=${pending === 0}
          aria-label="Échange avec le serveur en cours"
        ></div>
        <${Banner} notice=${notice} onDismiss=${() => setNotice(null)} />
      </div>
      <main class="content">
        ${main(
          'home',
          () =>
            html`<${HomeView}
              active=${route.view === 'home'}
              refreshToken=${refreshToken}
              onOpen=${openCard}
              onSegments=${() => push({ view: 'segments' })}
              onPipeline=${() => push({ view: 'pipeline' })}
              onTenders=${() => push({ view: 'tenders' })}
            />`,
        )}
        ${main(
          'search',
          () => html`<${SearchView} active=${route.view === 'search'} onPick=${openHit} />`,
        )}
        ${main(
          'new',
          () =>
            html`<${CreateView}
              onCreated=${(tab: CreatableTab, record: RecordDto) => {
                openCard(cardOf(tab, record));
                rescoreAfterSave(tab, record);
              }}
            />`,
        )}
        ${main(
          'system',
          () =>
            html`<${SystemView}
              state=${state.data}
              loading=${state.loading}
              error=${state.error}
              reload=${() => setRefreshToken((t) => t + 1)}
            />`,
        )}
        ${
          route.view === 'segments'
            ? html`<${SegmentsView}
                refreshToken=${refreshToken}
                onBack=${back}
                onChoose=${(name: string) => push({ view: 'segment', name })}
              />`
            : null
        }
        ${
          route.view === 'segment'
            ? html`<${SegmentMembersView}
                key=${route.name}
                name=${route.name}
                refreshToken=${refreshToken}
                onBack=${back}
                onPick=${openHit}
              />`
            : null
        }
        ${
          route.view === 'pipeline'
            ? html`<${PipelineView} refreshToken=${refreshToken} onBack=${back} />`
            : null
        }
        ${
          route.view === 'tenders'
            ? html`<${TendersView}
                refreshToken=${refreshToken}
                onBack=${back}
                onOpen=${(id: string) => push({ view: 'tender', id })}
              />`
            : null
        }
        ${
          route.view === 'tender'
            ? html`<${TenderCardView}
                key=${route.id}
                id=${route.id}
                refreshToken=${refreshToken}
                onBack=${back}
                onOpenOrganisation=${(organisationId: string, opportunityId?: string) =>
                  openCard({
                    kind: 'record',
                    tab: 'organisations',
                    id: organisationId,
                    ...(opportunityId ? { highlight: opportunityId } : {}),
                  })}
              />`
            : null
        }
        ${
          route.view === 'card'
            ? html`<${CardView}
                key=${JSON.stringify(route.target)}
                target=${route.target}
                refreshToken=${refreshToken}
                onOpen=${openCard}
                onBack=${back}
                onEdit=${(tab: FormTab, record: RecordDto, backTo: CardTarget) =>
                  push({ view: 'form', tab, record, back: backTo })}
                onCreate=${(tab: FormTab, defaults: RawValues, backTo: CardTarget) =>
                  push({ view: 'form', tab, defaults, back: backTo })}
              />`
            : null
        }
        ${
          route.view === 'form'
            ? html`<${RecordEditView}
                key=${`${route.tab}-${String(route.record?.id ?? 'new')}`}
                tab=${route.tab}
                record=${route.record}
                defaults=${route.defaults}
                onCancel=${back}
                onSaved=${(saved: RecordDto) => {
                  if (!route.record) notifier.success(createdMessage(route.tab, saved));
                  else notifier.success('Modifications enregistrées.');
                  rescoreAfterSave(route.tab, saved, route.record);
                  // Back to the card, reloaded (a new target object), the new opportunity in view.
                  const target: CardTarget =
                    route.tab === 'opportunites' && route.back.kind === 'record'
                      ? { ...route.back, highlight: String(saved.id) }
                      : { ...route.back };
                  setStack((s) => [...s.slice(0, -2), { view: 'card', target }]);
                }}
              />`
            : null
        }
      </main>
    <//>
  `;
}
