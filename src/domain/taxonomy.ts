/**
 * The default skills taxonomy that Set up writes into the Skills sheet: the Community Skills
 * Framework (Strategy, Business, Engagement, Technical, Content) plus sociocracy training
 * topics. After set up, the Skills sheet is the source of truth: the help desk extends it.
 */
export interface SkillEntry {
  area: string;
  skill: string;
}

const framework: Record<string, string[]> = {
  Strategy: [
    'Community Strategy Development', 'Roadmap Development', 'Policy & guideline development', 'Needs & competitive analysis',
    'Measurement, benchmarking & reporting', 'Trendspotting & synthesizing', 'Consulting', 'Executive coaching',
    'Content strategy development', 'Evaluating engagement techniques',
  ],
  Business: [
    'Program management', 'Business model development', 'Budget & financial management', 'Team hiring & management',
    'Selling, influencing & evangelizing', 'Community advocacy & promotion', 'Training development & delivery',
    'Vendor management', 'Governance management',
  ],
  Engagement: [
    'Listening & analyzing', 'Response and escalation', 'Moderation & conflict facilitation', 'Promoting productive behaviours',
    'Empathy & member support', 'Facilitating connections', 'New member recruitment', 'New member welcoming',
    'Member advocacy', 'Behaviour change & gamification',
  ],
  Technical: [
    'System admin & configuration', 'Data collection & analysis', 'Tool evaluation & recommendation', 'Technical Support',
    'Member database management', 'Platform architecture & integration', 'Software & application programming',
    'UX & Design', 'Algorithm design & data manipulation',
  ],
  Content: [
    'SEO', 'Taxonomy or tagging management', 'Program & Event planning', 'Curation', 'Editing', 'Narrative Development',
    'Multimedia Production', 'Graphics & Design', 'Writing', 'Communication planning',
  ],
  Sociocracy: [
    'Sociocracy basics', 'Consent decision-making', 'Circle structure & domains', 'Roles & role descriptions',
    'Selection (elections by consent)', 'Proposal forming', 'Policies & aims', 'Feedback & performance reviews',
    'Meeting facilitation', 'Rounds', 'Double linking', 'Objections & conflict', 'Organisational transition to sociocracy',
    'Sociocracy in communities & ecovillages', 'Sociocracy in schools', 'Facilitation training', 'Train the trainer',
  ],
};

export const DEFAULT_SKILLS: SkillEntry[] = Object.entries(framework).flatMap(([area, skills]) => skills.map((skill) => ({ area, skill })));

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

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
