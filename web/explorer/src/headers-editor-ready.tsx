import { useGraphiQL } from '@graphiql/react';
import { useEffect } from 'react';

/**
 * Tells `onReady` when GraphiQL's headers editor exists (see fetcher.ts for why
 * that matters). Rendered as a child of <GraphiQL>, so inside its provider.
 */
export function HeadersEditorReady({ onReady }: { readonly onReady: () => void }) {
  const headerEditor = useGraphiQL((state) => state.headerEditor);
  useEffect(() => {
    if (headerEditor) onReady();
  }, [headerEditor, onReady]);
  return null;
}
