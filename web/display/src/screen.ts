import { type BoardView, boardView, type CallingRow, type WaitingRow } from './board-view';
import type { SyncState, SyncStatus } from './board-sync';

/** What the screen says when it cannot show a board. */
export const NOTICES = {
  notADisplay: 'This address is not a display. Open the display link that staff gave you.',
  noToken: 'This display has no token: ask staff for a display link.',
  refused: "This display's token was refused: ask staff for a new display link.",
} as const;

const CONNECTION_TEXT: Record<SyncStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Refused',
};

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function byId(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html has no #${id}`);
  return node;
}

/** "First L.": the first name may be shortened on screen, the last initial is always shown. */
function nameElement(displayName: string): HTMLSpanElement {
  const name = element('span', 'name');
  const split = displayName.lastIndexOf(' ');
  if (split <= 0) name.append(element('span', 'first', displayName));
  else {
    // The space stays in the text (read aloud, matched by tests); flex layout drops it on screen.
    name.append(
      element('span', 'first', displayName.slice(0, split)),
      ' ',
      element('span', 'initial', displayName.slice(split + 1)),
    );
  }
  return name;
}

/** Room names longer than this get smaller type (display.css, `.where.long`). */
const LONG_DESTINATION = 10;

function callingItem(row: CallingRow): HTMLLIElement {
  const item = element('li', row.announcedFor === null ? 'called' : 'called announced');
  item.dataset.token = row.token;
  // Re-rendering recreates the row: a negative delay resumes its animation where it was.
  if (row.announcedFor !== null) item.style.animationDelay = `-${row.announcedFor}ms`;
  const who = element('div', 'who');
  who.append(element('span', 'token', row.token), nameElement(row.displayName));
  const where = element('span', row.destination.length > LONG_DESTINATION ? 'where long' : 'where', row.destination);
  item.append(who, element('span', 'arrow', '→'), where);
  return item;
}

function waitingItem(row: WaitingRow): HTMLLIElement {
  const item = element('li', 'waiting-row');
  item.dataset.token = row.token;
  item.append(element('span', 'token', row.token), nameElement(row.displayName), element('span', 'wait', row.wait));
  return item;
}

/** Everything that changes what is drawn; announcements count only as on or off. */
function drawnKey(status: SyncStatus, view: BoardView | null): string {
  if (!view) return status;
  return JSON.stringify([
    status,
    { ...view, calling: view.calling.map((row) => ({ ...row, announcedFor: row.announcedFor !== null })) },
    view.announcement?.id ?? null,
  ]);
}

/** The page's elements (index.html), filled from the board's view. */
export function createScreen() {
  const facilityName = byId('facility-name');
  const clock = byId('clock');
  const board = byId('board');
  const calling = byId('calling');
  const callingEmpty = byId('calling-empty');
  const callingMore = byId('calling-more');
  const waiting = byId('waiting');
  const waitingEmpty = byId('waiting-empty');
  const waitingMore = byId('waiting-more');
  const spoken = byId('spoken');
  const notice = byId('notice');
  const connection = byId('connection');
  const connectionText = byId('connection-text');
  let lastKey = '';
  let clockFormat: Intl.DateTimeFormat | null = null;
  let clockZone: string | undefined;

  const formatClock = (now: number, timeZone: string | undefined) => {
    if (!clockFormat || clockZone !== timeZone) {
      clockZone = timeZone;
      try {
        clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone });
      } catch {
        // An unknown zone name: the screen's own zone is better than no clock.
        clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
      }
    }
    return clockFormat.format(now);
  };

  const showNotice = (text: string) => {
    notice.textContent = text;
    notice.hidden = false;
    board.hidden = true;
  };

  return {
    showNotice,

    render(state: SyncState, now: number): void {
      clock.textContent = formatClock(now, state.board?.facility?.timezone);
      connection.dataset.state = state.status;
      connection.hidden = state.status === 'refused';
      connectionText.textContent = CONNECTION_TEXT[state.status];
      if (state.status === 'refused') {
        showNotice(NOTICES.refused);
        return;
      }
      const view = state.board ? boardView(state.board, now) : null;
      const key = drawnKey(state.status, view);
      if (key === lastKey) return;
      lastKey = key;
      board.dataset.loaded = String(view !== null);
      if (!view) return;
      if (view.facilityName) facilityName.textContent = view.facilityName;
      calling.replaceChildren(...view.calling.map(callingItem));
      callingEmpty.hidden = view.calling.length > 0;
      callingMore.textContent = view.moreCalling > 0 ? `+ ${view.moreCalling} more called` : '';
      waiting.replaceChildren(...view.waiting.map(waitingItem));
      waitingEmpty.hidden = view.waiting.length > 0;
      waitingMore.textContent = view.moreWaiting > 0 ? `+ ${view.moreWaiting} more waiting` : '';
      const announced = view.announcement;
      spoken.textContent = announced ? `Token ${announced.token}, please go to ${announced.destination}` : '';
    },
  };
}
