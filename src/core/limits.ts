/**
 * Every size and range limit of Ziping, in one place (issue #8). The schema, the parsers, the
 * routes, the model drafter and the page import them from here; the README's "限制与安全" section
 * and the OpenAPI document state them. Each is far above what real forms need (the largest
 * published form seen has 40 rows, cells under 600 characters, weights up to 30) and low enough
 * that no input can make parsing, scoring or storage slow or non-finite.
 */

/** 绩效指标 rows per form. Real forms have 5–40; department forms a few hundred. */
export const MAX_ROWS = 2000;

/** Characters in one short cell (指标名称, 指标值, 实际完成值, 偏差原因…). */
export const MAX_CELL_CHARS = 5000;

/** Characters in a long cell: 预期目标, 实际完成情况, their notes, 执行率偏低原因. */
export const MAX_LONG_CELL_CHARS = 20_000;

/** Digits in one unbroken run of a 指标值 / 实际完成值 ("20500" is 5; "1,234,567" three runs of ≤3). */
export const MAX_NUMBER_DIGITS = 20;

/** Decimal places of a number in the form (amounts, weights, scores): 6 covers 元 in 万元 and more. */
export const MAX_DECIMALS = 6;

/** Largest 分值 / 得分 of one row or of 预算执行率: a row cannot be worth more than the 100-point form. */
export const MAX_WEIGHT = 100;

/** Largest 自评总分 accepted as input (the check reports one above 100; 1000 leaves room for typos). */
export const MAX_SELF_TOTAL = 1000;

/** Largest amount (预算数, 执行数), in the form's unit: 10^12 万元 is far above any budget. */
export const MAX_AMOUNT = 1e12;

/** Default character targets of drafted cells (prompts/README.md): 实际完成情况 1000, 偏差原因 200. */
export const DEFAULT_MAX_CHARS = { goals: 1000, deviation: 200 } as const;

/** The range of a draft request's `maxChars`. */
export const MAX_CHARS_RANGE = { min: 20, max: 5000 } as const;

/** Characters of one chat message asking for a revision. */
export const MAX_CHAT_MESSAGE_CHARS = 2000;

/** Chat turns (one request + one answer) kept per cell; more is refused until the chat is cleared. */
export const MAX_CHAT_TURNS_PER_CELL = 50;

/** Saved versions of one narrative cell's history (the store keeps the newest; issue #8, stores). */
export const MAX_HISTORY_PER_CELL = 200;

/** A model answer longer than this many times the cell's `maxChars` is cut off and not used. */
export const MODEL_OUTPUT_FACTOR = 4;

/** Floor of the model output cap, for small `maxChars` (a draft may think aloud in <think> first). */
export const MIN_MODEL_OUTPUT_CHARS = 4000;

/** Overall time for one model call (a draft or a chat turn, retries and repair included), in ms. */
export const MODEL_DEADLINE_MS = 180_000;

/** Unit paths (issue #12): `某市财政局/某市科委/智源研究院`; deeper trees than a 部门-区县-单位 chain are unknown. */
export const UNIT_PATH_LIMITS = { maxChars: 400, maxDepth: 10, maxSegmentChars: 100 } as const;

/**
 * The review of a form (issue #12): 审核意见 per row and for the form, the reasons of a return, and
 * how many transitions a review keeps (the newest; a form goes back and forth a few times at most).
 */
export const REVIEW_LIMITS = {
  maxCommentChars: 2000,
  maxReasons: 20,
  maxReasonChars: 1000,
  maxTransitions: 200,
} as const;

/**
 * Drafting and chat requests (routes whose audit action is `draft`) per fixed window (issue #12):
 * per user and per unit. A draft of a whole form is one request. Overridden by ZIPING_RATE_PER_USER,
 * ZIPING_RATE_PER_UNIT and ZIPING_RATE_WINDOW_SECONDS.
 */
export const RATE_LIMIT_DEFAULTS = { perUser: 30, perUnit: 120, windowSeconds: 60 } as const;

/**
 * Model tokens a unit may use per day (issue #12), prompt and answer together; 0 turns the budget off.
 * A model draft of one cell is 2,000–6,000 tokens, so 1,000,000 is a few hundred drafts a day.
 * Overridden by ZIPING_TOKEN_BUDGET_PER_UNIT.
 */
export const TOKEN_BUDGET_DEFAULTS = { perUnitPerDay: 1_000_000 } as const;

/** The budget day starts at 00:00 Beijing time (UTC+8), when a Chinese office starts its day. */
export const BUDGET_DAY_UTC_OFFSET_MINUTES = 480;

/**
 * Characters per model token when the model does not report its usage: Chinese text is about one
 * token per 1–1.5 characters in the tokenizers of GPT-4o, Qwen and DeepSeek; 1 overestimates, on purpose.
 */
export const CHARS_PER_TOKEN_ESTIMATE = 1;

/** Audit log pages (GET /api/audit): at most 200 entries, 50 by default. */
export const AUDIT_PAGE_LIMITS = { max: 200, default: 50 } as const;

/**
 * The audit file of the Node store (data/audit.log): rotated to audit.log.1 … at 4 MiB, keeping
 * 5 older files (about 20 MiB, some 100,000 entries); older entries are dropped with the oldest file.
 */
export const AUDIT_FILE_LIMITS = { rotateBytes: 4 * 1024 * 1024, keepFiles: 5 } as const;

/**
 * Failed sign-ins per user name per window (issue #12): PBKDF2 alone slows one guess, not many.
 * Ten wrong passwords lock that name's password sign-in for the rest of 15 minutes; API tokens
 * still work, so an attacker who knows a name cannot lock its owner out of the API.
 */
export const SIGN_IN_LIMIT = { failures: 10, windowSeconds: 900 } as const;

/** A user's sign-in name (issue #12): what people type and what history shows, 1–64 characters. */
export const MAX_USER_NAME_CHARS = 64;

/**
 * Passwords (issue #12): at least 8 characters for a new one; at most 200, which bounds the PBKDF2
 * work of one sign-in (PBKDF2 hashes any length).
 */
export const PASSWORD_LIMITS = { minChars: 8, maxChars: 200 } as const;

/**
 * Counters one process keeps in memory (quotas, failed sign-ins). Sign-in counts one key per name
 * tried, so a stranger could grow the map without end; past this many keys the least recently
 * changed one is forgotten (its count starts again).
 */
export const MAX_MEMORY_COUNTERS = 100_000;

/**
 * A text the CLI reads whole: a form's JSON from a file or standard input (the seed's is 11 KB;
 * 2000 rows of full cells stay well under), a password on standard input. Past it reading stops.
 */
export const MAX_CLI_INPUT_BYTES = 16 * 1024 * 1024;
