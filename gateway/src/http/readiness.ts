/** Reports which subgraphs answer their own readiness check, each within a short deadline. */
export async function subgraphReadiness(subgraphs: Record<string, string>): Promise<Record<string, 'up' | 'down'>> {
  const entries = await Promise.all(
    Object.entries(subgraphs).map(async ([name, graphqlUrl]) => {
      try {
        const response = await fetch(new URL('/readyz', graphqlUrl), { signal: AbortSignal.timeout(1000) });
        return [name, response.ok ? 'up' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
