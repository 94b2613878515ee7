/**
 * Loading a 360° card in two parallel calls: getCard without the activity (the record, its
 * organisation, contacts and opportunities — what the user looks at first) and getActivity (the
 * timeline and the open tasks, the slower part: it reads the two biggest tabs). The card is shown
 * as soon as the first answers; the activity has its own loading state and its own error, so a
 * failed timeline never hides a card that loaded. Every reload after an action goes through the
 * same pair, and an answer older than the latest request of its kind is dropped.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CardActivity, RecordCard } from '../../server/api/contract';
import { useNotify } from '../notify';
import type { CardTab } from '../records';
import { callServer, errorText } from '../rpc';

/** What a card is opened on. */
export type CardTarget =
  | {
      readonly kind: 'record';
      readonly tab: CardTab;
      readonly id: string;
      readonly highlight?: string;
    }
  /** A search hit on an opportunity: its organisation's card, the opportunity highlighted. */
  | { readonly kind: 'opportunity'; readonly id: string }
  /** The row the cursor is on in the sheet. */
  | { readonly kind: 'selection' };

interface MainState {
  /** undefined until the first answer; null when the selected row is no organisation or contact. */
  readonly card: RecordCard | null | undefined;
  readonly highlight: string | undefined;
  /** The first load's error (the card cannot be shown); a failed reload goes to the banner. */
  readonly error: string | null;
  readonly loading: boolean;
}

export interface ActivityState {
  readonly data: CardActivity | undefined;
  readonly error: string | null;
  readonly loading: boolean;
}

export interface CardLoad extends MainState {
  readonly activity: ActivityState;
  /** Loads the target again from scratch (after a first load failed). */
  reload(): void;
  /** The card and its activity again, by ID, keeping what is shown until the answers come. */
  refresh(): Promise<void>;
  /** getActivity again, after it failed. */
  retryActivity(): void;
  /** The record alone again (its score was recomputed), once any card answer in flight is in. */
  refreshRecord(): Promise<void>;
}

export function useCard(target: CardTarget): CardLoad {
  const notify = useNotify();
  const [main, setMain] = useState<MainState>({
    card: undefined,
    highlight: undefined,
    error: null,
    loading: true,
  });
  const [activity, setActivity] = useState<ActivityState>({
    data: undefined,
    error: null,
    loading: true,
  });
  const cardGen = useRef(0);
  const activityGen = useRef(0);
  /** Settles when the latest getCard has answered (either way). */
  const cardInFlight = useRef<Promise<void>>(Promise.resolve());
  /** The card's tab and ID once known (a selection or an opportunity is resolved first). */
  const identity = useRef<{ tab: CardTab; id: string } | null>(null);
  const highlight = useRef<string | undefined>(undefined);

  const loadActivity = (tab: CardTab, id: string) => {
    const gen = ++activityGen.current;
    setActivity((a) => ({ ...a, loading: true, error: null }));
    callServer('getActivity', tab, id).then(
      (data) => {
        if (gen === activityGen.current) setActivity({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (gen === activityGen.current)
          setActivity({ data: undefined, error: errorText(error), loading: false });
      },
    );
  };

  /** The pair. `first`: an error replaces the card; otherwise the card stays and the banner tells. */
  const loadPair = (tab: CardTab, id: string, first: boolean): Promise<void> => {
    identity.current = { tab, id };
    const gen = ++cardGen.current;
    setMain((m) => ({ ...m, loading: true, error: first ? null : m.error }));
    const card = callServer('getCard', tab, id, false);
    loadActivity(tab, id);
    const done = card.then(
      (fresh) => {
        if (gen === cardGen.current)
          setMain({ card: fresh, highlight: highlight.current, error: null, loading: false });
      },
      (error: unknown) => {
        if (gen !== cardGen.current) return;
        if (first) setMain((m) => ({ ...m, error: errorText(error), loading: false }));
        else {
          setMain((m) => ({ ...m, loading: false }));
          notify.error(errorText(error));
        }
      },
    );
    cardInFlight.current = done;
    return done;
  };

  const loadTarget = async () => {
    const gen = ++cardGen.current;
    ++activityGen.current;
    identity.current = null;
    setMain({ card: undefined, highlight: undefined, error: null, loading: true });
    setActivity({ data: undefined, error: null, loading: true });
    const fail = (error: unknown) => {
      if (gen === cardGen.current)
        setMain({ card: undefined, highlight: undefined, error: errorText(error), loading: false });
    };
    try {
      switch (target.kind) {
        case 'record':
          highlight.current = target.highlight;
          await loadPair(target.tab, target.id, true);
          return;
        case 'opportunity': {
          // The organisation is only known from the opportunity: one call before the pair.
          const opportunity = await callServer('getRecord', 'opportunites', target.id);
          if (gen !== cardGen.current) return;
          const organisationId = String(opportunity.organisationId ?? '');
          if (!organisationId)
            throw new Error(`L’opportunité ${target.id} n’est liée à aucune organisation.`);
          highlight.current = target.id;
          await loadPair('organisations', organisationId, true);
          return;
        }
        case 'selection': {
          // The server resolves the row and answers with the whole card, activity included.
          const card = await callServer('getSelectedCard');
          if (gen !== cardGen.current) return;
          highlight.current = undefined;
          setMain({ card, highlight: undefined, error: null, loading: false });
          if (!card) return;
          identity.current = { tab: card.tab, id: String(card.record.id) };
          if (card.activityIncluded)
            setActivity({
              data: { interactions: card.interactions, tasks: card.tasks },
              error: null,
              loading: false,
            });
          else loadActivity(card.tab, String(card.record.id));
          return;
        }
      }
    } catch (error) {
      fail(error);
    }
  };

  useEffect(() => {
    void loadTarget();
  }, [target]);

  return {
    ...main,
    activity,
    reload: () => void loadTarget(),
    refresh: () => {
      const who = identity.current;
      return who ? loadPair(who.tab, who.id, false) : loadTarget();
    },
    retryActivity: () => {
      const who = identity.current;
      if (who) loadActivity(who.tab, who.id);
    },
    refreshRecord: async () => {
      const who = identity.current;
      if (!who) return;
      // A getCard sent before the rescore ended could carry the old score: let it land first.
      await cardInFlight.current;
      const gen = cardGen.current;
      try {
        const record = await callServer('getRecord', who.tab, who.id);
        // A newer card load was sent after the rescore: it carries the new score itself.
        if (gen === cardGen.current)
          setMain((m) => (m.card ? { ...m, card: { ...m.card, record } } : m));
      } catch {
        // The score shown is the previous one; "Actualiser" fetches it. Nothing to interrupt for.
      }
    },
  };
}
