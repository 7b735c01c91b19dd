/**
 * The one guard on every pager: SDK paginators, the token loops of src/collect/pages.ts, anything that pages through
 * a client this factory built. A page token that comes back twice in one listing (an endpoint answering page 2 with
 * page 1's token) ends the listing with a PagingError, which the collector's guard turns into a note, instead of
 * spinning forever or stopping quietly with half the data.
 */
import type { AbsoluteLocation, InitializeHandlerOptions, InitializeMiddleware } from '@smithy/types';
import { PagingError } from '../domain/errors';
import { canonical } from './replay';
import { serviceName } from './services';

/** The fields AWS APIs page with, in requests and responses. */
const TOKEN_FIELDS = [
  'NextToken',
  'nextToken',
  'NextPageToken',
  'nextPageToken',
  'Marker',
  'NextMarker',
  'ContinuationToken',
  'NextContinuationToken',
] as const;

const tokenOf = (value: Record<string, unknown>): string | undefined =>
  TOKEN_FIELDS.map((f) => value[f]).find((t): t is string => typeof t === 'string' && t !== '');

const withoutTokens = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).filter(([k]) => !(TOKEN_FIELDS as readonly string[]).includes(k)));

/**
 * Throws when a response's page token was already returned in the same listing. A listing is one operation with one
 * input apart from its token; a request without a token starts it afresh.
 */
export function pagingGuardMiddleware(): [
  InitializeMiddleware<object, object>,
  InitializeHandlerOptions & AbsoluteLocation,
] {
  const listings = new Map<string, { tokens: Set<string>; pages: number }>();
  return [
    (next, context) => async (args) => {
      const input = (args.input ?? {}) as Record<string, unknown>;
      const operation = `${serviceName(context.clientName ?? '')}:${(context.commandName ?? '').replace(/Command$/, '')}`;
      const key = `${operation} ${canonical(withoutTokens(input))}`;
      const result = await next(args);
      const sent = tokenOf(input);
      const listing = (sent && listings.get(key)) || { tokens: new Set<string>(), pages: 0 };
      listings.set(key, listing);
      listing.pages++;
      const token = tokenOf((result.output ?? {}) as Record<string, unknown>);
      if (token && (token === sent || listing.tokens.has(token))) {
        listings.delete(key);
        throw new PagingError(
          `${operation} returned a page token it had already returned, after ${listing.pages} pages; the listing was stopped there and is incomplete`,
        );
      }
      if (token) listing.tokens.add(token);
      else listings.delete(key);
      return result;
    },
    { step: 'initialize', priority: 'high', name: 'durionPagingGuard' },
  ];
}
