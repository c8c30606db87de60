/** Pure helpers about narrative cells: their paths, the origin of a text, and staleness. */
export * from './paths.js';
export * from './origin.js';
export * from './snapshot.js';
export * from './snapshot-schema.js';
