/** A minimal GraphQL client through the gateway, exactly as an app calls it (seeding, benchmarks); errors throw. */
export function gatewayClient(url: string, token: string) {
  return async function request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) {
      throw new Error(
        `The gateway refused the request: ${body.errors?.map((error) => error.message).join('; ') ?? response.statusText}`,
      );
    }
    return body.data;
  };
}

export type GatewayRequest = ReturnType<typeof gatewayClient>;
