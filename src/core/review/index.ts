/** The review workflow (issue #12): statuses, the transition table, the review record, marks. */
export * from './apply.js';
export * from './marks.js';
export * from './record.js';
export * from './schemas.js';
export * from './status.js';
export * from './transitions.js';
