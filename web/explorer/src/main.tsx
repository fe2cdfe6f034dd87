// Monaco's editor, JSON and GraphQL workers, bundled by Vite and loaded from our own origin.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
// Fonts are inlined as data: URLs in these files, so nothing is fetched from a font host.
import '@graphiql/react/font/roboto.css';
import '@graphiql/react/font/fira-code.css';
import './explorer.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ExplorerPage } from './explorer-page';
import { createExplorerFetcher, sameOriginEndpoint } from './fetcher';
import { bearerHeaders, takeTokenFromFragment } from './token-from-fragment';

const token = takeTokenFromFragment(window);
const initialHeaders = token ? bearerHeaders(token) : undefined;
const explorerFetcher = createExplorerFetcher(sameOriginEndpoint(window.location), { initialHeaders });
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ExplorerPage
      explorerFetcher={explorerFetcher}
      initialHeaders={initialHeaders ? JSON.stringify(initialHeaders, null, 2) : undefined}
    />
  </StrictMode>,
);
