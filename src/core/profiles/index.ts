/**
 * The registry of rule profiles. A profile file states its parent and what differs; here each
 * one is resolved into full settings.
 */
import { ZipingError } from '../errors.js';
import { beijing } from './beijing.js';
import { guangxi } from './guangxi.js';
import { hebeiTianjin } from './hebei-tianjin.js';
import { hubei } from './hubei.js';
import { mof2020 } from './mof-2020.js';
import { shandongJinan2019 } from './shandong-jinan-2019.js';
import { sichuan } from './sichuan.js';
import { fujianNingde } from './fujian-ningde.js';
import { yitihuaManual } from './yitihua-manual.js';
import { yunnan } from './yunnan.js';
import type { ProfileDefinition, RuleProfile, RuleSettings } from './types.js';

export const DEFAULT_PROFILE_ID = 'mof-2020';

const DEFINITIONS: ProfileDefinition[] = [
  mof2020,
  beijing,
  hubei,
  sichuan,
  guangxi,
  hebeiTianjin,
  shandongJinan2019,
  yunnan,
  fujianNingde,
  yitihuaManual,
];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge where arrays and scalars of `over` replace those of `base`. */
function merge<T>(base: T, over: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    // A tagged union (exec.mode) is replaced whole, never mixed with the parent's variant.
    out[key] = key === 'mode' ? value : merge(out[key], value);
  }
  return out as T;
}

function resolve(def: ProfileDefinition, seen: string[] = []): RuleProfile {
  if (!def.extends) {
    return {
      id: def.id,
      name: def.name,
      banner: def.banner,
      verified: def.verified ?? false,
      settings: def.settings as RuleSettings,
      sources: def.sources,
    };
  }
  if (seen.includes(def.id)) throw new Error(`profile cycle: ${[...seen, def.id].join(' → ')}`);
  const parentDef = DEFINITIONS.find((d) => d.id === def.extends);
  if (!parentDef) throw new Error(`profile ${def.id} extends unknown ${def.extends}`);
  const parent = resolve(parentDef, [...seen, def.id]);
  return {
    id: def.id,
    name: def.name,
    banner: def.banner ?? parent.banner,
    extends: def.extends,
    verified: def.verified ?? false,
    settings: merge(parent.settings, def.settings),
    sources: { ...parent.sources, ...def.sources },
  };
}

const PROFILES: ReadonlyMap<string, RuleProfile> = new Map(DEFINITIONS.map((d) => [d.id, resolve(d)]));

/** Every rule profile, the default first. */
export function listProfiles(): RuleProfile[] {
  return [...PROFILES.values()];
}

/** The profile with this id (default mof-2020), or `unknown_profile` listing the known ids. */
export function getProfile(id: string = DEFAULT_PROFILE_ID): RuleProfile {
  const profile = PROFILES.get(id);
  if (!profile) {
    throw new ZipingError('unknown_profile', `未知的规则口径“${id}”，可选：${[...PROFILES.keys()].join('、')}`, {
      issues: [
        { path: 'profile', code: 'unknown_profile', message: `规则口径只能是 ${[...PROFILES.keys()].join(' / ')}` },
      ],
    });
  }
  return profile;
}
