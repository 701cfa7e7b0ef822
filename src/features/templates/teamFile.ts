// The team file committed with the workspace, `.vscode/aliyun-tickets.json`: ticket templates that New Ticket offers
// first, and saved queries that the Tickets view's Filter offers. Read here field by field: whoever committed the file
// is not the user, so every string is outside text (cut, hidden characters removed; each surface applies its own rule
// from common/untrustedText.ts when it shows one), and a broken file yields a clear problem list, never an exception.
// schemas/aliyun-tickets.schema.json describes the same shape for the editor (completion and validation). No vscode
// import: unit-tested in plain Node.
import type { SeverityValue, StatusName } from '../../api/types';
import { STATUS_NAMES } from '../../api/types';
import { t } from '../../common/l10n';
import { plainLine, plainLines } from '../../common/untrustedText';

/** Where the file lives in each workspace folder (documented in docs/tickets.md). */
export const TEAM_FILE_PATH = '.vscode/aliyun-tickets.json';

/** Limits far above what a team writes, so a huge or hostile file cannot fill quick picks or the draft. */
export const TEAM_FILE_LIMITS = {
  bytes: 256 * 1024,
  templates: 50,
  queries: 50,
  name: 80,
  product: 120,
  category: 120,
  titlePrefix: 80,
  description: 20_000,
  keyword: 100,
} as const;

export interface TicketTemplate {
  name: string;
  /** A product id or name, matched against the catalogue (catalogChoice.ts) when the template is used. */
  product?: string;
  /** A category id or name within the product. */
  category?: string;
  severity?: SeverityValue;
  titlePrefix?: string;
  /** The description skeleton with its placeholders (placeholders.ts). */
  description?: string;
}

export interface SavedQuery {
  name: string;
  statuses?: StatusName[];
  keyword?: string;
  /** A preset (last7, last30, last90, last365) or a range as the Filter's date step reads it ("2026-11-01 to …"). */
  created?: string;
}

export interface TeamFile {
  templates: TicketTemplate[];
  queries: SavedQuery[];
  /** What was wrong, one sentence each, in the display language; the entries in question were left out. */
  problems: string[];
}

export const EMPTY_TEAM_FILE: TeamFile = { templates: [], queries: [], problems: [] };

/** Each character outside strings goes through `outside` (which may consume more); strings are copied as they are. */
function mapOutsideStrings(text: string, outside: (at: number) => { out: string; next: number }): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      const step = outside(i);
      out += step.out;
      i = step.next;
    }
  }
  return out;
}

const CLOSING_AFTER_SPACE = /\s*[}\]]/y;

/**
 * JSON with comments and trailing commas (what VS Code's own `.vscode/*.json` files allow) made plain JSON: comments
 * become spaces and trailing commas a space, so offsets (and the parser's error position) stay those of the file.
 */
export function stripJsonComments(text: string): string {
  const withoutComments = mapOutsideStrings(text, (i) => {
    if (text[i] === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      return { out: ' '.repeat(stop - i), next: stop };
    }
    if (text[i] === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      return { out: text.slice(i, stop).replace(/[^\n]/g, ' '), next: stop };
    }
    return { out: text[i], next: i + 1 };
  });
  return mapOutsideStrings(withoutComments, (i) => {
    if (withoutComments[i] !== ',') return { out: withoutComments[i], next: i + 1 };
    CLOSING_AFTER_SPACE.lastIndex = i + 1;
    return { out: CLOSING_AFTER_SPACE.test(withoutComments) ? ' ' : ',', next: i + 1 };
  });
}

/** "line 3, column 7" for a parser's error offset in `text`. */
function whereIs(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return t('line {0}, column {1}', line, column);
}

function syntaxProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const where = position ? whereIs(text, Number(position[1])) : undefined;
  return where ? t('It is not valid JSON ({0}).', where) : t('It is not valid JSON.');
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** An optional one-line string field: undefined when absent or empty, a problem when of another type. */
function lineField(
  record: Record<string, unknown>,
  key: string,
  max: number,
  problem: (message: string) => void,
): string | undefined {
  const value = own(record, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') {
    problem(t('"{0}" must be text.', key));
    return undefined;
  }
  return plainLine(value, max) || undefined;
}

function severityField(record: Record<string, unknown>, problem: (message: string) => void): SeverityValue | undefined {
  const value = own(record, 'severity');
  if (value === undefined || value === null) return undefined;
  if (value === 'normal' || value === 1 || value === '1') return 1;
  if (value === 'urgent' || value === 2 || value === '2') return 2;
  problem(t('"severity" must be "normal" or "urgent".'));
  return undefined;
}

/** The description skeleton: a string, or an array of lines (easier to write in JSON). */
function descriptionField(record: Record<string, unknown>, problem: (message: string) => void): string | undefined {
  const value = own(record, 'description');
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value) && value.every((line) => typeof line === 'string')) text = value.join('\n');
  else {
    problem(t('"description" must be text or a list of lines.'));
    return undefined;
  }
  // Hidden characters go (the user must see every character support will read); the lines stay.
  return plainLines(text, TEAM_FILE_LIMITS.description) || undefined;
}

function nameOf(record: Record<string, unknown>): string {
  const value = own(record, 'name');
  return typeof value === 'string' ? plainLine(value, TEAM_FILE_LIMITS.name) : '';
}

/** A template or saved query: an object with a name, or nothing and a problem that names it by `label`. */
function namedEntry(
  raw: unknown,
  label: string,
  problems: string[],
): { record: Record<string, unknown>; name: string } | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(t('{0} is not an object.', label));
    return undefined;
  }
  const record = raw as Record<string, unknown>;
  const name = nameOf(record);
  if (!name) {
    problems.push(t('{0} has no "name".', label));
    return undefined;
  }
  return { record, name };
}

function parseTemplate(raw: unknown, index: number, problems: string[]): TicketTemplate | undefined {
  const entry = namedEntry(raw, t('Template {0}', index + 1), problems);
  if (!entry) return undefined;
  const { record, name } = entry;
  const problem = (message: string) => problems.push(`${t('Template “{0}”:', name)} ${message}`);
  const template: TicketTemplate = { name };
  const product = lineField(record, 'product', TEAM_FILE_LIMITS.product, problem);
  const category = lineField(record, 'category', TEAM_FILE_LIMITS.category, problem);
  const severity = severityField(record, problem);
  const titlePrefix = lineField(record, 'titlePrefix', TEAM_FILE_LIMITS.titlePrefix, problem);
  const description = descriptionField(record, problem);
  if (product) template.product = product;
  if (category) template.category = category;
  if (severity) template.severity = severity;
  if (titlePrefix) template.titlePrefix = titlePrefix;
  if (description) template.description = description;
  return template;
}

const STATUS_NAME_SET = new Set<string>(Object.values(STATUS_NAMES));

function parseQuery(raw: unknown, index: number, problems: string[]): SavedQuery | undefined {
  const entry = namedEntry(raw, t('Saved query {0}', index + 1), problems);
  if (!entry) return undefined;
  const { record, name } = entry;
  const problem = (message: string) => problems.push(`${t('Saved query “{0}”:', name)} ${message}`);
  const query: SavedQuery = { name };
  const statuses = own(record, 'statuses');
  if (statuses !== undefined) {
    const list = Array.isArray(statuses) ? statuses : [statuses];
    const known = list.filter((s): s is StatusName => typeof s === 'string' && STATUS_NAME_SET.has(s));
    if (known.length !== list.length) problem(t('"statuses" takes these names: {0}.', [...STATUS_NAME_SET].join(', ')));
    if (known.length) query.statuses = [...new Set(known)];
  }
  const keyword = lineField(record, 'keyword', TEAM_FILE_LIMITS.keyword + 1, problem);
  if (keyword && keyword.length > TEAM_FILE_LIMITS.keyword) problem(t('Keep the keyword under 100 characters.'));
  else if (keyword) query.keyword = keyword;
  const created = lineField(record, 'created', 60, problem);
  if (created) query.created = created;
  return query;
}

function parseList<T>(
  value: unknown,
  key: string,
  max: number,
  parse: (raw: unknown, index: number, problems: string[]) => T | undefined,
  problems: string[],
): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(t('"{0}" must be a list.', key));
    return [];
  }
  if (value.length > max) problems.push(t('Only the first {0} entries of "{1}" are used.', max, key));
  const seen = new Set<string>();
  const items: T[] = [];
  value.slice(0, max).forEach((raw, index) => {
    const item = parse(raw, index, problems) as (T & { name: string }) | undefined;
    if (!item) return;
    if (seen.has(item.name)) {
      problems.push(t('“{0}” is in "{1}" twice; the first one is used.', item.name, key));
      return;
    }
    seen.add(item.name);
    items.push(item);
  });
  return items;
}

/** The team file's templates and saved queries, and what was wrong with it. Never throws. */
export function parseTeamFile(text: string): TeamFile {
  if (text.length > TEAM_FILE_LIMITS.bytes) {
    return { ...EMPTY_TEAM_FILE, problems: [t('It is larger than {0} KB.', TEAM_FILE_LIMITS.bytes / 1024)] };
  }
  const source = text.replace(/^\uFEFF/, '');
  if (!source.trim()) return EMPTY_TEAM_FILE;
  let data: unknown;
  try {
    data = JSON.parse(stripJsonComments(source));
  } catch (error) {
    return { ...EMPTY_TEAM_FILE, problems: [syntaxProblem(source, error)] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { ...EMPTY_TEAM_FILE, problems: [t('It must hold an object with "templates" and "savedQueries".')] };
  }
  const record = data as Record<string, unknown>;
  const problems: string[] = [];
  const templates = parseList(
    own(record, 'templates'),
    'templates',
    TEAM_FILE_LIMITS.templates,
    parseTemplate,
    problems,
  );
  const queries = parseList(
    own(record, 'savedQueries'),
    'savedQueries',
    TEAM_FILE_LIMITS.queries,
    parseQuery,
    problems,
  );
  return { templates, queries, problems };
}
