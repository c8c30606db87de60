// Whether the compiled build (dist/server, by scripts/build.js) matches the sources: 'current',
// 'stale' (a file under src/ or package.json is newer than the build) or 'missing'.
// Plain JavaScript so bin/ziping.js can ask before anything TypeScript is loaded.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP = join('dist', 'server', '.build-stamp');

function newestUnder(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = entry.isDirectory() ? newestUnder(path, newest) : Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The state of the build of the project in `root`. */
export function buildState(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return 'missing';
  // A production install may ship dist/ without src/: then the build is all there is
  if (!existsSync(join(root, 'src'))) return 'current';
  const sources = Math.max(newestUnder(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  return statSync(stamp).mtimeMs >= sources ? 'current' : 'stale';
}
