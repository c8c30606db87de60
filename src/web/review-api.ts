/** The page's calls of the review routes (issue #12), through the typed client of api-client.ts. */
import type { InferResponseType } from 'hono/client';
import type { ReviewAction } from '../core/review/transitions.js';
import { api, errorOf, JSON_HEADERS, send } from './api-client.js';

type FormRoute = (typeof api.forms)[':id'];
/** A form's review as GET /api/forms/:id/review returns it (the app's ReviewViewSchema). */
export type ReviewView = InferResponseType<FormRoute['review']['$get'], 200>;

const param = (id: string) => ({ id: encodeURIComponent(id) });

/** Reads form `id`'s review. */
export async function getReview(id: string): Promise<ReviewView> {
  const response = await send(api.forms[':id'].review.$get({ param: param(id) }, { headers: JSON_HEADERS }));
  if (response.status !== 200) throw await errorOf(response);
  return response.json();
}

export interface TransitionBody {
  reasons?: string[];
  /** The form version the user sees (a submit of an older one is refused). */
  version?: number;
  author?: string;
}

/** Submits, returns or accepts form `id`. */
export async function transition(id: string, action: ReviewAction, body: TransitionBody): Promise<ReviewView> {
  const route = api.forms[':id'][action];
  const response = await send(route.$post({ param: param(id), json: body, header: {} }, { headers: JSON_HEADERS }));
  if (response.status !== 200) throw await errorOf(response);
  return response.json();
}

export interface MarksBody {
  rows: { index: number; score: number | null; comment: string }[];
  overall: { score: number | null; comment: string };
  revision: number;
}

/** Saves 审核得分/审核意见 of form `id`. */
export async function putMarks(id: string, body: MarksBody): Promise<ReviewView> {
  const route = api.forms[':id'].review;
  const response = await send(route.$put({ param: param(id), json: body }, { headers: JSON_HEADERS }));
  if (response.status !== 200) throw await errorOf(response);
  return response.json();
}
