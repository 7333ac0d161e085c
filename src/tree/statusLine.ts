import * as vscode from 'vscode';
import { plainText, sourceLabel } from '../contacts/display';
import { type ContactFilter, isFiltered, tagMatchOf } from '../contacts/filter';
import type { GroupBy } from '../contacts/grouping';

/** What narrows the view and how many contacts it shows: the status line's input. */
export interface Narrowing {
  readonly filter: ContactFilter;
  readonly teamName: string | undefined;
  readonly text: string;
  /** Contacts the view shows, out of `total`. */
  readonly shown: number;
  readonly total: number;
  /** The listing `shown` comes from ended early (still loading, or cut at Callbell's limit). */
  readonly shownPartial: boolean;
  /** The listing `total` counts ended early too. */
  readonly totalPartial: boolean;
  /** About how many contacts the partial listing would hold, when Callbell said. */
  readonly estimatedTotal: number | undefined;
}

/** A filter or a text filter narrows what the view shows. */
export function isNarrowed(narrowing: Narrowing): boolean {
  return isFiltered(narrowing.filter) || narrowing.text.trim() !== '';
}

/**
 * The loaded view in one short line, because the message area is what VS Code draws above the tree
 * (a view's description is not drawn while it is alone in its container): whose contacts, how they
 * are narrowed, how many, how grouped. “Instagram · tags: Lead · 4 of 300 contacts · by tag”,
 * “10,000 of about 12,000 contacts · by tag”. Every part is plain text; an empty one is left out.
 */
export function statusLine(parts: { readonly account: string | undefined; readonly narrowing: Narrowing; readonly groupBy: GroupBy }): string {
  const account = plainText(parts.account ?? '', 60);
  return [account, ...countParts(parts.narrowing), groupingLabel(parts.groupBy)].filter((part) => part !== '').join(' · ');
}

/** “Loading contacts… 1,200 of about 12,000”, or “… 1,200 so far” when Callbell does not say how many. */
export function loadingLine(loaded: number, expected: number | undefined): string {
  if (expected !== undefined && expected > loaded) return vscode.l10n.t('Loading contacts… {0} of about {1}', count(loaded), count(expected));
  return loaded > 0 ? vscode.l10n.t('Loading contacts… {0} so far', count(loaded)) : vscode.l10n.t('Loading contacts…');
}

/** A group's count, marked while the listing is partial: the group may hold more than the rows loaded. */
export function groupCount(value: number, partial: boolean): string {
  return partial ? vscode.l10n.t('{0}+', count(value)) : count(value);
}

/** Each part of a filter, data made plain: source, tags (with how they combine), team, assignee. */
export function filterParts(filter: ContactFilter, teamName: string | undefined): string[] {
  const parts: string[] = [];
  if (filter.source !== undefined) parts.push(plainText(sourceLabel(filter.source), 40));
  const tags = (filter.tags ?? []).map((tag) => plainText(tag, 40)).filter((tag) => tag !== '');
  if (tags.length > 0) {
    const joiner = tagMatchOf(filter) === 'any' ? vscode.l10n.t('OR') : vscode.l10n.t('AND');
    parts.push(vscode.l10n.t('tags: {0}', tags.join(` ${joiner} `)));
  }
  if (filter.teamUuid !== undefined) parts.push(vscode.l10n.t('team: {0}', plainText(teamName ?? filter.teamUuid.slice(0, 8), 40)));
  if (filter.assignedUser !== undefined) parts.push(vscode.l10n.t('assigned to: {0}', plainText(filter.assignedUser, 40)));
  return parts;
}

function countParts(narrowing: Narrowing): string[] {
  const { shown, total } = narrowing;
  if (!isNarrowed(narrowing)) {
    if (!narrowing.shownPartial) return [shown === 1 ? vscode.l10n.t('1 contact') : vscode.l10n.t('{0} contacts', count(shown))];
    const estimate = narrowing.estimatedTotal;
    return [estimate !== undefined && estimate > shown ? vscode.l10n.t('{0} of about {1} contacts', count(shown), count(estimate)) : vscode.l10n.t('{0}+ contacts', count(shown))];
  }
  const parts = filterParts(narrowing.filter, narrowing.teamName);
  const text = plainText(narrowing.text, 40);
  const [of, all] = [groupCount(shown, narrowing.shownPartial), groupCount(total, narrowing.totalPartial)];
  if (text === '') parts.push(total === 1 && !narrowing.totalPartial ? vscode.l10n.t('{0} of 1 contact', of) : vscode.l10n.t('{0} of {1} contacts', of, all));
  else parts.push(total === 1 && !narrowing.totalPartial ? vscode.l10n.t('{0} of 1 contact matches “{1}”', of, text) : vscode.l10n.t('{0} of {1} contacts match “{2}”', of, all, text));
  return parts;
}

function groupingLabel(groupBy: GroupBy): string {
  return {
    tag: vscode.l10n.t('by tag'),
    source: vscode.l10n.t('by source'),
    assignedUser: vscode.l10n.t('by assigned user'),
    none: '',
  }[groupBy];
}

function count(value: number): string {
  return value.toLocaleString(vscode.env.language);
}

/** "12 minutes ago", "3 hours ago", "yesterday", in the user's language. */
export function formatAge(then: number, now: number): string {
  const seconds = Math.round((then - now) / 1000);
  const format = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [['second', 60], ['minute', 60], ['hour', 24], ['day', Infinity]];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return format.format(value, unit);
    value = Math.round(value / size);
  }
  return format.format(value, 'day');
}
