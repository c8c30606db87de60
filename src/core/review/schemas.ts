/**
 * The zod schemas of the review's codes, apart from the tables themselves so that the page can
 * import the labels and transitions without loading zod (issue #9: the first-load script).
 */
import { z } from 'zod';
import { REVIEW_STATUSES } from './status.js';
import { REVIEW_ACTIONS } from './transitions.js';

export const ReviewStatusSchema = z.enum(REVIEW_STATUSES);
export const ReviewActionSchema = z.enum(REVIEW_ACTIONS);
