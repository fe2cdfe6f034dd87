import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import type { ExplorerFetcher } from './fetcher';
import { HeadersEditorReady } from './headers-editor-ready';

const plugins = [HISTORY_PLUGIN];

export interface ExplorerPageProps {
  readonly explorerFetcher: ExplorerFetcher;
  /** The headers editor's first contents: the bearer token from `#token=`, if any. */
  readonly initialHeaders: string | undefined;
}

export function ExplorerPage({ explorerFetcher, initialHeaders }: ExplorerPageProps) {
  return (
    <div className="explorer">
      <header className="explorer-header">
        <h1>ClinicFlow API explorer</h1>
        <p>
          Every request needs <code>Authorization: Bearer &lt;token&gt;</code> in Headers below (then ↻ re-fetches the
          schema). In embedded mode get one with <code>npm run token -- --role admin</code>, or open this page with{' '}
          <code>#token=&lt;jwt&gt;</code>.
        </p>
      </header>
      <main className="explorer-graphiql">
        {/* The doc explorer is GraphiQL's default reference plugin; history is added here. */}
        <GraphiQL
          fetcher={explorerFetcher.fetcher}
          plugins={plugins}
          initialHeaders={initialHeaders}
          defaultEditorToolsVisibility="headers"
          shouldPersistHeaders={false}
        >
          <HeadersEditorReady onReady={explorerFetcher.headersEditorReady} />
        </GraphiQL>
      </main>
    </div>
  );
}
