/**
 * `GET /teams`: the account's teams, for filtering contacts with `team_uuid`. Names are typed by the
 * account's users, so they are untrusted like everything else in a response.
 */
import { CallbellError } from './errors';
import { messages } from './messages';
import { truncate } from './limits';

export interface Team {
  readonly uuid: string;
  readonly name: string;
  /** How many agents the team has, when the API says. */
  readonly members?: number;
}

export interface TeamsPage {
  readonly teams: Team[];
  /** Entries in the response's `teams` array, valid or not. */
  readonly rawCount: number;
  readonly page?: number;
  readonly pages?: number;
}

/** More teams than any account has; a server listing more is not describing a real one. */
export const MAX_TEAMS = 1000;
const MAX_UUID_LENGTH = 64;

/** One page of `GET /teams`; teams without a usable uuid are skipped. */
export function parseTeamsPage(json: unknown): TeamsPage {
  if (!isRecord(json) || !Array.isArray(json.teams)) {
    throw new CallbellError('invalidResponse', messages.invalidResponse(messages.detail.noTeams));
  }
  const teams: Team[] = [];
  for (const entry of json.teams as unknown[]) {
    const team = parseTeam(entry);
    if (team) teams.push(team);
  }
  const meta = isRecord(json.meta) ? json.meta : {};
  return {
    teams,
    rawCount: json.teams.length,
    ...(isPositiveInteger(meta.page) ? { page: meta.page } : {}),
    ...(isPositiveInteger(meta.pages) ? { pages: meta.pages } : {}),
  };
}

function parseTeam(value: unknown): Team | undefined {
  if (!isRecord(value)) return undefined;
  const { uuid, name } = value;
  // The uuid goes back in a query string: printable ASCII only, bounded.
  if (typeof uuid !== 'string' || uuid.length > MAX_UUID_LENGTH || !/^[\x21-\x7e]+$/.test(uuid)) return undefined;
  const members = memberCount(value);
  return {
    uuid,
    name: typeof name === 'string' ? truncate(name, 200).value : '',
    ...(members !== undefined ? { members } : {}),
  };
}

/** `members` as a count or as the list of members, whichever the API sends. */
function memberCount(team: Record<string, unknown>): number | undefined {
  const { members, membersCount } = team;
  if (typeof members === 'number' && Number.isSafeInteger(members) && members >= 0) return members;
  if (Array.isArray(members)) return members.length;
  if (typeof membersCount === 'number' && Number.isSafeInteger(membersCount) && membersCount >= 0) return membersCount;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * Every page of `GET /teams`, one after the other (accounts have a handful of teams): until
 * `meta.page >= meta.pages`, an empty page, or `maxPages`. Teams are de-duplicated by uuid.
 */
export async function loadAllTeams(fetchPage: (page: number) => Promise<TeamsPage>, maxPages: number): Promise<Team[]> {
  const teams = new Map<string, Team>();
  for (let page = 1; page <= maxPages; page++) {
    const result = await fetchPage(page);
    for (const team of result.teams) {
      if (!teams.has(team.uuid) && teams.size < MAX_TEAMS) teams.set(team.uuid, team);
    }
    if (result.rawCount === 0 || result.pages === undefined || page >= result.pages) break;
  }
  return [...teams.values()];
}
