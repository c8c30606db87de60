/** The quota counters' SQL, shared by D1 (SQLite) and PostgreSQL (table quota_counters). */

/** No limit: larger than any count (and within SQLite's and PostgreSQL's bigint). */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

// A counter that meets a newer window starts from zero; an older window (a server whose clock lags) adds to the newer
const NEXT_COUNT =
  'CASE WHEN quota_counters.window_id >= excluded.window_id THEN quota_counters.count + excluded.count ELSE excluded.count END';

/** The upsert for SQLite; PostgreSQL's differs only in GREATEST for max. */
export function addCounterSql(max: 'max' | 'GREATEST', mark: '?' | '$'): string {
  return `INSERT INTO quota_counters (key, window_id, count) VALUES (${mark}1, ${mark}2, ${mark}3)
    ON CONFLICT (key) DO UPDATE SET count = ${NEXT_COUNT},
      window_id = ${max}(quota_counters.window_id, excluded.window_id)
    WHERE ${NEXT_COUNT} <= ${mark}4
    RETURNING count`;
}
