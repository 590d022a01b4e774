/**
 * Default registry content that only Set up needs: email templates and the skills taxonomy.
 * It ships as dist/Defaults.html (JSON), read on demand through HtmlService, so it does not
 * weigh on Code.js, which every execution loads. Node-side only: src/ code reads it with
 * gas/defaults.ts, never by importing this file.
 */
import templates from './templates.json';
import skills from './skills.json';
import settings from './settings.json';
import forms from './forms.json';
import sheets from './sheets.json';
import circles from './circles.json';
import type { TemplateRow } from '../domain/templates';
import type { Defaults } from '../gas/defaults';
import { skillEntries, type SkillEntry } from '../domain/taxonomy';

export const DEFAULTS: Defaults = { templates, skills, settings, forms, sheets, circles };
export const DEFAULT_SETTING_ROWS = settings;
export const DEFAULT_TEMPLATES: TemplateRow[] = templates;
export const DEFAULT_SKILLS: SkillEntry[] = skillEntries(skills);
