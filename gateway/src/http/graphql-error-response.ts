import type { Response } from 'express';

/**
 * Answers a request the gateway refuses before GraphQL runs, in the shape GraphQL clients read:
 * `{ errors: [{ message, extensions: { code } }] }`, never an HTML page.
 */
export function sendGraphQLError(
  res: Response,
  status: number,
  message: string,
  code: string,
  details: Record<string, unknown> = {},
): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...details } }] });
}
