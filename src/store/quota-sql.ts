/** The quota counters' SQL, shared by D1 (SQLite) and PostgreSQL (table quota_counters). */

/** No limit: larger than any count (and within SQLite's and PostgreSQL's bigint). */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

// A counter that meets a newer window starts from zero; an older window (a server whose clock lags) adds to the newer
const nextCount = (t: string) =>
  `CASE WHEN ${t}.window_id >= excluded.window_id THEN ${t}.count + excluded.count ELSE excluded.count END`;

/**
 * The upsert into `table` (`quota_counters` in D1, `ziping_quota_counters` in PostgreSQL); PostgreSQL's
 * also differs in GREATEST for max and `$` for numbered parameters.
 */
export function addCounterSql(table: string, max: 'max' | 'GREATEST', mark: '?' | '$'): string {
  return `INSERT INTO ${table} (key, window_id, count) VALUES (${mark}1, ${mark}2, ${mark}3)
    ON CONFLICT (key) DO UPDATE SET count = ${nextCount(table)},
      window_id = ${max}(${table}.window_id, excluded.window_id)
    WHERE ${nextCount(table)} <= ${mark}4
    RETURNING count`;
}
