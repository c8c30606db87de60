/** Accounts and rights: who may do what with which unit's forms (issue #12). */
export * from './actor.js';
export * from './rights.js';
export * from './roles.js';
export * from './unit-path.js';
export * from './user.js';
