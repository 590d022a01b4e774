/**
 * The skills taxonomy. Set up writes the default one (src/defaults/skills.json: the Community
 * Skills Framework — Strategy, Business, Engagement, Technical, Content — plus sociocracy
 * training topics) into the Skills sheet; after that the sheet is the source of truth and the
 * help desk extends it.
 */
import { foldText as fold } from './text';

export interface SkillEntry {
  area: string;
  skill: string;
}

/** Skills grouped by area (the shape of src/defaults/skills.json) as taxonomy entries. */
export function skillEntries(byArea: Record<string, string[]>): SkillEntry[] {
  return Object.entries(byArea).flatMap(([area, skills]) => skills.map((skill) => ({ area, skill })));
}

/** Maps free answers onto taxonomy entries (case, accents and punctuation ignored); the rest is returned as unknown. */
export function matchSkills(answers: string[], taxonomy: SkillEntry[]): { skills: string[]; unknown: string[] } {
  const byKey = new Map(taxonomy.map((t) => [fold(t.skill), t.skill]));
  const skills: string[] = [];
  const unknown: string[] = [];
  for (const a of answers) {
    const hit = byKey.get(fold(a));
    if (hit) {
      if (!skills.includes(hit)) skills.push(hit);
    } else if (a.trim()) unknown.push(a.trim());
  }
  return { skills, unknown };
}
