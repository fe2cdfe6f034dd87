import './display.css';
import { createBoardLoader } from './board-query';
import { BoardSync } from './board-sync';
import { displayToken, facilityIdFromPath } from './display-token';
import { backoff, followQueueUpdates } from './gateway-connection';
import { createScreen, NOTICES } from './screen';

const screen = createScreen();
const facilityId = facilityIdFromPath(window.location.pathname);
const token = facilityId ? displayToken(window, facilityId) : undefined;

if (!facilityId) screen.showNotice(NOTICES.notADisplay);
else if (!token) screen.showNotice(NOTICES.noToken);
else {
  const endpoint = new URL('/graphql', window.location.origin).toString();
  const sync = new BoardSync({
    loadBoard: createBoardLoader({ endpoint, token, facilityId, fetch: window.fetch.bind(window) }),
    retryDelay: backoff,
    onChange: (state) => {
      if (state.status === 'refused') connection.close();
      screen.render(state, Date.now());
    },
  });
  const connection = followQueueUpdates({
    url: endpoint.replace(/^http/, 'ws'),
    token,
    facilityId,
    listener: {
      subscribed: () => sync.subscribed(),
      interrupted: () => sync.interrupted(),
      update: (update) => sync.update(update),
      refuse: () => sync.refuse(),
    },
  });
  screen.render(sync.state(), Date.now());
  // The clock and the end of each announcement move with time, not with events.
  window.setInterval(() => screen.render(sync.state(), Date.now()), 1_000);
}
